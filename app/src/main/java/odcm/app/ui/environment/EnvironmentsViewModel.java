package odcm.app.ui.environment;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.FilteredList;
import odcm.app.service.EnvironmentService;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.RemoteEnvironment;

/** The environments and remote environments of the current space, one filter over both, and what can be done to them. */
public final class EnvironmentsViewModel {
    private final EnvironmentService environments;
    private final odcm.app.service.TemplateService templates;
    private final odcm.app.service.RemoteTemplateService remoteTemplates;
    /** The remote templates among {@link #templateList}, by template id: their display name ("Prod Space: Feature (template)"). */
    private final java.util.Map<Long, String> remoteNames = new java.util.HashMap<>();
    private final SelectableList<EnvironmentTemplate> templateList = new SelectableList<>(t -> t.name().toLowerCase(Locale.ROOT), false);
    private final SpaceService spaces;
    private final TaskRunner runner;
    private final CurrentSpace current;
    private final SelectableList<Environment> locals = new SelectableList<>(e -> e.name().toLowerCase(Locale.ROOT), false);
    private final SelectableList<RemoteEnvironment> remotes = new SelectableList<>(RemoteEnvironment::displayName, false);
    private final FilteredList<Environment> shownLocals = new FilteredList<>(locals.items());
    private final FilteredList<RemoteEnvironment> shownRemotes = new FilteredList<>(remotes.items());
    private final StringProperty filter = new SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();

    private record Loaded(List<Environment> locals, List<RemoteEnvironment> remotes, List<EnvironmentTemplate> templates,
                          List<odcm.model.environment.RemoteTemplate> remoteTemplates) {
    }

    public EnvironmentsViewModel(EnvironmentService environments, odcm.app.service.TemplateService templates,
                                 odcm.app.service.RemoteTemplateService remoteTemplates, SpaceService spaces, TaskRunner runner, CurrentSpace current) {
        this.environments = environments;
        this.templates = templates;
        this.remoteTemplates = remoteTemplates;
        this.spaces = spaces;
        this.runner = runner;
        this.current = current;
        filter.addListener((o, was, now) -> {
            shownLocals.setPredicate(e -> matches(e.name() + "\n" + e.description(), now));
            shownRemotes.setPredicate(r -> matches(r.displayName(), now));
        });
        current.nameProperty().addListener((o, was, now) -> {
            message.clear();
            refresh();
        });
    }

    static boolean matches(String text, String filter) {
        return filter == null || filter.isBlank() || text.toLowerCase(Locale.ROOT).contains(filter.strip().toLowerCase(Locale.ROOT));
    }

    public void refresh() {
        refresh(null, null);
    }

    /** Reloads both lists of the current space, selecting the named rows when given. */
    public void refresh(String selectLocal, String selectRemote) {
        String space = current.name();
        if (space.isEmpty()) {
            locals.replace(List.of());
            remotes.replace(List.of());
            templateList.replace(List.of());
            return;
        }
        runner.run("Loading the environments of '" + space + "'", () -> new Loaded(environments.list(space), environments.listRemote(space),
                        templates.list(space), remoteTemplates.list(space)),
                loaded -> {
                    if (space.equals(current.name())) { // the space changed meanwhile: a newer load is on its way
                        locals.replace(loaded.locals(), selectLocal == null ? null : selectLocal.toLowerCase(Locale.ROOT));
                        remotes.replace(loaded.remotes(), selectRemote);
                        remoteNames.clear(); // remote templates after the space's own, by their display name (decision 0058)
                        loaded.remoteTemplates().forEach(r -> remoteNames.put(r.template().id(), r.displayName()));
                        List<EnvironmentTemplate> all = new java.util.ArrayList<>(loaded.templates());
                        loaded.remoteTemplates().forEach(r -> all.add(r.template()));
                        templateList.replace(all, templateList.selectedProperty().get() == null ? null
                                : templateList.selectedProperty().get().name().toLowerCase(Locale.ROOT));
                    }
                }, sentence -> {
                    if (space.equals(current.name())) {
                        message.error(sentence);
                    }
                });
    }

    public EnvironmentFormViewModel newEnvironment() {
        String space = current.name();
        return EnvironmentFormViewModel.create(runner, (name, description) -> environments.create(space, name, description));
    }

