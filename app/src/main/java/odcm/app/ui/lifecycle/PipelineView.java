package odcm.app.ui.lifecycle;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.NoSpaceState;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.graph.LifecycleGraphView;
import odcm.app.ui.task.TaskRunner;

/** Pipeline screen: a project's composite lifecycle across spaces, drawn as a graph; drawn afresh each time it is shown. */
public final class PipelineView {
    private final PipelineViewModel vm;
    private final BorderPane root = new BorderPane();
    private final LifecycleGraphView graph;

    public PipelineView(PipelineViewModel vm, TaskRunner runner, FilePicker files, CurrentSpace current, Runnable goToSpaces) {
        this.vm = vm;
        this.graph = new LifecycleGraphView(runner, files);
        ComboBox<String> project = new ComboBox<>(vm.projects());
        project.setId("pipeline-project");
        project.setPromptText("No projects");
        project.setPrefWidth(260);
        project.valueProperty().bindBidirectional(vm.projectProperty());
        Label projectLabel = new Label("_Project");
        projectLabel.setMnemonicParsing(true);
        projectLabel.setLabelFor(project);
        projectLabel.getStyleClass().add(Css.FIELD_NAME);
        javafx.scene.control.Button refresh = Forms.button("pipeline-refresh", "_Refresh", "Compose and draw the lifecycle again", vm::refresh);
        project.disableProperty().bind(current.nameProperty().isEmpty());
        refresh.disableProperty().bind(current.nameProperty().isEmpty());
        VBox header = ScreenHeader.create("Pipeline",
                "A project's lifecycle followed through its promotions into other spaces: where a release goes, and whether each crossing is trusted.",
                projectLabel, project, refresh);
        ((Label) header.getChildren().get(0)).textProperty()
                .bind(current.nameProperty().map(s -> s.isEmpty() ? "Pipeline" : "Pipeline from '" + s + "'"));
        ScreenHeader.place(root, "pipeline-screen", header, new MessageLine("pipeline-message", vm.message()));
        vm.compositeProperty().addListener((o, was, now) -> {
            if (now != null) {
                graph.setComposite(now, vm.status());
            }
        });
        Label none = Forms.emptyState("pipeline-empty", "");
        none.textProperty().bind(current.nameProperty().map(s -> "'" + s + "' has no projects yet. A project follows a lifecycle;"
                + " create one on the Projects screen and its whole pipeline is drawn here."));
        none.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.projects()));
        graph.visibleProperty().bind(none.visibleProperty().not());
        root.setCenter(NoSpaceState.wrap("pipeline", new StackPane(graph, none), current, "Projects and their pipelines", goToSpaces));
    }

    public LifecycleGraphView graph() {
        return graph;
    }

    public Screen screen() {
        return new Screen("Pipeline", root, vm::refresh);
    }
}
