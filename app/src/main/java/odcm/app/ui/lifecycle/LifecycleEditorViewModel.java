package odcm.app.ui.lifecycle;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.LifecycleService;
import odcm.app.ui.common.Checks;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Names;
import odcm.model.deployment.DeploymentRules;
import odcm.model.deployment.MissingValues;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.ProgressionRule;

/**
 * A lifecycle being written: name, description, default flag and the phases in order. Knows whether it differs
 * from what was loaded (unsaved changes), what is wrong with it before saving, and saves it as a {@link LifecycleDraft}.
 */
public final class LifecycleEditorViewModel {
    private final LifecycleService lifecycles;
    private final FormState form;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final BooleanProperty isDefault = new SimpleBooleanProperty(false);
    /** With an extractor, so a change inside a phase shows in the list of phases too. */
    private final ObservableList<PhaseEditor> phases = FXCollections.observableArrayList(p -> new javafx.beans.Observable[] {
        p.nameProperty(), p.ruleProperty(), p.atLeastProperty(), p.environments(), p.remoteEnvironments(), p.promotions(), p.templates()});
    private final ObjectProperty<PhaseEditor> selectedPhase = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lacking = new ReadOnlyStringWrapper("");
    private String lackingOf;
    private final ReadOnlyBooleanWrapper wasDefault = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper editing = new ReadOnlyStringWrapper(); // null: a new lifecycle
    /** What can be chosen as members: the space's environments, its remote environments, the other spaces. */
    private final ObservableList<String> environments = FXCollections.observableArrayList();
    private final ObservableList<String> remoteEnvironments = FXCollections.observableArrayList();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObservableList<String> templates = FXCollections.observableArrayList();
    private LifecycleDraft baseline;
    /** The stored lifecycle as loaded (its id and version): a save from it is refused if it changed since (decision 0036). */
    private odcm.model.Seen seen;
    private boolean loading;
    /** Told when the phase shown or what its members can be chosen from changed: once per {@link #batch}. */
    private final List<Runnable> phaseShownChanged = new java.util.ArrayList<>();
    private int batch;
    private boolean phaseShownPending;

    public LifecycleEditorViewModel(LifecycleService lifecycles, TaskRunner runner) {
        this.lifecycles = lifecycles;
        this.form = new FormState(runner);
        name.addListener((o, was, now) -> changed());
        description.addListener((o, was, now) -> changed());
        isDefault.addListener((o, was, now) -> changed());
        phases.addListener((javafx.collections.ListChangeListener<PhaseEditor>) c -> changed());
        selectedPhase.addListener((o, was, now) -> phaseShownChanged());
        javafx.collections.ListChangeListener<String> offered = c -> phaseShownChanged();
        environments.addListener(offered);
        remoteEnvironments.addListener(offered);
        targets.addListener(offered);
        templates.addListener(offered);
        startNew(false);
    }

    /**
     * Runs {@code r} when the phase shown or what its members can be chosen from changed; after a {@link #batch}, once
     * at its end (the phase editor is made once for a screen's load, not once per list it sets).
     */
    public void onPhaseShownChanged(Runnable r) {
        phaseShownChanged.add(r);
    }

    /** Runs {@code work}, telling {@link #onPhaseShownChanged} listeners once at its end if it changed what they show. */
    public void batch(Runnable work) {
        batch++;
        try {
            work.run();
        } finally {
            if (--batch == 0 && phaseShownPending) {
                phaseShownPending = false;
                phaseShownChanged.forEach(Runnable::run);
            }
        }
    }

    private void phaseShownChanged() {
        if (batch > 0) {
            phaseShownPending = true;
        } else {
            phaseShownChanged.forEach(Runnable::run);
        }
    }

    /** A new, empty lifecycle; {@code first} makes it the default (a space's first lifecycle is its default anyway). */
    public void startNew(boolean first) {
        seen = null;
        fill(null, "", "", first, List.of());
        loading = true; // a new lifecycle's first phase is not a change
        phases.add(phase("Development"));
        loading = false;
        selectedPhase.set(phases.get(0));
        baseline = draft();
        changed();
    }

    public void load(Lifecycle l) {
        seen = l.seen();
        fill(l.name(), l.name(), l.description(), l.isDefault(), l.phases());
    }

