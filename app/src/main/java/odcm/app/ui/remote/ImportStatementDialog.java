package odcm.app.ui.remote;

import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.service.KeyService;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.packaging.bundle.KeyStatement;

/**
 * The Import key statement dialog; binds to {@link ImportStatementViewModel}: what the verified statement says (old and new
 * fingerprint, overlap or compromise), and for a rotation the fingerprint read out by the other side, typed, not pasted.
 */
public final class ImportStatementDialog {
    private ImportStatementDialog() {
    }

    public static FormDialog create(Window owner, ImportStatementViewModel vm, Consumer<KeyService.Imported> onImported) {
        Label says = new Label("Checking " + vm.file().getFileName() + " against the certificates pinned for " + vm.space().name() + "…");
        says.setId("import-statement-says");
        says.setWrapText(true);
        says.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label oldFp = value("import-statement-old");
        Label newFp = value("import-statement-new");
        Label until = value("import-statement-until");
        TextField fingerprint = new TextField();
        fingerprint.setId("import-statement-fingerprint");
        fingerprint.setPromptText("As the other side reads it out, e.g. 3F2A 9C01 …");
        fingerprint.setPrefColumnCount(52);
        fingerprint.textProperty().bindBidirectional(vm.typedProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "Old certificate", oldFp);
        Forms.row(grid, "New certificate", newFp);
        Label untilName = Forms.row(grid, "Old one accepted until", until);
        Forms.row(grid, "_Fingerprint read out", fingerprint);
        grid.setVisible(false);
        grid.managedProperty().bind(grid.visibleProperty());
        Label problem = Forms.problem("import-statement-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, says, grid, problem);
        FormDialog dialog = new FormDialog(owner, "import-statement", "Import a key statement into " + vm.space().describe(), "Import",
                content, vm.validProperty().not(), vm.form(), close -> vm.submit(imported -> {
                    close.run();
                    onImported.accept(imported);
                }));
        vm.statementProperty().addListener((o, was, s) -> {
            if (s == null) {
                return;
            }
            boolean rotation = s.kind() == KeyStatement.Kind.ROTATION;
            says.setText(rotation ? "Genuine rotation statement, signed by the pinned key of " + vm.space().name() + " and by its new"
                    + " key. Call the other side and type the new fingerprint they read out; importing makes the new certificate"
                    + " current, keeps the old one in the history, and accepts both until the overlap ends."
                    : "Genuine compromise statement, signed by the key it is about: nothing signed with that key is accepted from "
                    + s.notTrustedAfter() + " on; importing lists what was accepted here since.");
            oldFp.setText(Formats.fingerprintTwoLines(s.certificate()));
            newFp.setText(rotation ? Formats.fingerprintTwoLines(s.newCertificate()) : "(none: a compromise)");
            untilName.setText(rotation ? "Old one accepted until" : "Not trusted from");
            until.setText(Formats.dateTime(rotation ? s.overlapUntil() : s.notTrustedAfter()));
            fingerprint.setDisable(!rotation);
            grid.setVisible(true);
            dialog.fit();
            if (rotation) {
                fingerprint.requestFocus();
            }
        });
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> vm.load());
        return dialog;
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Css.MONO);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
