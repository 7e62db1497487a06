package odcm.app.ui.lifecycle;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.LifecycleService;
import odcm.app.service.ProjectService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.project.Project;

/** The Pipeline screen: the current space's projects, the chosen one, and its composite lifecycle across spaces. */
public final class PipelineViewModel {
    private final LifecycleService lifecycles;
    private final ProjectService projects;
    private final odcm.app.service.DashboardService dashboards;
    private java.util.Map<String, odcm.app.graph.GraphStatus.Of> status = java.util.Map.of();
    private final TaskRunner runner;
    private final CurrentSpace current;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<CompositeLifecycle> composite = new ReadOnlyObjectWrapper<>();
    private final StatusMessage message = new StatusMessage();
    private boolean loading;

    public PipelineViewModel(LifecycleService lifecycles, ProjectService projects, odcm.app.service.DashboardService dashboards, TaskRunner runner,
                             CurrentSpace current) {
        this.lifecycles = lifecycles;
        this.dashboards = dashboards;
        this.projects = projects;
        this.runner = runner;
        this.current = current;
        project.addListener((o, was, now) -> {
            if (!loading) {
                compose();
            }
        });
        current.nameProperty().addListener((o, was, now) -> refresh());
    }

    /** Reloads the projects (keeping the chosen one by name, else the first) and composes its lifecycle again. */
    public void refresh() {
        String space = current.name();
        message.clear();
        if (space.isEmpty()) {
            show(List.of());
            return;
        }
        runner.run("Loading the projects of '" + space + "'", () -> projects.list(space), loaded -> {
            if (space.equals(current.name())) {
                show(loaded.stream().map(Project::name).toList());
            }
        }, message::error);
    }

    private void show(List<String> loaded) {
        String keep = project.get();
        loading = true;
        names.setAll(loaded);
        project.set(loaded.contains(keep) ? keep : loaded.isEmpty() ? null : loaded.get(0));
        loading = false;
        compose();
    }

    private void compose() {
        String space = current.name();
        String p = project.get();
        if (p == null || space.isEmpty()) {
            composite.set(null);
            return;
        }
        runner.run("Composing the lifecycle of '" + p + "'", () -> {
            CompositeLifecycle c = lifecycles.composite(space, p);
            var row = dashboards.dashboard(space).row(p);
            return java.util.Map.entry(c, row.map(r -> odcm.app.graph.GraphStatus.of(c, r)).orElse(java.util.Map.of()));
        }, drawn -> {
            if (space.equals(current.name()) && p.equals(project.get())) {
                status = drawn.getValue();
                composite.set(null); // drawn again even when only the deployments changed
                composite.set(drawn.getKey());
            }
        }, message::error);
    }

    public ObservableList<String> projects() {
        return names;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public ReadOnlyObjectProperty<CompositeLifecycle> compositeProperty() {
        return composite.getReadOnlyProperty();
    }

    /** The deployment status of the drawn composite's environments for the project, by node id (see GraphStatus). */
    public java.util.Map<String, odcm.app.graph.GraphStatus.Of> status() {
        return status;
    }

    public StatusMessage message() {
        return message;
    }

    public String space() {
        return current.name();
    }
}
