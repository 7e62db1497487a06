package odcm.app.ui.project;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import odcm.app.service.EnvironmentService;
import odcm.app.service.LifecycleService;
import odcm.app.service.ProjectService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Refusal;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;

/** The projects of the current space, the filter, and the project open in the editor with its choices. */
public final class ProjectsViewModel {
    private final ProjectService projects;
    private final EnvironmentService environments;
    private final LifecycleService lifecycles;
    private final TaskRunner runner;
    private final CurrentSpace space;
    private final SelectableList<Project> list = new SelectableList<>(Project::name, true);
    private final FilteredList<Project> shown = new FilteredList<>(list.items());
    private final StringProperty filter = new SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();
    private final ObservableList<String> scopeChoices = FXCollections.observableArrayList();
    private final ObservableList<String> lifecycleChoices = FXCollections.observableArrayList();
    private final ProjectEditor editor = new ProjectEditor();
    private final FormState save;
    private String defaultLifecycle = "";
    /** Remote projects of the space: name → the space they were imported from. */
    private java.util.Map<String, String> remote = java.util.Map.of();

    /** What one load reads: the rows and the choices the editor offers. */
    private record Loaded(List<Project> projects, List<Lifecycle> lifecycles, List<String> scopes, boolean sensitiveAvailable,
                          java.util.Map<String, String> remote) {
    }

    public ProjectsViewModel(ProjectService projects, EnvironmentService environments, LifecycleService lifecycles, TaskRunner runner,
                             CurrentSpace space) {
        this.projects = projects;
        this.environments = environments;
        this.lifecycles = lifecycles;
        this.runner = runner;
        this.space = space;
        this.save = new FormState(runner);
        filter.addListener((o, was, now) -> shown.setPredicate(p -> matches(p, now)));
        list.selectedProperty().addListener((o, was, now) -> {
            save.clearError();
            if (now != null) {
                editor.load(now);
                editor.importedFromProperty().set(remote.getOrDefault(now.name(), ""));
            } else if (!editor.isNew()) {
                editor.close();
            }
        });
        space.nameProperty().addListener((o, was, now) -> {
            message.clear();
            editor.close();
            refresh();
        });
    }

    static boolean matches(Project p, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        return (p.name() + "\n" + p.description() + "\n" + p.lifecycleName()).toLowerCase(Locale.ROOT).contains(needle);
    }

    public void refresh() {
        refresh(null);
    }

    public void refresh(String select) {
        if (!space.isChosen()) {
            list.replace(List.of());
            scopeChoices.clear();
            lifecycleChoices.clear();
            return;
        }
        String s = space.name();
        runner.run("Loading the projects of '" + s + "'", () -> new Loaded(projects.list(s), lifecycles.list(s), scopes(s),
                projects.sensitiveValuesAvailable(), projects.remoteSources(s)), loaded -> {
            if (!s.equals(space.name())) {
                return; // the space changed meanwhile; its own load follows
            }
            lifecycleLabels = loaded.lifecycles().stream().collect(java.util.stream.Collectors.toMap(Lifecycle::name,
                    odcm.app.ui.common.Formats::lifecycle));
            lifecycleChoices.setAll(loaded.lifecycles().stream().map(Lifecycle::name).toList());
            defaultLifecycle = loaded.lifecycles().stream().filter(Lifecycle::isDefault).map(Lifecycle::name).findFirst().orElse("");
            scopeChoices.setAll(loaded.scopes());
            remote = loaded.remote();
            if (!loaded.sensitiveAvailable()) {
                message.warning("Sensitive values cannot be read or saved: the master key is missing. Projects with sensitive variables cannot be saved.");
            }
            boolean keepNew = editor.activeProperty().get() && editor.isNew() && select == null;
            list.replace(loaded.projects(), keepNew ? null : select);
            if (keepNew) {
                list.selectedProperty().set(null);
            }
        }, message::error);
    }

    /** Environments, remote environments by their display name ("Prod Space: Production"), environment templates ("Feature (template)"). */
    private List<String> scopes(String s) {
        return environments.scopes(s);
    }

    public void newProject() {
        if (!space.isChosen()) {
            message.error("Choose a space first: projects belong to a space.");
            return;
        }
        filter.set("");
        list.selectedProperty().set(null);
        editor.startNew(defaultLifecycle);
        save.clearError();
    }

    /** Builds the draft and saves it; a refusal (from the model or the service) stays in the editor, in its words. */
    public void save() {
        ProjectDraft draft;
        try {
            draft = editor.draft();
        } catch (Refusal r) {
            save.clearError();
            save.submit("Checking the project", () -> {
                throw r;
            }, x -> { });
            return;
        }
        String s = space.name();
        String current = editor.originalNameProperty().get();
        odcm.model.Seen seen = editor.seen();
        save.submit("Saving project '" + draft.name() + "'", () -> current == null ? projects.create(s, draft) : projects.update(s, current, draft, seen),
                saved -> {
                    message.info((current == null ? "Created" : "Saved") + " project '" + saved.name() + "' of '" + s + "'.");
                    refresh(saved.name());
                });
    }

    /**
     * Discards the edits: the stored project again, read afresh (someone else may have changed it: a save from an old
     * version is refused, decision 0036), or nothing for a new one.
     */
    public void revert() {
        Project p = list.selectedProperty().get();
        save.clearError();
        if (p != null) {
            editor.load(p);
            refresh(p.name());
        } else {
            editor.close();
        }
    }

    /** As the confirm dialog runs it; the refusal while releases exist stays in the dialog. */
    public void delete(Project p) {
        projects.delete(space.name(), p.name(), p.seen());
    }

    public void deleted(Project p) {
        message.info("Deleted project '" + p.name() + "'.");
        editor.close();
        refresh();
    }

    public ObservableList<Project> all() {
        return list.items();
    }

    public FilteredList<Project> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Project> selectedProperty() {
        return list.selectedProperty();
    }

    public StatusMessage message() {
        return message;
    }

    public ObservableList<String> scopeChoices() {
        return scopeChoices;
    }

    /** "Standard — Dev → Test → Prod" for a lifecycle's name, as the picker shows it; the name itself when not known. */
    public String lifecycleLabel(String name) {
        return name == null ? "" : lifecycleLabels.getOrDefault(name, name);
    }

    private java.util.Map<String, String> lifecycleLabels = java.util.Map.of();

    public ObservableList<String> lifecycleChoices() {
        return lifecycleChoices;
    }

    public ProjectEditor editor() {
        return editor;
    }

    public FormState saveState() {
        return save;
    }

    public CurrentSpace space() {
        return space;
    }

    public TaskRunner runner() {
        return runner;
    }
}