    private void fill(String editingName, String n, String d, boolean def, List<Phase> ps) {
        loading = true;
        editing.set(editingName);
        wasDefault.set(editingName != null && def);
        name.set(n);
        description.set(d);
        isDefault.set(def);
        phases.setAll(ps.stream().map(this::track).toList());
        selectedPhase.set(phases.isEmpty() ? null : phases.get(0));
        loading = false;
        baseline = draft();
        form.clearError();
        if (editingName == null || !editingName.equals(lackingOf)) {
            lacking.set(""); // another lifecycle; the same one read again after its save keeps it
        }
        changed();
    }

    private PhaseEditor track(Phase p) {
        PhaseEditor e = PhaseEditor.of(p);
        e.onChange(this::changed);
        return e;
    }

    private PhaseEditor phase(String phaseName) {
        PhaseEditor e = new PhaseEditor(phaseName);
        e.onChange(this::changed);
        return e;
    }

    private void changed() {
        if (loading) {
            return;
        }
        form.clearError(); // a refusal about the earlier state no longer applies
        dirty.set(baseline != null && !draft().equals(baseline));
        if (dirty.get()) {
            lacking.set(""); // nor what the saved lifecycle lacked
        }
        problem.set(validate());
    }

    /** The lifecycle as a draft for the service, phases in their order. */
    public LifecycleDraft draft() {
        return new LifecycleDraft(name.get().strip(), description.get().strip(), isDefault.get(), phases.stream().map(PhaseEditor::draft).toList());
    }

    /** "" when it can be saved, else the first thing to fix. The store checks members exist; this checks what the form can. */
    String validate() {
        String p = Checks.problem(() -> Lifecycle.checkName(name.get()));
        if (!p.isEmpty()) {
            return name.get().isBlank() ? "Give the lifecycle a name." : p;
        }
        p = Checks.problem(() -> Names.text("A description", description.get(), 2000));
        if (!p.isEmpty()) {
            return p;
        }
        if (wasDefault.get() && !isDefault.get()) {
            return "'" + editing.get() + "' is the default lifecycle; make another lifecycle the default instead of clearing it here.";
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < phases.size(); i++) {
            PhaseEditor ph = phases.get(i);
            String phaseName = ph.nameProperty().get();
            if (phaseName.isBlank()) {
                return "Phase " + (i + 1) + " has no name.";
            }
            p = Checks.problem(() -> Names.check("A phase", phaseName, Phase.MAX_NAME));
            if (!p.isEmpty()) {
                return "Phase " + (i + 1) + ": " + p;
            }
            if (!seen.add(phaseName.strip().toLowerCase(Locale.ROOT))) {
                return "Two phases are named '" + phaseName.strip() + "'; phase names are unique in a lifecycle.";
            }
            ProgressionRule rule = ph.progression();
            if (rule.kind() == ProgressionRule.Kind.AT_LEAST && rule.atLeast() > ph.environmentCount()) {
                return "Phase '" + phaseName.strip() + "' needs at least " + rule.atLeast() + " environments to complete but holds "
                        + ph.environmentCount() + ".";
            }
        }
        return "";
    }

    // ---- phases ----

    public void addPhase() {
        Set<String> names = new HashSet<>();
        phases.forEach(p -> names.add(p.nameProperty().get().strip().toLowerCase(Locale.ROOT)));
        int n = phases.size() + 1;
        while (names.contains(("Phase " + n).toLowerCase(Locale.ROOT))) {
            n++;
        }
        PhaseEditor p = phase("Phase " + n);
        int at = selectedPhase.get() == null ? phases.size() : phases.indexOf(selectedPhase.get()) + 1;
        phases.add(at, p);
        selectedPhase.set(p);
    }

    public void removePhase() {
        PhaseEditor p = selectedPhase.get();
        if (p == null) {
            return;
        }
        int at = phases.indexOf(p);
        phases.remove(at);
        selectedPhase.set(phases.isEmpty() ? null : phases.get(Math.min(at, phases.size() - 1)));
    }

