package odcm.app.ui.space;

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

/** The Rename dialog; binds to {@link RenameSpaceViewModel}. */
public final class RenameSpaceDialog {
    private RenameSpaceDialog() {
    }

    public static FormDialog create(Window owner, RenameSpaceViewModel vm, Consumer<Space> onRenamed) {
        TextField name = new TextField();
        name.setId("rename-space-name");
        name.textProperty().bindBidirectional(vm.newNameProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "New _name", name);
        // "Type the new name" is a hint; a name that cannot be used is an error and looks like one.
        Label problem = Forms.problem("rename-space-problem", vm.problemProperty(), Css.HINT);
        Forms.styleWhen(problem, vm.problemIsErrorProperty(), Css.ERROR, Css.HINT);
        VBox content = new VBox(10, grid, problem);
        FormDialog dialog = new FormDialog(owner, "rename-space", "Rename " + vm.space().describe(), "Rename", content,
                vm.validProperty().not(), vm.form(), close -> vm.submit(renamed -> {
                    close.run();
                    onRenamed.accept(renamed);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> {
            name.requestFocus();
            name.selectAll();
        });
        return dialog;
    }
}
