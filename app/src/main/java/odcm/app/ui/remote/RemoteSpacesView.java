package odcm.app.ui.remote;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
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
public final class RemoteSpacesView {
    private static final String EMPTY = "No remote spaces yet. Add the spaces of other networks from the certificate files "
            + "their consoles saved, with Add remote space (Ctrl+N).";
    private final RemoteSpacesViewModel vm;
    private final FilePicker files;
    private final BorderPane root = new BorderPane();
    private final TableView<Space> table = Tables.table("remotes-table");

    private final odcm.app.ui.common.RoleGate gate;

    public RemoteSpacesView(RemoteSpacesViewModel vm, FilePicker files, odcm.app.ui.common.RoleGate gate) {
        this.vm = vm;
        this.gate = gate;
        this.files = files;
        ScreenHeader.place(root, "remotes-screen", ScreenHeader.create("Remote spaces",
                        "Spaces managed by other consoles, usually in other networks. Check each certificate's fingerprint with the other side.",
                        gate.gate(Forms.button("add-remote", "_Add remote space…", "Add a remote space from its certificate (Ctrl+N)", this::add),
                                new javafx.beans.property.SimpleBooleanProperty(false), p -> p.refusalInAnySpace(odcm.model.role.Action.CHANGE_REMOTE_SPACES))),
                new MessageLine("remotes-message", vm.message()));

        table.getColumns().setAll(List.of(
                Tables.<Space>column("Name", 160, Space::name),
                Tables.<Space>column("Subject", 200, s -> s.certificate().subject()),
                // A certificate that is not valid now cannot check anything its space signs: say so in red.
                Tables.<Space>marked("Valid until", 150, s -> vm.validityProblem(s).isEmpty() ? Formats.date(s.certificate().notAfter())
                        : vm.validityProblem(s).startsWith("Expired") ? vm.validityProblem(s) : "Not yet valid",
                        s -> !vm.validityProblem(s).isEmpty(), Css.CERTIFICATE_INVALID),
                Tables.<Space>fixed("Fingerprint", 190, s -> Formats.shortFingerprint(s.certificate().fingerprint()))));
        table.setItems(vm.all());
        table.setPlaceholder(Forms.emptyState("remotes-empty", EMPTY));
        Tables.bindSelection(table, vm.selectedProperty());
        Tables.onDelete(table, this::remove);
        root.setCenter(Forms.aboveBelow(table, detail(), 0.3));
    }

    private Node detail() {
        Label name = Forms.sectionTitle("remote-detail-name");
        Label description = new Label();
        description.setWrapText(true);
        CertificateDetails cert = new CertificateDetails("remote-cert", true);
        HBox head = Forms.detailHead(name,
                Forms.button("import-statement", "_Import key statement…", "The other side rotated its key or declared it compromised:"
                        + " import its key statement (.odcmkeys)", this::importStatement),
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
                setText(empty || c == null ? null : Formats.shortFingerprint(c.info().fingerprint()) + "   " + vm.earlier(c));
            }
        });
        Label unconfirmed = new Label("Nobody has confirmed this certificate's fingerprint with the other side yet:"
                + " it cannot be trusted until someone does.");
        unconfirmed.setId("remote-unconfirmed");
        unconfirmed.setWrapText(true);
        unconfirmed.getStyleClass().add(Css.WARNING);
        HBox confirmRow = new HBox(10, unconfirmed, Forms.button("confirm-fingerprint", "_Confirm fingerprint…",
                "Type the fingerprint the other side reads out to you", this::confirm));
        confirmRow.visibleProperty().bind(vm.confirmedProperty().not());
        confirmRow.managedProperty().bind(confirmRow.visibleProperty());
        Label compromised = Forms.problem("remote-compromised", vm.compromisedProperty(), Css.ERROR);
        VBox filled = new VBox(10, head, description, compromised, confirmRow, cert, historyTitle, history);
        vm.selectedProperty().addListener((o, was, s) -> {
            if (s != null) {
                name.setText(s.name());
                description.setText(s.description().isEmpty() ? "No description." : s.description());
                cert.show(s.certificate(), vm.nowProperty().get());
            }
        });
        return Forms.selectionDetail(filled,
                Forms.emptyState("remote-detail-none", "Select a remote space to see its certificate and its earlier ones."),
                vm.selectedProperty(), vm.all());
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void add() {
        if (gate.refusal(p -> p.refusalInAnySpace(odcm.model.role.Action.CHANGE_REMOTE_SPACES)).map(why -> { vm.message().error(why); return true; }).orElse(false)) {
            return; // Ctrl+N on a disabled Add remote space…
        }
        CertificateInputDialog.create(window(), vm.add(), files, saved -> vm.changed("Added " + saved.describe() + ".", saved)).show();
    }

    private void replace() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            CertificateInputDialog.create(window(), vm.replace(s), files, saved -> vm.changed(
                    "Replaced the certificate of " + s.describe() + "; the earlier one is kept in its history.", saved)).show();
        }
    }

    private void importStatement() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            files.open(window(), "Import a key statement of " + s.describe(), List.of(new javafx.stage.FileChooser.ExtensionFilter(
                    "Key statement (*.odcmkeys)", "*" + odcm.packaging.bundle.KeyStatementFormat.EXTENSION))).ifPresent(file ->
                    ImportStatementDialog.create(window(), vm.importStatement(s, file), imported -> vm.changed(imported.sentence(), s)).show());
        }
    }

    private void confirm() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            ConfirmFingerprintDialog.create(window(), vm.confirm(s), confirmed -> vm.changed(
                    "Confirmed the fingerprint of " + confirmed.describe() + "; it can now be trusted.", confirmed)).show();
        }
    }

    private void remove() {
        Space s = vm.selectedProperty().get();
        if (s != null) {
            ConfirmDialog.create(window(), vm.runner(), "remove-remote", "Remove " + s.describe(),
                    "Remove " + s.describe() + "? Bundles and receipts signed by it can no longer be checked here until it is added again.",
                    "Remove", "Removing " + s.describe(), () -> vm.remove(s), () -> vm.removed(s)).show();
        }
    }

    public Screen screen() {
        return new Screen("Remote spaces", root, () -> {
            gate.refresh();
            vm.refresh();
        }, this::add);
    }
}
