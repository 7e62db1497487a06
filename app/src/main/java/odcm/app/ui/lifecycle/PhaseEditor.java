package odcm.app.ui.lifecycle;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.ProgressionRule;

/** One phase as it is being edited: its name, its progression rule, and its members by name. */
public final class PhaseEditor {
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<ProgressionRule.Kind> rule = new SimpleObjectProperty<>(ProgressionRule.Kind.ALL);
    private final IntegerProperty atLeast = new SimpleIntegerProperty(1);
    private final ObservableList<String> environments = FXCollections.observableArrayList();
    private final ObservableList<String> remoteEnvironments = FXCollections.observableArrayList();
    private final ObservableList<String> promotions = FXCollections.observableArrayList();
    private final ObservableList<String> templates = FXCollections.observableArrayList();

    public PhaseEditor(String name) {
        this.name.set(name);
    }

    static PhaseEditor of(Phase p) {
        PhaseEditor e = new PhaseEditor(p.name());
        e.rule.set(p.rule().kind());
        e.atLeast.set(Math.max(1, p.rule().atLeast()));
        for (PhaseMember m : p.members()) {
            if (m instanceof PhaseMember.LocalEnvironment l) {
                e.environments.add(l.name());
            } else if (m instanceof PhaseMember.RemoteEnvironmentMember || m instanceof PhaseMember.RemoteTemplateMember) {
                e.remoteEnvironments.add(m.displayName()); // a remote template among them, "Prod Space: Feature (template)" (0058)
            } else if (m instanceof PhaseMember.Promotion t) {
                e.promotions.add(t.targetSpaceName());
            } else if (m instanceof PhaseMember.TemplateMember t) {
                e.templates.add(t.name());
            }
        }
        return e;
    }

    /** Calls {@code changed} whenever anything of the phase changes. */
    void onChange(Runnable changed) {
        name.addListener((o, was, now) -> changed.run());
        rule.addListener((o, was, now) -> changed.run());
        atLeast.addListener((o, was, now) -> changed.run());
        ListChangeListener<String> l = c -> changed.run();
        environments.addListener(l);
        remoteEnvironments.addListener(l);
        promotions.addListener(l);
        templates.addListener(l);
    }

    public ProgressionRule progression() {
        return rule.get() == ProgressionRule.Kind.AT_LEAST ? ProgressionRule.atLeast(Math.max(1, atLeast.get()))
                : rule.get() == ProgressionRule.Kind.OPTIONAL ? ProgressionRule.OPTIONAL : ProgressionRule.ALL;
    }

    PhaseDraft draft() {
        return new PhaseDraft(name.get().strip(), environments, remoteEnvironments, promotions, progression(), templates);
    }

    /** Adds or removes {@code member} of one of the member lists, keeping each name once. */
    static void toggle(ObservableList<String> members, String member, boolean in) {
        if (in && !members.contains(member)) {
            members.add(member);
        } else if (!in) {
            members.remove(member);
        }
    }

    /** "Development, Test, promotes to Prod Space · all must complete" or "no members yet · optional". */
    public String summary() {
        return members() + " · " + progression().words();
    }

    /** "Development, Prod Space: Production, promotes to Prod Space", or "no members yet". */
    public String members() {
        List<String> parts = new ArrayList<>(environments);
        parts.addAll(remoteEnvironments);
        templates.forEach(t -> parts.add(PhaseMember.TemplateMember.displayName(t)));
        promotions.forEach(p -> parts.add("promotes to " + p));
        return parts.isEmpty() ? "no members yet" : String.join(", ", parts);
    }

    /** How many members can complete: environments and remote environments (a promotion completes in the other space). */
    int environmentCount() {
        return environments.size() + remoteEnvironments.size();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<ProgressionRule.Kind> ruleProperty() {
        return rule;
    }

    public IntegerProperty atLeastProperty() {
        return atLeast;
    }

    public ObservableList<String> environments() {
        return environments;
    }

    public ObservableList<String> remoteEnvironments() {
        return remoteEnvironments;
    }

    public ObservableList<String> promotions() {
        return promotions;
    }

    /** Environment templates by name: their instances are environments of the phase (decision 0057). */
    public ObservableList<String> templates() {
        return templates;
    }
}
