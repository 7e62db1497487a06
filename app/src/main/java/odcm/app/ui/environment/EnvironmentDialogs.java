package odcm.app.ui.environment;

import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.space.Space;

/** New environment, Rename environment and Add remote environment; they bind to their view models. */
final class EnvironmentDialogs {
    private EnvironmentDialogs() {
    }

    static FormDialog environment(Window owner, String space, EnvironmentFormViewModel vm, Consumer<Environment> onDone) {
        String id = vm.isRenaming() ? "rename-environment" : "new-environment";
        TextField name = new TextField();
        name.setId(id + "-name");
        name.setPromptText("e.g. Test");
        name.textProperty().bindBidirectional(vm.nameProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Name", name);
        if (!vm.isRenaming()) {
            TextArea description = new TextArea();
            description.setId(id + "-description");
            description.setPromptText("What this environment is for (optional)");
            description.setPrefRowCount(2);
            description.setWrapText(true);
            description.textProperty().bindBidirectional(vm.descriptionProperty());
            Forms.row(grid, "_Description", description);
        }
        Label problem = Forms.problem(id + "-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, grid, problem, Forms.hint(vm.isRenaming()
                ? "Lifecycle phases keep it under its new name; steps and variables scoped to it follow the new name."
                : "An environment of '" + space + "'. Put it in a lifecycle's phase to deploy to it."));
        String title = vm.isRenaming() ? "Rename environment '" + vm.currentName() + "'" : "New environment in '" + space + "'";
        FormDialog dialog = new FormDialog(owner, id, title, vm.isRenaming() ? "Rename" : "Create", content, vm.validProperty().not(), vm.form(),
                close -> vm.submit(done -> {
                    close.run();
                    onDone.accept(done);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> {
            name.requestFocus();
            name.selectAll();
        });
        return dialog;
    }

    static FormDialog remote(Window owner, RemoteEnvironmentFormViewModel vm, Consumer<RemoteEnvironment> onAdded) {
        ComboBox<Space> space = new ComboBox<>(vm.owners());
        space.setId("new-remote-environment-space");
        space.setPromptText("The space that owns the environment");
        space.setMaxWidth(Double.MAX_VALUE);
        space.setConverter(new StringConverter<>() {
            @Override
            public String toString(Space s) {
                return s == null ? "" : s.name() + (s.isLocal() ? "  (local)" : "  (remote)");
            }

            @Override
            public Space fromString(String text) {
                return null;
            }
        });
        space.valueProperty().bindBidirectional(vm.ownerProperty());
        TextField name = new TextField();
        name.setId("new-remote-environment-name");
        name.setPromptText("e.g. Production");
        name.textProperty().bindBidirectional(vm.nameProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Space", space);
        Forms.row(grid, "_Environment", name);
        Label preview = new Label();
        preview.setId("new-remote-environment-preview");
        preview.textProperty().bind(vm.previewProperty());
        Label problem = Forms.problem("new-remote-environment-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, grid, preview, problem, Forms.hint("A local placeholder in '" + vm.space()
                + "' for an environment that another space owns and deploys to. Steps and variable values can be scoped to it,"
                + " and dashboards show it."));
        FormDialog dialog = new FormDialog(owner, "new-remote-environment", "Add remote environment to '" + vm.space() + "'", "Add", content,
                vm.validProperty().not(), vm.form(), close -> vm.submit(added -> {
                    close.run();
                    onAdded.accept(added);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> space.requestFocus());
        return dialog;
    }
}
