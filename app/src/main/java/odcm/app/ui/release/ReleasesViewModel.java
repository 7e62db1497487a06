package odcm.app.ui.release;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import odcm.app.service.ApprovalService;
import odcm.app.service.ProjectService;
import odcm.app.service.ReleaseService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.project.Project;
import odcm.model.release.Release;

/** The releases of one project of the current space, newest first, with search and the selected release. */
public final class ReleasesViewModel {
    private final ProjectService projects;
    private final ReleaseService releases;
    private final ApprovalService approvals;
    private final TaskRunner runner;
    private final CurrentSpace space;
    private final ObservableList<String> projectNames = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final SelectableList<Release> list = new SelectableList<>(Release::version, true);
    private final FilteredList<Release> shown = new FilteredList<>(list.items());
    private final StringProperty filter = new SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();
    private boolean loadingProjects;

    public ReleasesViewModel(ProjectService projects, ReleaseService releases, ApprovalService approvals, TaskRunner runner, CurrentSpace space) {
        this.projects = projects;
        this.releases = releases;
        this.approvals = approvals;
        this.runner = runner;
        this.space = space;
        filter.addListener((o, was, now) -> shown.setPredicate(r -> matches(r, now)));
        project.addListener((o, was, now) -> {
            if (!loadingProjects) {
                loadReleases(null);
            }
        });
        space.nameProperty().addListener((o, was, now) -> {
            message.clear();
            refresh();
        });
    }

    static boolean matches(Release r, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        return (r.version() + "\n" + r.channel() + "\n" + r.notes()).toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Reloads the projects of the current space (keeping the chosen one) and its releases. */
    public void refresh() {
        if (!space.isChosen()) {
            setProjects(List.of());
            return;
        }
        String s = space.name();
        runner.run("Loading the projects of '" + s + "'", () -> projects.list(s).stream().map(Project::name).toList(), names -> {
            if (s.equals(space.name())) {
                setProjects(names);
            }
        }, message::error);
    }

    private void setProjects(List<String> names) {
        String keep = project.get();
        loadingProjects = true;
        projectNames.setAll(names);
        project.set(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(0));
        loadingProjects = false;
        loadReleases(null);
    }

    private void loadReleases(String select) {
        String s = space.name();
        String p = project.get();
        if (p == null || !space.isChosen()) {
            list.replace(List.of());
            return;
        }
        runner.run("Loading the releases of '" + p + "'", () -> releases.list(s, p), loaded -> {
            if (p.equals(project.get())) {
                list.replace(loaded, select);
            }
        }, message::error);
    }

    /** Reads the project as it is now and opens the dialog's model with it (the next version suggested). */
    public void startCreate(Consumer<CreateReleaseViewModel> open) {
        String s = space.name();
        String p = project.get();
        if (p == null) {
            message.error("Choose a project first: a release is a version of a project.");
            return;
        }
        runner.run("Reading project '" + p + "'", () -> {
            Project found = projects.find(s, p);
            List<Release> existing = releases.list(s, p);
            return new CreateReleaseViewModel(releases, runner, s, found, existing.isEmpty() ? null : existing.get(0).version());
        }, open, message::error);
    }

    /**
     * The comparison of the selected release (TO; the newest when none is selected) with the one before it (FROM);
     * either can be changed in the comparison. Needs two releases.
     */
    public java.util.Optional<CompareViewModel> startCompare() {
        String p = project.get();
        List<String> versions = list.items().stream().map(Release::version).toList();
        if (p == null || versions.size() < 2) {
            message.error("Comparing needs two releases of the project; create another release first.");
            return java.util.Optional.empty();
        }
        Release chosen = selectedProperty().get();
        String[] pair = CompareViewModel.defaultPair(versions, chosen == null ? versions.get(0) : chosen.version());
        return java.util.Optional.of(new CompareViewModel(releases, approvals, runner, space.name(), p, versions, pair[0], pair[1]));
    }

    public void created(Release r) {
        filter.set("");
        message.info("Created release " + r.version() + " of '" + r.projectName() + "'. Its snapshot is frozen: it never changes.");
        loadReleases(r.version());
    }

    public ObservableList<String> projectNames() {
        return projectNames;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public ObservableList<Release> all() {
        return list.items();
    }

    public FilteredList<Release> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Release> selectedProperty() {
        return list.selectedProperty();
    }

    public StatusMessage message() {
        return message;
    }

    public CurrentSpace space() {
        return space;
    }
}
