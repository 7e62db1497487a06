package odcm.app.ui.lifecycle;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import odcm.app.service.EnvironmentService;
import odcm.app.service.LifecycleService;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.space.Space;

/**
 * The lifecycles of the current space and the one being edited. A reload never throws away unsaved changes of
 * the same space; choosing another lifecycle while there are some is the view's question to ask.
 */
public final class LifecyclesViewModel {
    private final LifecycleService lifecycles;
    private final EnvironmentService environments;
    private final odcm.app.service.TemplateService templates;
    private final SpaceService spaces;
    private final TaskRunner runner;
    private final CurrentSpace current;
    private final SelectableList<Lifecycle> list = new SelectableList<>(l -> l.name().toLowerCase(Locale.ROOT), true);
    private final FilteredList<Lifecycle> shown = new FilteredList<>(list.items());
    private final StringProperty filter = new SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();
    private final LifecycleEditorViewModel editor;
    private String loadedSpace = "";

    private record Loaded(List<Lifecycle> lifecycles, List<Environment> environments, List<String> remotes, List<Space> spaces,
                          List<odcm.model.environment.EnvironmentTemplate> templates) {
    }

    public LifecyclesViewModel(LifecycleService lifecycles, EnvironmentService environments, odcm.app.service.TemplateService templates, SpaceService spaces, TaskRunner runner,
                               CurrentSpace current) {
        this.lifecycles = lifecycles;
        this.environments = environments;
        this.templates = templates;
        this.spaces = spaces;
        this.runner = runner;
        this.current = current;
        this.editor = new LifecycleEditorViewModel(lifecycles, runner);
        filter.addListener((o, was, now) -> shown.setPredicate(l -> now == null || now.isBlank()
                || (l.name() + "\n" + l.description()).toLowerCase(Locale.ROOT).contains(now.strip().toLowerCase(Locale.ROOT))));
        list.selectedProperty().addListener((o, was, now) -> {
            if (now != null && !editor.isDirty()) {
                editor.load(now);
            }
        });
        current.nameProperty().addListener((o, was, now) -> {
            message.clear();
            refresh();
        });
        editor.dirtyProperty().addListener((o, was, now) -> {
            if (now) {
                message.clear(); // "Saved …" no longer describes what is on screen
            }
        });
    }

    public void refresh() {
        refresh(null);
    }

    /** Reloads the lifecycles and what their phases can hold; selects {@code select}, else the one being edited. */
    public void refresh(String select) {
        String space = current.name();
        if (space.isEmpty()) {
            list.replace(List.of());
            return;
        }
        runner.run("Loading the lifecycles of '" + space + "'", () -> new Loaded(lifecycles.list(space), environments.list(space),
                environments.remoteMembers(space), spaces.list(), templates.list(space)), loaded -> {
                    if (space.equals(current.name())) {
                        show(space, loaded, select);
                    }
                }, sentence -> {
                    if (space.equals(current.name())) {
                        message.error(sentence);
                    }
                });
    }

    private void show(String space, Loaded loaded, String select) {
        // One phase editor made for all of this, not one per list offered and lifecycle opened (decision 0032, fifth pass).
        editor.batch(() -> fill(space, loaded, select));
    }

    private void fill(String space, Loaded loaded, String select) {
        boolean otherSpace = !space.equals(loadedSpace);
        loadedSpace = space;
        editor.offer(loaded.environments().stream().filter(e -> !e.isInstance()).map(Environment::name).toList(), // instances come with their template
                loaded.remotes(), // remote environments and remote templates (0058)
                loaded.spaces().stream().map(Space::name).filter(n -> !n.equals(space)).toList(),
                loaded.templates().stream().map(odcm.model.environment.EnvironmentTemplate::name).toList());
        if (otherSpace) {
            editor.startNew(loaded.lifecycles().isEmpty()); // the edits of another space never carry over
        }
        String prefer = select != null ? select : editor.editing();
        list.replace(loaded.lifecycles(), prefer == null ? null : prefer.toLowerCase(Locale.ROOT));
        if (list.selectedProperty().get() == null && !editor.isDirty()) {
            editor.startNew(loaded.lifecycles().isEmpty());
        }
    }

    /** Opens {@code l} in the editor, dropping unsaved changes (the view asked first). */
    public void open(Lifecycle l) {
        editor.load(l);
        list.selectedProperty().set(l);
    }

    /** A new lifecycle in the editor, dropping unsaved changes (the view asked first). */
    public void startNew() {
        list.selectedProperty().set(null);
        editor.startNew(list.items().isEmpty());
    }

    public void save() {
        String space = current.name();
        boolean creating = editor.editing() == null;
        editor.save(space, saved -> {
            message.info((creating ? "Created" : "Saved") + " lifecycle '" + saved.name() + "' of '" + space + "'."
                    + (saved.isDefault() ? " It is the space's default lifecycle." : ""));
            filter.set("");
            refresh(saved.name());
        });
    }

    /** Back to the stored lifecycle, read afresh (someone else may have changed it: decision 0036). */
    public void discard() {
        editor.discard(list.selectedProperty().get());
        refresh();
    }

    /** As the confirm dialog runs it, in the background. */
    public void delete(Lifecycle l) {
        lifecycles.delete(current.name(), l.name(), l.seen());
    }

    public void deleted(Lifecycle l) {
        editor.startNew(false);
        list.selectedProperty().set(null);
        message.info("Deleted lifecycle '" + l.name() + "' of '" + current.name() + "'.");
        refresh();
    }

    public String space() {
        return current.name();
    }

    public LifecycleEditorViewModel editor() {
        return editor;
    }

    public ObjectProperty<Lifecycle> selectedProperty() {
        return list.selectedProperty();
    }

    public ObservableList<Lifecycle> all() {
        return list.items();
    }

    public FilteredList<Lifecycle> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StatusMessage message() {
        return message;
    }

    public TaskRunner runner() {
        return runner;
    }
}
