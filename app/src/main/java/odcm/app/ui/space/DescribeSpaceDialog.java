package odcm.app.ui.space;

import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.model.space.Space;

/** The Edit description dialog; binds to {@link DescribeSpaceViewModel}. */
public final class DescribeSpaceDialog {
    private DescribeSpaceDialog() {
    }

    public static FormDialog create(Window owner, DescribeSpaceViewModel vm, Consumer<Space> onDescribed) {
        TextArea description = new TextArea();
        description.setId("describe-space-description");
        description.setPromptText("What this space is for (may be left empty)");
        description.setPrefRowCount(3);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Description", description);
        Label problem = Forms.problem("describe-space-problem", vm.problemProperty(), Css.HINT);
        VBox content = new VBox(10, grid, problem);
        FormDialog dialog = new FormDialog(owner, "describe-space", "Description of " + vm.space().describe(), "Save", content,
                vm.validProperty().not(), vm.form(), close -> vm.submit(described -> {
                    close.run();
                    onDescribed.accept(described);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> {
            description.requestFocus();
            description.end();
        });
        return dialog;
    }
}