    /** Moves the selected phase one place earlier (-1) or later (+1); it stays selected. */
    public void move(int by) {
        PhaseEditor p = selectedPhase.get();
        int at = phases.indexOf(p);
        int to = at + by;
        if (p == null || to < 0 || to >= phases.size()) {
            return;
        }
        phases.remove(at);
        phases.add(to, p);
        selectedPhase.set(p);
    }

    public boolean canMove(int by) {
        int at = phases.indexOf(selectedPhase.get());
        return at >= 0 && at + by >= 0 && at + by < phases.size();
    }

    // ---- saving ----

    /** Creates or updates the lifecycle in {@code space}; a refusal stays in {@link #form()}. */
    public void save(String space, Consumer<Lifecycle> onSaved) {
        if (!problem.get().isEmpty()) {
            return;
        }
        LifecycleDraft d = draft();
        String current = editing.get();
        odcm.model.Seen from = seen;
        Set<String> before = new HashSet<>(members(baseline));
        form.submit("Saving lifecycle '" + d.name() + "'", () -> {
            Lifecycle saved = current == null ? lifecycles.create(space, d) : lifecycles.update(space, current, d, from);
            // On the worker too: what the environments just added lack, per project using the lifecycle (informational).
            List<String> added = DeploymentRules.valueMembers(saved).stream().map(PhaseMember::displayName)
                    .filter(m -> !before.contains(Names.key(m))).toList();
            return new Saved(saved, current == null ? List.of() : lifecycles.missingValues(space, saved.name(), added));
        }, done -> {
            load(done.lifecycle());
            lackingOf = done.lifecycle().name();
            lacking.set(done.missing().isEmpty() ? "" : "The environments just added lack mandatory values (the lifecycle is saved):\n• "
                    + MissingValues.words(done.missing(), "\n• ") + "\nSet them in each project's variables; a project made here then needs"
                    + " a new release, as a release deploys with the values frozen in it.");
            onSaved.accept(done.lifecycle());
        });
    }

    private record Saved(Lifecycle lifecycle, List<MissingValues> missing) {
    }

    /** The keys of a draft's environments and remote environments. */
    private static List<String> members(LifecycleDraft d) {
        return d == null ? List.of() : d.phases().stream().flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.concat(p.environments().stream(),
                p.remoteEnvironments().stream()), p.templates().stream().map(PhaseMember.TemplateMember::displayName)))
                .map(m -> Names.key(m.strip().replaceAll("\\s*:\\s*", ": "))).toList();
    }

    /** The user read what the save said the new environments lack. */
    public void dismissLacking() {
        lacking.set("");
    }

    /** After a save that added environments: per project using the lifecycle, the mandatory values they lack; else "". */
    public ReadOnlyStringProperty lackingProperty() {
        return lacking.getReadOnlyProperty();
    }

    /** Back to what was loaded. */
    public void discard(Lifecycle loaded) {
        if (loaded == null) {
            startNew(isDefault.get() && editing.get() == null);
        } else {
            load(loaded);
        }
    }

    /** What members can be chosen from; keeps members already chosen even when they are no longer offered. */
    public void offer(List<String> envs, List<String> remotes, List<String> spaces, List<String> templateNames) {
        templates.setAll(templateNames);
        environments.setAll(envs);
        remoteEnvironments.setAll(remotes);
        targets.setAll(spaces);
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The name of the lifecycle being edited as loaded, null for a new one. */
    public ReadOnlyStringProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public String editing() {
        return editing.get();
    }

    /** True while editing the default lifecycle: its flag cannot be cleared here. */
    public ReadOnlyBooleanProperty wasDefaultProperty() {
        return wasDefault.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public BooleanProperty defaultProperty() {
        return isDefault;
    }

    public ObservableList<PhaseEditor> phases() {
        return phases;
    }

    public ObjectProperty<PhaseEditor> selectedPhaseProperty() {
        return selectedPhase;
    }

    public ObservableList<String> environments() {
        return environments;
    }

    public ObservableList<String> remoteEnvironments() {
        return remoteEnvironments;
    }

    public ObservableList<String> targets() {
        return targets;
    }

    /** The space's environment templates, by name. */
    public ObservableList<String> templates() {
        return templates;
    }

    public FormState form() {
        return form;
    }
}
