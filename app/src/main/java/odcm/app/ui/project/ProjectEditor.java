package odcm.app.ui.project;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.model.project.Channel;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;

/**
 * The project being edited, new or existing: general fields, the ordered process, variables, templates and
 * channels, each as editable rows, turned into a {@link ProjectDraft} on save.
 */
public final class ProjectEditor {
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty lifecycle = new SimpleStringProperty("");
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObjectProperty<StepRow> selectedStep = new SimpleObjectProperty<>();
    private final ObservableList<VariableRow> variables = FXCollections.observableArrayList();
    private final ObservableList<TemplateRow> templates = FXCollections.observableArrayList();
    private final ObservableList<ChannelRow> channels = FXCollections.observableArrayList();
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final StringProperty originalName = new SimpleStringProperty(null);
    /** The stored project as loaded (its id and version): a save from it is refused if it changed since (decision 0036). */
    private odcm.model.Seen seen;
    /** The space a remote project was imported from; "" for a project made here. */
    private final StringProperty importedFrom = new SimpleStringProperty("");

    public ProjectEditor() {
        // One default channel: marking one unmarks the others.
        channels.addListener((javafx.collections.ListChangeListener<ChannelRow>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(r -> r.defaultProperty().addListener((o, was, now) -> {
                    if (now) {
                        channels.stream().filter(x -> x != r).forEach(x -> x.defaultProperty().set(false));
                    }
                }));
            }
        });
    }

    /** Shows a stored project for editing. */
    public void load(Project p) {
        name.set(p.name());
        description.set(p.description());
        lifecycle.set(p.lifecycleName());
        steps.setAll(p.process().stream().map(StepRow::of).toList());
        selectedStep.set(steps.isEmpty() ? null : steps.get(0));
        variables.setAll(p.variables().stream().map(VariableRow::of).toList());
        templates.setAll(p.templates().stream().map(TemplateRow::of).toList());
        channels.setAll(p.channels().stream().map(c -> new ChannelRow(c.name(), c.isDefault())).toList());
        originalName.set(p.name());
        seen = p.seen();
        active.set(true);
    }

    /** An empty project with the given lifecycle and the "Default" channel. */
    public void startNew(String defaultLifecycle) {
        importedFrom.set("");
        name.set("");
        description.set("");
        lifecycle.set(defaultLifecycle == null ? "" : defaultLifecycle);
        steps.clear();
        selectedStep.set(null);
        variables.clear();
        templates.clear();
        channels.setAll(new ChannelRow("Default", true));
        originalName.set(null);
        seen = null;
        active.set(true);
    }

    public void close() {
        active.set(false);
        originalName.set(null);
    }

    /** The project as the service takes it; a Refusal names the first thing that is wrong. */
    public ProjectDraft draft() {
        List<Channel> ch = channels.stream().map(ChannelRow::toChannel).toList();
        return new ProjectDraft(name.get(), description.get(), lifecycle.get(),
                steps.stream().map(StepRow::toStep).toList(),
                variables.stream().map(VariableRow::toVariable).toList(),
                templates.stream().map(TemplateRow::toTemplate).toList(), ch);
    }

    // ---- the process ----

    public StepRow addStep() {
        StepRow r = new StepRow();
        r.nameProperty().set(uniqueStepName());
        r.actionTypeProperty().set("Octopus.Script");
        int at = selectedStep.get() == null ? steps.size() : steps.indexOf(selectedStep.get()) + 1;
        steps.add(at, r);
        selectedStep.set(r);
        return r;
    }

    private String uniqueStepName() {
        for (int i = steps.size() + 1; ; i++) {
            String n = "Step " + i;
            if (steps.stream().noneMatch(s -> s.nameProperty().get().equalsIgnoreCase(n))) {
                return n;
            }
        }
    }

    public void removeStep() {
        StepRow r = selectedStep.get();
        if (r == null) {
            return;
        }
        int i = steps.indexOf(r);
        steps.remove(r);
        selectedStep.set(steps.isEmpty() ? null : steps.get(Math.min(i, steps.size() - 1)));
    }

    /** Moves the selected step up (-1) or down (+1); it stays selected. */
    public void moveStep(int delta) {
        StepRow r = selectedStep.get();
        if (r == null) {
            return;
        }
        int i = steps.indexOf(r);
        int j = i + delta;
        if (i < 0 || j < 0 || j >= steps.size()) {
            return;
        }
        steps.remove(i);
        steps.add(j, r);
        selectedStep.set(null);
        selectedStep.set(r);
    }

    public boolean canMove(int delta) {
        int i = steps.indexOf(selectedStep.get());
        return i >= 0 && i + delta >= 0 && i + delta < steps.size();
    }

    // ---- properties ----

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty lifecycleProperty() {
        return lifecycle;
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public ObjectProperty<StepRow> selectedStepProperty() {
        return selectedStep;
    }

    public ObservableList<VariableRow> variables() {
        return variables;
    }

    public ObservableList<TemplateRow> templates() {
        return templates;
    }

    public ObservableList<ChannelRow> channels() {
        return channels;
    }

    /** Whether a project (new or stored) is open in the editor. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** The stored name of the project being edited; null for a new one. */
    /** The id and version of the stored project loaded; null for a new one. */
    public odcm.model.Seen seen() {
        return seen;
    }

    public StringProperty originalNameProperty() {
        return originalName;
    }

    public StringProperty importedFromProperty() {
        return importedFrom;
    }

    public boolean isNew() {
        return originalName.get() == null;
    }
}
