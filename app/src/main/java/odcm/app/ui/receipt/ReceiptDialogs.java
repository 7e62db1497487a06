package odcm.app.ui.receipt;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;
import odcm.app.service.ReceiptService;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.FingerprintView;
import odcm.app.ui.common.Forms;

/**
 * "Create receipt…" (Outbox: report the outcomes of releases that came from another space back to it, as a file) and
 * "Import receipt…" (Inbox: accept a receipt from a space the releases went to). Work runs off the FX thread.
 */
public final class ReceiptDialogs {
    public static final List<ExtensionFilter> RECEIPT_FILES = List.of(new ExtensionFilter("Deployment receipts (*" + ReceiptService.EXTENSION
            + ")", "*" + ReceiptService.EXTENSION), new ExtensionFilter("All files", "*.*"));

    private ReceiptDialogs() {
    }

    public static Dialog<ButtonType> create(Window owner, ReceiptsViewModel vm, FilePicker files) {
        Dialog<ButtonType> d = dialog(owner, "receipt-create", "Create a deployment receipt from '" + vm.space() + "'");
        ComboBox<String> source = new ComboBox<>(vm.sources());
        source.setId("receipt-for");
        source.valueProperty().bindBidirectional(vm.forSpaceProperty());
        source.setMaxWidth(Double.MAX_VALUE);
        TextField file = new TextField();
        file.setId("receipt-file");
        file.setEditable(false);
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.fileProperty().get() == null ? ""
                : vm.fileProperty().get().toAbsolutePath().toString(), vm.fileProperty()));
        HBox.setHgrow(file, Priority.ALWAYS);
        Button choose = Forms.button("receipt-choose-file", "_Save as…", "Choose where to write the receipt file", () ->
                files.save(owner, "Save the deployment receipt", vm.suggestedFileName(), RECEIPT_FILES).ifPresent(vm.fileProperty()::set));
        GridPane form = Forms.grid();
        Forms.row(form, "For space", source);
        Forms.row(form, "File", new HBox(8, file, choose));
        Button write = Forms.button("receipt-create-ok", "_Write receipt", "Sign the receipt with this space's key and write it", vm::create);
        // Once written, the dialog shows the result; another receipt is another, deliberate, Create receipt….
        write.disableProperty().bind(vm.forSpaceProperty().isNull().or(vm.fileProperty().isNull()).or(vm.state().submittingProperty())
                .or(vm.createdProperty().isNotNull()));

        Label result = new Label();
        result.setId("receipt-created");
        result.setWrapText(true);
        result.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        result.getStyleClass().add(Css.OK);
        Label readOut = Forms.hint("SHA-256 of the file, to read out to the other side, who compares it with the file they receive:");
        FingerprintView fingerprint = new FingerprintView("receipt-created-fingerprint", false);
        VBox done = new VBox(8, result, readOut, fingerprint);
        done.setId("receipt-created-box");
        done.visibleProperty().bind(vm.createdProperty().isNotNull());
        done.managedProperty().bind(done.visibleProperty());
        vm.createdProperty().addListener((o, was, c) -> {
            result.setText(c == null ? "" : "✔ " + c.sentence());
            fingerprint.show(c == null ? null : c.fingerprint());
        });
        VBox body = new VBox(12, Forms.hint("A receipt tells the space releases came from how each of them went here: the latest deployment "
                + "to each environment of '" + vm.space() + "', signed with its key. Receipts repeat everything, so only the newest one "
                + "matters; with nothing deployed yet it says so."), form,
                Forms.problem("receipt-sources-hint", vm.sourcesHint(), Css.HINT), new HBox(10, write, progress(vm)),
                Forms.problem("receipt-error", vm.state().errorProperty(), Css.ERROR), done);
        return finish(d, body, 720, 420);
    }

    public static Dialog<ButtonType> importer(Window owner, ReceiptsViewModel vm, FilePicker files) {
        Dialog<ButtonType> d = dialog(owner, "receipt-import", "Import a deployment receipt into '" + vm.space() + "'");
        Button open = Forms.button("receipt-open", "_Open receipt file…", "Choose a receipt file to check and import", () ->
                files.open(owner, "Open a deployment receipt", RECEIPT_FILES).ifPresent(vm::importFile));
        Label file = new Label();
        file.setId("receipt-import-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.fileProperty().get() == null ? "No file opened yet."
                : vm.fileProperty().get().toAbsolutePath().toString(), vm.fileProperty()));
        HBox top = new HBox(10, open, file, progress(vm));
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label outcome = new Label();
        outcome.setId("receipt-import-outcome");
        outcome.setWrapText(true);
        outcome.setMaxWidth(Double.MAX_VALUE);
        outcome.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        outcome.textProperty().bind(Bindings.createStringBinding(() -> {
            ReceiptService.Result r = vm.importedProperty().get();
            return r == null ? "" : (r.accepted() ? "✔ ACCEPTED — " : "Nothing to do — ") + r.sentence();
        }, vm.importedProperty()));
        outcome.visibleProperty().bind(outcome.textProperty().isNotEmpty());
        outcome.managedProperty().bind(outcome.visibleProperty());
        // Already accepted is not a failure: it reads as a hint, not in red.
        Forms.styleWhen(outcome, Bindings.createBooleanBinding(() -> vm.importedProperty().get() != null && vm.importedProperty().get().accepted(),
                vm.importedProperty()), Css.OK, Css.HINT);
        Label refused = Forms.problem("receipt-import-error", Bindings.createStringBinding(() -> vm.state().error().isEmpty() ? ""
                : "✖ REFUSED — " + vm.state().error(), vm.state().errorProperty()), Css.ERROR);
        javafx.scene.control.CheckBox jump = new javafx.scene.control.CheckBox("Accept a sequence jump: the signer confirmed this receipt's "
                + "number (recorded in the audit log)");
        jump.setId("receipt-accept-jump");
        jump.setWrapText(true);
        jump.selectedProperty().bindBidirectional(vm.acceptSequenceJumpProperty());
        jump.selectedProperty().addListener((o, was, now) -> {
            if (now && vm.fileProperty().get() != null && vm.importedProperty().get() == null) {
                vm.importFile(vm.fileProperty().get()); // the receipt refused for its jump, imported again as confirmed
            }
        });
        VBox body = new VBox(12, Forms.hint("Checks the receipt's signature against the pinned certificate of a space '" + vm.space()
                + "' trusts for deployment receipts, the addressee, expiry and replay, and that every release it reports was sent "
                + "there from here. Then records each outcome, unless a newer one is known already. A refused receipt changes nothing."),
                top, outcome, refused, jump);
        odcm.app.ui.common.ProgressDialog.follow(vm.state().runningProperty(),
                () -> d.getDialogPane().getScene() == null ? owner : d.getDialogPane().getScene().getWindow(), "Importing the receipt");
        return finish(d, body, 760, 300);
    }

    private static Dialog<ButtonType> dialog(Window owner, String id, String title) {
        return Forms.closeOnly(owner, id, title);
    }

    private static Dialog<ButtonType> finish(Dialog<ButtonType> d, VBox body, double width, double height) {
        body.getStyleClass().add(Css.FORM);
        d.getDialogPane().setContent(body);
        d.getDialogPane().setPrefSize(width, height);
        d.getDialogPane().setMinSize(width, height);
        return d;
    }

    private static ProgressIndicator progress(ReceiptsViewModel vm) {
        ProgressIndicator p = new ProgressIndicator();
        p.setPrefSize(18, 18);
        p.visibleProperty().bind(vm.state().submittingProperty());
        return p;
    }
}
