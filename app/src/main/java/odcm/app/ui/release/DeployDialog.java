package odcm.app.ui.release;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.service.DeploymentService;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.Forms;
import odcm.app.ui.task.TaskRunner;

/** "Deploy…": records a deployment of the selected release to an environment; a refusal stays inline with its reason. */
public final class DeployDialog {
    /** The dialog's state: which environment, whether it failed, and the submission. */
    public static final class Form {
        private final DeploymentService deployments;
        private final String space;
        private final String project;
        private final String version;
        private final List<String> environments;
        private final StringProperty environment = new SimpleStringProperty();
        private final BooleanProperty failed = new SimpleBooleanProperty();
        private final FormState state;

        public Form(DeploymentService deployments, TaskRunner runner, String space, String project, String version, List<String> environments) {
            this.deployments = deployments;
            this.space = space;
            this.project = project;
            this.version = version;
            this.environments = List.copyOf(environments);
            this.state = new FormState(runner);
            environment.set(environments.isEmpty() ? null : environments.get(0));
        }

        public void submit(Consumer<DeploymentService.Recorded> onDone) {
            String env = environment.get();
            boolean ok = !failed.get();
            state.submit("Recording the deployment of " + version + " to " + env, () -> deployments.record(space, project, version, env, ok), onDone);
        }

        public StringProperty environmentProperty() {
            return environment;
        }

        public BooleanProperty failedProperty() {
            return failed;
        }

        public FormState state() {
            return state;
        }
    }

    private DeployDialog() {
    }

    public static FormDialog create(Window owner, Form form, Consumer<DeploymentService.Recorded> onDone) {
        ComboBox<String> env = new ComboBox<>();
        env.getItems().setAll(form.environments);
        env.setId("deploy-environment");
        env.valueProperty().bindBidirectional(form.environment);
        CheckBox failed = new CheckBox("The deployment failed");
        failed.setId("deploy-failed");
        failed.selectedProperty().bindBidirectional(form.failed);
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Environment", env);
        Forms.row(grid, "Outcome", failed);
        VBox content = new VBox(12, grid, Forms.hint(form.environments.isEmpty()
                ? "The project's lifecycle has no environment of this space to deploy to."
                : "Recorded only in lifecycle order; for an imported release, only with every mandatory value of that environment set."));
        return new FormDialog(owner, "deploy", "Deploy release " + form.version + " of '" + form.project + "'", "Record deployment", content,
                form.environment.isNull(), form.state, close -> form.submit(d -> {
                    close.run();
                    onDone.accept(d);
                }));
    }
}
