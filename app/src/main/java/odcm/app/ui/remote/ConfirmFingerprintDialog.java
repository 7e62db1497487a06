package odcm.app.ui.remote;

import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.model.space.Space;

/** The Confirm fingerprint dialog; binds to {@link ConfirmFingerprintViewModel}. Nothing to copy from: it must be read out. */
public final class ConfirmFingerprintDialog {
    private ConfirmFingerprintDialog() {
    }

    public static FormDialog create(Window owner, ConfirmFingerprintViewModel vm, Consumer<Space> onConfirmed) {
        TextField fingerprint = new TextField();
        fingerprint.setId("confirm-fingerprint-input");
        fingerprint.setPromptText("As the other side reads it out, e.g. 3F2A 9C01 …");
        fingerprint.setPrefColumnCount(52);
        fingerprint.textProperty().bindBidirectional(vm.typedProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Fingerprint read out", fingerprint);
        Label hint = Forms.hint("Call the other side and have them read the SHA-256 fingerprint of " + vm.space().name()
                + "'s certificate from their console; type what you hear.");
        hint.setWrapText(true);
        Label problem = Forms.problem("confirm-fingerprint-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, hint, grid, problem);
        FormDialog dialog = new FormDialog(owner, "confirm-fingerprint", "Confirm the fingerprint of " + vm.space().describe(), "Confirm",
                content, vm.validProperty().not(), vm.form(), close -> vm.submit(confirmed -> {
                    close.run();
                    onConfirmed.accept(confirmed);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> fingerprint.requestFocus());
        return dialog;
    }
}
