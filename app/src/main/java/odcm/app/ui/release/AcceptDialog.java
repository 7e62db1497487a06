package odcm.app.ui.release;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.service.AcceptanceService;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.Tables;
import odcm.model.release.ImportAcceptance;

/**
 * Accept (or decline) an imported release after reviewing its changes against the previous import of its project (the
 * first import: everything is new), with a comment; a decline must say why (decision 0047).
 */
final class AcceptDialog {
    private AcceptDialog() {
    }

    static FormDialog create(Window owner, AcceptViewModel vm, Consumer<ImportAcceptance> done) {
        AcceptanceService.Review r = vm.review();
        Label what = Forms.hint("Release " + r.release() + " of '" + r.project() + "' was imported into '" + r.space() + "' by " + r.importedBy()
                + ". " + r.against() + " " + r.state() + (r.templates().isEmpty() ? "" : " Environment templates: " + r.templates() + "."));
        what.setId("accept-what");
        what.setWrapText(true);
        Label summary = new Label(r.diff().summary());
        summary.setId("accept-summary");
        summary.getStyleClass().add(Css.SECTION_TITLE);
        summary.setWrapText(true);
        TableView<CompareRow> diff = Tables.table("accept-diff");
        diff.getColumns().setAll(List.of(
                Tables.<CompareRow>fixed("", 44, CompareRow::marker),
                Tables.<CompareRow>column("Item", 200, CompareRow::item),
                Tables.<CompareRow>column("Change / field", 180, CompareRow::fieldName),
                Tables.<CompareRow>column(r.firstImport() ? "Before (nothing)" : "Previous import", 180, CompareRow::from),
                Tables.<CompareRow>column("This import", 180, CompareRow::to)));
        diff.getColumns().forEach(c -> c.setSortable(false));
        diff.getItems().setAll(vm.rows());
        diff.setPlaceholder(Forms.emptyState("accept-diff-empty", "No changes against the previous import."));
        diff.setPrefHeight(280);

        ToggleGroup choice = new ToggleGroup();
        RadioButton accept = new RadioButton("_Accept it for deployment here");
        accept.setId("accept-choice-accept");
        RadioButton decline = new RadioButton("_Decline it (it stays undeployable until accepted)");
        decline.setId("accept-choice-decline");
        accept.setToggleGroup(choice);
        decline.setToggleGroup(choice);
        accept.setSelected(true);
        TextArea comment = new TextArea();
        comment.setId("accept-comment");
        comment.setPrefRowCount(3);
        comment.setWrapText(true);
        comment.promptTextProperty().bind(javafx.beans.binding.Bindings.when(accept.selectedProperty())
                .then("Optional: what you checked").otherwise("Why it is declined (required)"));
        Label label = new Label("_Comment");
        label.setMnemonicParsing(true);
        label.setLabelFor(comment);
        VBox content = new VBox(8, what, summary, diff, new HBox(16, accept, decline), label, comment);
        r.acceptRefusal().ifPresent(why -> {
            Label mayNot = Forms.hint(why);
            mayNot.setId("accept-may-not");
            mayNot.setWrapText(true);
            content.getChildren().add(1, mayNot);
            decline.setSelected(true);
            accept.setDisable(true);
        });
        FormState form = new FormState(vm.runner());
        comment.textProperty().addListener((o, was, now) -> form.clearError());
        choice.selectedToggleProperty().addListener((o, was, now) -> form.clearError());
        FormDialog dialog = new FormDialog(owner, "accept", "Accept release " + r.release() + " of '" + r.project() + "'", "Record decision", content,
                javafx.beans.binding.Bindings.createBooleanBinding(() -> false), form,
                close -> vm.decide(form, accept.isSelected(), comment.getText(), close, done));
        dialog.dialog().getDialogPane().setPrefWidth(860);
        dialog.dialog().setOnShown(e -> comment.requestFocus());
        return dialog;
    }
}
