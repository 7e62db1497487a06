package odcm.app.ui.project;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Forms;

/** Name, description and lifecycle of the project being edited. */
final class GeneralTab {
    private GeneralTab() {
    }

    static Tab create(ProjectsViewModel vm) {
        ProjectEditor editor = vm.editor();
        TextField name = new TextField();
        name.setId("project-name");
        name.textProperty().bindBidirectional(editor.nameProperty());
        name.disableProperty().bind(editor.importedFromProperty().isNotEmpty()); // a remote project is matched by its name
        TextArea description = new TextArea();
        description.setId("project-description");
        description.setPrefRowCount(3);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(editor.descriptionProperty());
        ComboBox<String> lifecycle = new ComboBox<>(vm.lifecycleChoices());
        lifecycle.setId("project-lifecycle");
        lifecycle.setMaxWidth(Double.MAX_VALUE);
        lifecycle.valueProperty().bindBidirectional(editor.lifecycleProperty());
        // Chosen by name, shown with its phases: lifecycles with like names are told apart.
        lifecycle.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String name) {
                return vm.lifecycleLabel(name);
            }

            @Override
            public String fromString(String label) {
                return vm.lifecycleChoices().stream().filter(n -> vm.lifecycleLabel(n).equals(label)).findFirst().orElse(null);
            }
        });
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Name", name);
        Forms.row(grid, "_Description", description);
        Forms.row(grid, "_Lifecycle", lifecycle);
        VBox box = new VBox(12, grid, Forms.hint("The lifecycle decides the environments, in order, that a release of this project goes through, "
                + "and the spaces it is promoted to."));
        box.setPadding(new javafx.geometry.Insets(12));
        Tab tab = new Tab("General", box);
        tab.setId("tab-general");
        tab.setClosable(false);
        return tab;
    }
}
