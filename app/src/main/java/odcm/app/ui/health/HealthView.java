package odcm.app.ui.health;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.service.HealthService;
import odcm.app.service.HealthService.Finding;
import odcm.app.service.HealthService.Report;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Tables;

/**
 * The status bar's count of what expires ("2 expire soon, 1 expired"), and the Expiry dialog it opens: a table of the
 * findings (state, kind, name, space, expires, days left) with N adjustable and, below, the selected one's sentence.
 * A dialog rather than a screen: it is about the whole store, not the current space, and the count is its way in.
 */
public final class HealthView {
    static final String SOON = "expires-soon";
    private final HealthViewModel model;
    private final Hyperlink link = new Hyperlink();
    private Dialog<ButtonType> dialog;

    public HealthView(HealthViewModel model) {
        this.model = model;
        link.setId("status-health");
        link.setMnemonicParsing(false);
        link.getStyleClass().add("health-link");
        link.setVisible(false); // until the first check is done
        link.setManaged(false);
        link.setTooltip(new Tooltip("Certificates, trusts and bundles that expire soon or have: click for the list"));
        link.setOnAction(e -> open(link.getScene() == null ? null : link.getScene().getWindow()));
        model.reportProperty().addListener((o, was, r) -> show(r));
    }

    private void show(Report r) {
        link.setText(r.summary().replaceAll("\\.$", ""));
        link.getStyleClass().removeAll("health-expired", "health-soon");
        if (r.expired() > 0 || r.soon() > 0) {
            link.getStyleClass().add(r.expired() > 0 ? "health-expired" : "health-soon");
        }
        link.setVisible(true);
        link.setManaged(true);
    }

    /** The status bar's link: hidden until the first check is done. */
    public Hyperlink statusLink() {
        return link;
    }

    /** Opens the Expiry dialog (once; again it comes to the front), checking again. */
    public void open(Window owner) {
        if (dialog == null) {
            dialog = dialog();
            if (owner != null) {
                dialog.initOwner(owner);
            }
        }
        model.refresh();
        if (dialog.isShowing()) {
            dialog.getDialogPane().getScene().getWindow().requestFocus();
        } else {
            dialog.show();
        }
    }

    private Dialog<ButtonType> dialog() {
        Dialog<ButtonType> a = new Dialog<>();
        a.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        a.setTitle("Expiry");
        a.setHeaderText("What expires soon, or has");
        a.setResizable(true);
        DialogPane pane = a.getDialogPane();
        pane.setId("health-dialog");
        pane.getStylesheets().add(Css.stylesheet());

        Spinner<Integer> days = new Spinner<>(1, HealthService.MAX_DAYS, model.daysProperty().get());
        days.setId("health-days");
        days.setEditable(true);
        days.setPrefWidth(96);
        days.valueProperty().addListener((o, was, now) -> model.daysProperty().set(now));
        Label within = new Label("Within");
        Label daysWord = new Label("days, and what has expired");
        HBox top = new HBox(8, within, days, daysWord);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        TableView<Finding> table = Tables.table("health-table");
        var state = Tables.marked("State", 100, Finding::state, Finding::expired, Css.CERTIFICATE_INVALID);
        state.getStyleClass().add("health-state"); // its cells: danger when expired, warning in a row that expires soon
        table.getColumns().add(state);
        table.getColumns().add(Tables.column("Days left", 80, f -> Long.toString(f.daysLeft())));
        // The date in UTC, as the sentence and the days left count it (decision 0055).
        table.getColumns().add(Tables.column("Expires (UTC)", 110, f -> f.expires().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString()));
        table.getColumns().add(Tables.column("Kind", 130, f -> f.kind().words()));
        table.getColumns().add(Tables.column("Name", 240, Finding::name));
        table.getColumns().add(Tables.column("Space", 140, Finding::space));
        table.setItems(model.findings());
        Label empty = new Label();
        empty.setId("health-empty");
        empty.getStyleClass().add(Css.EMPTY_STATE);
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        model.reportProperty().addListener((o, was, r) -> empty.setText(r == null ? "" : r.summary()));
        if (model.reportProperty().get() != null) {
            empty.setText(model.reportProperty().get().summary());
        }
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Finding f, boolean blank) {
                super.updateItem(f, blank);
                getStyleClass().remove(SOON);
                if (!blank && f != null && !f.expired()) {
                    getStyleClass().add(SOON);
                }
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Label sentence = new Label();
        sentence.setId("health-sentence");
        sentence.setWrapText(true);
        sentence.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped whole, never cut short
        sentence.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Finding f = table.getSelectionModel().getSelectedItem();
            return f != null ? f.sentence() : model.findings().isEmpty() ? "" : "Select a row to read what it means and what to do.";
        }, table.getSelectionModel().selectedItemProperty(), model.findings()));

        VBox content = new VBox(10, top, table, sentence, new MessageLine("health-message", model.message()));
        content.getStyleClass().add(Css.FORM);
        pane.setContent(content);
        pane.setPrefSize(1040, 460); // every column and a long trust's name in sight
        pane.setMinSize(1040, 460);
        pane.lookupButton(ButtonType.CLOSE).setId("health-close");
        return a;
    }
}
