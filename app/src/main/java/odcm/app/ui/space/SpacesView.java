package odcm.app.ui.space;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
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

/** Spaces screen: the local spaces, one selected with its certificate, and what can be done to it. */
public final class SpacesView implements Screen {
    static final List<ExtensionFilter> CERTIFICATE_FILES = List.of(
            new ExtensionFilter("PEM certificate (*.pem)", "*.pem"),
            new ExtensionFilter("DER certificate (*.der, *.cer)", "*.der", "*.cer"));

    private final SpacesViewModel vm;
    private final FilePicker files;
    private final BorderPane root = new BorderPane();
    private final TableView<Space> table = Tables.table("spaces-table");

    public SpacesView(SpacesViewModel vm, FilePicker files) {
        this.vm = vm;
        this.files = files;
        root.setId("spaces-screen");
        root.setPadding(new Insets(16));

        Button create = Forms.button("new-space", "_New space…", "Create a local space with its own key pair (Ctrl+N)", this::newSpace);
        TextField filter = new TextField();
        filter.setId("spaces-filter");
        filter.setPromptText("Filter by name, description or fingerprint");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        VBox top = new VBox(8, ScreenHeader.create("Spaces", "The local spaces of this console. Each has its own key pair and certificate.",
                create, null, filter), new MessageLine("spaces-message", vm.messageProperty(), vm.messageIsErrorProperty()));
        top.setPadding(new Insets(0, 0, 12, 0));
        root.setTop(top);

        table.getColumns().setAll(List.of(
                Tables.<Space>column("Name", 160, Space::name),
                Tables.<Space>column("Description", 220, Space::description),
                Tables.<Space>fixed("Key", 130, s -> s.certificate().keyDescription()),
                Tables.<Space>fixed("Fingerprint", 190, s -> Formats.shortFingerprint(s.certificate().fingerprint()))));
        table.setItems(vm.shown());
        table.setPlaceholder(Forms.emptyState("spaces-empty",
                "No local spaces yet. Create the spaces of this network with New space (Ctrl+N)."));
        vm.shown().predicateProperty().addListener((o, was, now) -> table.setPlaceholder(vm.all().isEmpty()
                ? Forms.emptyState("spaces-empty", "No local spaces yet. Create the spaces of this network with New space (Ctrl+N).")
                : Forms.emptyState("spaces-empty", "No space matches the filter.")));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null || !vm.shown().contains(vm.selectedProperty().get())) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && vm.selectedProperty().get() != null) {
                delete();
            }
        });

        // Table above, detail below: both get the full width, so names and the fingerprint are never cut.
        SplitPane split = new SplitPane(table, detail());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        root.setCenter(split);
    }

    private Node detail() {
        Label name = new Label();
        name.setId("space-detail-name");
        name.getStyleClass().add(Css.SECTION_TITLE);
        name.setWrapText(true);
        Label description = new Label();
        description.setId("space-detail-description");
        description.setWrapText(true);
        Label created = new Label();
        created.getStyleClass().add(Css.HINT);
        CertificateDetails cert = new CertificateDetails("space-cert", true);
        HBox actions = new HBox(8,
                Forms.button("save-certificate", "_Save certificate…", "Save this space's certificate as PEM or DER, to hand to another network", this::saveCertificate),
                Forms.button("rename-space", "_Rename…", "Give this space another name", this::rename),
                Forms.button("delete-space", "_Delete…", "Delete this space (refused while a trust refers to it)", this::delete));
        // Actions next to the name, so they stay in sight however small the pane is.
        HBox head = new HBox(16, name, new javafx.scene.layout.Region(), actions);
        HBox.setHgrow(head.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox filled = new VBox(10, head, description, created, cert);
        filled.getStyleClass().add(Css.DETAIL);
        Label none = Forms.emptyState("space-detail-none", "Select a space to see its certificate and fingerprint.");
        StackPane.setAlignment(none, javafx.geometry.Pos.CENTER);

        // No "select a space" hint while there is nothing to select: the table's empty state says what to do.
        none.visibleProperty().bind(vm.selectedProperty().isNull().and(javafx.beans.binding.Bindings.isNotEmpty(vm.all())));
        vm.selectedProperty().addListener((o, was, s) -> {
            filled.setVisible(s != null);
            if (s != null) {
                name.setText(s.name());
                description.setText(s.description().isEmpty() ? "No description." : s.description());
                created.setText("Created " + Formats.dateTime(s.createdAt()));
                cert.show(s.certificate());
            }
        });
        filled.setVisible(false);
        ScrollPane scroll = new ScrollPane(filled);
        scroll.setFitToWidth(true);
        return new StackPane(scroll, none);
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void newSpace() {
        NewSpaceDialog.create(window(), vm.newSpace(), created -> {
            vm.filterProperty().set("");
            vm.showInfo("Created " + created.describe() + ". Save its certificate to hand it to the spaces it works with.");
            vm.refresh(created.name());
        }).show();
    }

    private void saveCertificate() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            files.save(window(), "Save the certificate of " + s.describe(), SpacesViewModel.certificateFileName(s), CERTIFICATE_FILES)
                    .ifPresent(vm::saveCertificate);
        }
    }

    private void rename() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            RenameSpaceDialog.create(window(), vm.rename(s), renamed -> {
                vm.showInfo("Renamed " + s.describe() + " to '" + renamed.name() + "'.");
                vm.refresh(renamed.name());
            }).show();
        }
    }

    private void delete() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            ConfirmDialog.create(window(), vm.runner(), "delete-space", "Delete " + s.describe(),
                    "Delete " + s.describe() + "? This cannot be undone: its key pair and certificate go with it.",
                    "Delete", "Deleting " + s.describe(), () -> {
                        vm.delete(s);
                        return null;
                    }, () -> vm.deleted(s)).show();
        }
    }

    @Override
    public String title() {
        return "Spaces";
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
        return Optional.of(this::newSpace);
    }
}
