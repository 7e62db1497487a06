package odcm.app.ui.space;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
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
public final class SpacesView {
    static final List<ExtensionFilter> CERTIFICATE_FILES = List.of(
            new ExtensionFilter("PEM certificate (*.pem)", "*.pem"),
            new ExtensionFilter("DER certificate (*.der, *.cer)", "*.der", "*.cer"));

    private final SpacesViewModel vm;
    private final FilePicker files;
    private final BorderPane root = new BorderPane();
    private final TableView<Space> table = Tables.table("spaces-table");

    private final odcm.app.ui.common.RoleGate gate;
    /** Why the person may not change the selected space (the service's sentence naming the role), or "". */
    private final javafx.beans.binding.StringBinding mayNot;

    public SpacesView(SpacesViewModel vm, FilePicker files, odcm.app.ui.common.RoleGate gate) {
        this.vm = vm;
        this.files = files;
        this.gate = gate;
        this.mayNot = gate.why(p -> vm.selectedProperty().get() == null ? java.util.Optional.empty()
                : p.refusal(odcm.model.role.Action.CHANGE_SPACE, vm.selectedProperty().get().name(), null), vm.selectedProperty());
        Button create = Forms.button("new-space", "_New space…", "Create a local space with its own key pair (Ctrl+N)", this::newSpace);
        TextField filter = new TextField();
        filter.setId("spaces-filter");
        filter.setPromptText("Filter by name, description or fingerprint");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        ScreenHeader.place(root, "spaces-screen", ScreenHeader.create("Spaces",
                "The local spaces of this console. Each has its own key pair and certificate.", create, null, filter),
                new MessageLine("spaces-message", vm.message()));

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
        Tables.bindSelection(table, vm.selectedProperty());
        Tables.onDelete(table, this::delete);
        root.setCenter(Forms.aboveBelow(table, detail(), 0.38));
    }

    private Node detail() {
        Label name = Forms.sectionTitle("space-detail-name");
        Label description = new Label();
        description.setId("space-detail-description");
        description.setWrapText(true);
        Label created = new Label();
        created.getStyleClass().add(Css.HINT);
        CertificateDetails cert = new CertificateDetails("space-cert", true);
        HBox head = Forms.detailHead(name,
                Forms.button("save-certificate", "_Save certificate…", "Save this space's certificate as PEM or DER, to hand to another network", this::saveCertificate),
                gated(Forms.button("rotate-key", "Rotate _key…", "Give this space a new key pair and certificate, and write the"
                        + " rotation statement for the consoles that know it", this::rotateKey)),
                gated(Forms.button("rename-space", "_Rename…", "Give this space another name", this::rename)),
                gated(Forms.button("describe-space", "Edit _description…", "Say what this space is for", this::describe)),
                gated(Forms.button("delete-space", "_Delete…", "Delete this space (refused while a trust refers to it)", this::delete)));
        Label overlap = Forms.problem("space-detail-overlap", vm.overlapProperty(), Css.HINT);
        VBox filled = new VBox(10, head, description, created, overlap, cert);
        vm.selectedProperty().addListener((o, was, s) -> {
            if (s != null) {
                name.setText(s.name());
                description.setText(s.description().isEmpty() ? "No description." : s.description());
                created.setText("Created " + Formats.dateTime(s.createdAt()));
                cert.show(s.certificate(), vm.nowProperty().get());
            }
        });
        return Forms.selectionDetail(filled, Forms.emptyState("space-detail-none", "Select a space to see its certificate and fingerprint."),
                vm.selectedProperty(), vm.all());
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void newSpace() {
        NewSpaceDialog.create(window(), vm.newSpace(), created -> {
            vm.filterProperty().set("");
            vm.changed("Created " + created.describe() + ". Save its certificate to hand it to the spaces it works with.", created);
        }).show();
    }

    private void saveCertificate() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            files.save(window(), "Save the certificate of " + s.describe(), SpacesViewModel.certificateFileName(s), CERTIFICATE_FILES)
                    .ifPresent(vm::saveCertificate);
        }
    }

    /** {@code button}, disabled while the person may not change the selected space, its wrapper saying why. */
    private Node gated(Button button) {
        return odcm.app.ui.common.RoleGate.gated(button, vm.selectedProperty().isNull(), mayNot);
    }

    /** Whether the selected space may be changed (asked by the Delete key too); otherwise the reason is said on the screen. */
    private boolean permitted() {
        return odcm.app.ui.common.RoleGate.permitted(mayNot, vm.message());
    }

    static final List<ExtensionFilter> STATEMENT_FILES = List.of(new ExtensionFilter("Key statement (*.odcmkeys)",
            "*" + odcm.packaging.bundle.KeyStatementFormat.EXTENSION));

    /** Where the statement goes first (the file chooser), then the dialog that names the consequences. */
    private void rotateKey() {
        Space s = vm.selectedProperty().get();
        if (s != null && permitted()) {
            files.save(window(), "Save the rotation statement of " + s.describe(), SpacesViewModel.statementFileName(s), STATEMENT_FILES)
                    .ifPresent(file -> RotateKeyDialog.create(window(), vm.rotateKey(s, file),
                            rotated -> vm.changed(rotated.sentence() + " The statement is in " + file + ".", rotated.space())).show());
        }
    }

    private void rename() {
        Space s = vm.selectedProperty().get();
        if (s != null && permitted()) {
            RenameSpaceDialog.create(window(), vm.rename(s),
                    renamed -> vm.changed("Renamed " + s.describe() + " to '" + renamed.name() + "'.", renamed)).show();
        }
    }

    private void describe() {
        Space s = vm.selectedProperty().get();
        if (s != null && permitted()) {
            DescribeSpaceDialog.create(window(), vm.describe(s),
                    described -> vm.changed("Changed the description of " + s.describe() + ".", described)).show();
        }
    }

    private void delete() {
        Space s = vm.selectedProperty().get();
        if (s != null && permitted()) {
            ConfirmDialog.create(window(), vm.runner(), "delete-space", "Delete " + s.describe(),
                    "Delete " + s.describe() + "? This cannot be undone: its key pair and certificate go with it.",
                    "Delete", "Deleting " + s.describe(), () -> vm.delete(s), () -> vm.deleted(s)).show();
        }
    }

    public Screen screen() {
        return new Screen("Spaces", root, () -> {
            gate.refresh();
            vm.refresh();
        }, this::newSpace);
    }
}