    public EnvironmentFormViewModel rename(Environment e) {
        String space = current.name();
        return EnvironmentFormViewModel.rename(runner, e.name(), name -> environments.rename(space, e.name(), name, e.seen()));
    }

    public RemoteEnvironmentFormViewModel newRemote() {
        return new RemoteEnvironmentFormViewModel(environments, spaces, runner, current.name());
    }

    /** As the confirm dialog runs it, in the background; a refusal (a lifecycle still uses it) stays in the dialog. */
    public void delete(Environment e) {
        environments.delete(current.name(), e.name(), e.seen());
    }

    /** A template of this space, or (another space chosen as its owner) a remote template standing for that space's (0058). */
    public TemplateFormViewModel newTemplate() {
        String space = current.name();
        TemplateFormViewModel vm = new TemplateFormViewModel(runner, space,
                (owner, t) -> owner == null ? templates.create(space, t) : remoteTemplates.create(space, owner, t).template());
        runner.run("Loading the other spaces", spaces::list,
                all -> all.stream().map(odcm.model.space.Space::name).filter(n -> !n.equals(space)).forEach(vm.owners()::add), vm.form()::showError);
        return vm;
    }

    /** Edit {@code t} as it was loaded; a change made meanwhile by someone else is refused (decision 0036). */
    public TemplateFormViewModel editTemplate(EnvironmentTemplate t) {
        String space = current.name();
        return new TemplateFormViewModel(runner, t, edited -> templates.edit(space, t.name(), edited, t.seen()));
    }

    /** As the confirm dialog runs it, in the background; a refusal (a phase holds it, it had instances) stays in the dialog. */
    public void deleteTemplate(EnvironmentTemplate t) {
        if (isRemote(t)) {
            remoteTemplates.delete(current.name(), name(t));
        } else {
            templates.delete(current.name(), t.name(), t.seen());
        }
    }

    /** Whether {@code t} is a remote template (a placeholder of another space's, decision 0058): listed and deleted here, not edited. */
    public boolean isRemote(EnvironmentTemplate t) {
        return t != null && remoteNames.containsKey(t.id());
    }

    /** "Feature", or a remote template's "Prod Space: Feature (template)". */
    public String name(EnvironmentTemplate t) {
        return remoteNames.getOrDefault(t.id(), t.name());
    }

    public InstanceFormViewModel newInstance(EnvironmentTemplate t) {
        String space = current.name();
        return new InstanceFormViewModel(runner, space, t, (name, values) -> templates.instantiate(space, t.name(), name, values, true, t.seen()));
    }

    /** As the de-provision dialog runs it, in the background; {@code runProcess} false records the process as skipped. */
    public void deprovision(Environment e, boolean runProcess) {
        templates.deprovision(current.name(), e.name(), runProcess);
    }

    /** The live instances of {@code t} among the environments loaded: "feature-a-1.2, feature-b-1.3", or "none". */
    public String instancesOf(EnvironmentTemplate t) {
        if (isRemote(t)) {
            return "its owner's, as receipts report them (Pipeline)";
        }
        List<String> names = locals.items().stream().filter(e -> Long.valueOf(t.id()).equals(e.templateId())).map(Environment::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    public ObjectProperty<EnvironmentTemplate> selectedTemplateProperty() {
        return templateList.selectedProperty();
    }

    public javafx.collections.ObservableList<EnvironmentTemplate> templates() {
        return templateList.items();
    }

    public void deleteRemote(RemoteEnvironment r) {
        environments.deleteRemote(current.name(), r.displayName());
    }

    /** After a change: say so, show the lists again with the changed row selected. */
    public void changed(String sentence, String selectLocal, String selectRemote) {
        filter.set("");
        message.info(sentence);
        refresh(selectLocal, selectRemote);
    }

    public String space() {
        return current.name();
    }

    public ObjectProperty<Environment> selectedProperty() {
        return locals.selectedProperty();
    }

    public ObjectProperty<RemoteEnvironment> selectedRemoteProperty() {
        return remotes.selectedProperty();
    }

    public FilteredList<Environment> shown() {
        return shownLocals;
    }

    public FilteredList<RemoteEnvironment> shownRemotes() {
        return shownRemotes;
    }

    public javafx.collections.ObservableList<Environment> all() {
        return locals.items();
    }

    public javafx.collections.ObservableList<RemoteEnvironment> allRemotes() {
        return remotes.items();
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
