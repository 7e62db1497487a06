package odcm.app.ui.release;

import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.Forms;
import odcm.model.release.Verdict;

/** Approve or reject the TO release of a comparison, with a comment (a rejection must say why). */
final class DecisionDialog {
    private DecisionDialog() {
    }

    static FormDialog create(Window owner, CompareViewModel vm, Verdict verdict) {
        boolean approve = verdict == Verdict.APPROVED;
        TextArea comment = new TextArea();
        comment.setId("decision-comment");
        comment.setPrefRowCount(4);
        comment.setWrapText(true);
        comment.setPromptText(approve ? "Optional: what you checked" : "Why it is rejected (required)");
        Label label = new Label("_Comment");
        label.setMnemonicParsing(true);
        label.setLabelFor(comment);
        String against = vm.toVersion().equals(vm.fromVersion()) ? "" : " (compared against " + vm.fromVersion() + ", which is recorded with it)";
        Label what = Forms.hint((approve ? "Approve" : "Reject") + " release " + vm.toVersion() + " of '" + vm.project() + "'" + against
                + " for deployment. The decision, your user name and the comment go into the audit log"
                + (approve ? "; it covers this revision of the release, as it is now." : "; it is deployed nowhere in this space until approved again."));
        what.setWrapText(true);
        FormState form = new FormState(vm.runner());
        comment.textProperty().addListener((o, was, now) -> form.clearError()); // the refusal was about the comment as it was
        FormDialog dialog = new FormDialog(owner, "decision", (approve ? "Approve" : "Reject") + " release " + vm.toVersion(),
                approve ? "Approve" : "Reject", new VBox(8, what, label, comment),
                javafx.beans.binding.Bindings.createBooleanBinding(() -> false), form,
                close -> vm.decide(form, verdict, comment.getText(), close));
        dialog.dialog().setOnShown(e -> comment.requestFocus());
        return dialog;
    }
}
