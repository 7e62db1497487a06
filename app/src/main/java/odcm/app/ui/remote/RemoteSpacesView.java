package odcm.app.ui.remote;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.CertificateDetails;
import odcm.app.ui.common.ConfirmDialog;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.space.Space;
import odcm.persistence.space.StoredCertificate;

/** Remote spaces screen: spaces of other consoles, known by the certificate exchanged by hand. */
public final class RemoteSpacesView implements Screen {
    private static final String EMPTY = "No remote spaces yet. Add the spaces of other networks from the certificate files "
            + "their consoles saved, with Add remote space (Ctrl+N).";
    private final RemoteSpacesViewModel vm;
    private final FilePicker files;
    private final BorderPane root = new BorderPane();
    private final TableView<Space> table = Tables.table("remotes-table");

    public RemoteSpacesView(RemoteSpacesViewModel vm, FilePicker files) {
        this.vm = vm;
        this.files = files;
        root.setId("remotes-screen");
        root.setPadding(new Insets(16));
        VBox top = new VBox(8, ScreenHeader.create("Remote spaces",
                        "Spaces managed by other consoles, usually in other networks. Check each certificate's fingerprint with the other side.",
                        Forms.button("add-remote", "_Add remote space…", "Add a remote space from its certificate (Ctrl+N)", this::add)),
                new MessageLine("remotes-message", vm.messageProperty(), vm.messageIsErrorProperty()));
        top.setPadding(new Insets(0, 0, 12, 0));
        root.setTop(top);

        table.getColumns().setAll(List.of(
                Tables.<Space>column("Name", 160, Space::name),
                Tables.<Space>column("Subject", 200, s -> s.certificate().subject()),
                Tables.<Space>fixed("Valid until", 100, s -> Formats.date(s.certificate().notAfter())),
                Tables.<Space>fixed("Fingerprint", 190, s -> Formats.shortFingerprint(s.certificate().fingerprint()))));
        table.setItems(vm.all());
        table.setPlaceholder(Forms.emptyState("remotes-empty", EMPTY));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && vm.selectedProperty().get() != null) {
                remove();
            }
        });
        SplitPane split = new SplitPane(table, detail());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        root.setCenter(split);
    }

    private Node detail() {
        Label name = new Label();
        name.setId("remote-detail-name");
        name.getStyleClass().add(Css.SECTION_TITLE);
        name.setWrapText(true);
        Label description = new Label();
        description.setWrapText(true);
        CertificateDetails cert = new CertificateDetails("remote-cert", true);
        HBox actions = new HBox(8,
                Forms.button("replace-certificate", "_Replace certificate…", "The other side rotated its key: take its new certificate", this::replace),
                Forms.button("remove-remote", "Re_move…", "Remove this remote space (refused while a trust refers to it)", this::remove));
        Label historyTitle = new Label("Earlier certificates");
        historyTitle.getStyleClass().add(Css.FIELD_NAME);
        ListView<StoredCertificate> history = new ListView<>(vm.history());
        history.setId("remote-history");
        history.setPrefHeight(84);
        history.setPlaceholder(Forms.hint("None: this is the space's first certificate."));
        history.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(StoredCertificate c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : Formats.shortFingerprint(c.info().fingerprint()) + "   added "
                        + Formats.dateTime(c.addedAt()) + ", retired " + Formats.dateTime(c.retiredAt()));
            }
        });
        HBox head = new HBox(16, name, new javafx.scene.layout.Region(), actions);
        HBox.setHgrow(head.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox filled = new VBox(10, head, description, cert, historyTitle, history);
        filled.getStyleClass().add(Css.DETAIL);
        filled.setVisible(false);
        Label none = Forms.emptyState("remote-detail-none", "Select a remote space to see its certificate and its earlier ones.");
        // No "select a space" hint while there is nothing to select: the table's empty state says what to do.
        none.visibleProperty().bind(vm.selectedProperty().isNull().and(javafx.beans.binding.Bindings.isNotEmpty(vm.all())));
        vm.selectedProperty().addListener((o, was, s) -> {
            filled.setVisible(s != null);
            if (s != null) {
                name.setText(s.name());
                description.setText(s.description().isEmpty() ? "No description." : s.description());
                cert.show(s.certificate());
            }
        });
        ScrollPane scroll = new ScrollPane(filled);
        scroll.setFitToWidth(true);
        return new StackPane(scroll, none);
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void add() {
        CertificateInputDialog.create(window(), vm.add(), files, saved -> {
            vm.showInfo("Added " + saved.describe() + ".");
            vm.refresh(saved.name());
        }).show();
    }

    private void replace() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            CertificateInputDialog.create(window(), vm.replace(s), files, saved -> {
                vm.showInfo("Replaced the certificate of " + s.describe() + "; the earlier one is kept in its history.");
                vm.refresh(saved.name());
            }).show();
        }
    }

    private void remove() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            ConfirmDialog.create(window(), vm.runner(), "remove-remote", "Remove " + s.describe(),
                    "Remove " + s.describe() + "? Bundles and receipts signed by it can no longer be checked here until it is added again.",
                    "Remove", "Removing " + s.describe(), () -> {
                        vm.remove(s);
                        return null;
                    }, () -> vm.removed(s)).show();
        }
    }

    @Override
    public String title() {
        return "Remote spaces";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.refresh();
    }

    @Override
    public Optional<Runnable> newAction() {
        return Optional.of(this::add);
    }
}
