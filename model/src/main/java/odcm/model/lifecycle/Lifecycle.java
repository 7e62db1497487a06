package odcm.model.lifecycle;

import java.util.List;
import odcm.model.Names;

/** Ordered phases in one space. A space's default lifecycle is used for projects it does not know by name. */
public record Lifecycle(long id, long spaceId, String name, String description, boolean isDefault, List<Phase> phases, long version) {
    public static final int MAX_NAME = 60;

    public Lifecycle {
        phases = List.copyOf(phases);
    }

    public static String checkName(String name) {
        return Names.check("A lifecycle", name, MAX_NAME);
    }

    /**
     * This lifecycle as deployment and promotion order count it: each template member followed by its live instances
     * ({@code instances} by template id) as environments of the same phase, so a phase's rule counts them as any other
     * (all must complete: every instance deployed to). A template without instances adds nothing to count.
     */
    public Lifecycle withInstances(java.util.Map<Long, List<odcm.model.environment.Environment>> instances) {
        return withInstances(instances, java.util.Map.of());
    }

    /**
     * As {@link #withInstances(java.util.Map)}, and each remote template member (decision 0058) followed by the live instances
     * its space reported ({@code remote}: names by template id) as remote environments of the same phase.
     */
    public Lifecycle withInstances(java.util.Map<Long, List<odcm.model.environment.Environment>> instances, java.util.Map<Long, List<String>> remote) {
        if (phases.stream().noneMatch(p -> p.members().stream().anyMatch(PhaseMember::isTemplate))) {
            return this;
        }
        List<Phase> out = new java.util.ArrayList<>();
        for (Phase p : phases) {
            List<PhaseMember> members = new java.util.ArrayList<>();
            for (PhaseMember m : p.members()) {
                members.add(m);
                if (m instanceof PhaseMember.TemplateMember t) {
                    for (odcm.model.environment.Environment e : instances.getOrDefault(t.templateId(), List.of())) {
                        if (e.isLive()) {
                            members.add(new PhaseMember.LocalEnvironment(e.id(), e.name(), t.name()));
                        }
                    }
                } else if (m instanceof PhaseMember.RemoteTemplateMember t) {
                    for (String e : remote.getOrDefault(t.templateId(), List.of())) {
                        members.add(new PhaseMember.RemoteEnvironmentMember(0, t.ownerSpaceId(), t.ownerSpaceName(), e, t.name()));
                    }
                }
            }
            out.add(new Phase(p.name(), members, p.rule()));
        }
        return new Lifecycle(id, spaceId, name, description, isDefault, out, version);
    }

    /** The remote templates its phases hold (decision 0058), in phase order. */
    public List<PhaseMember.RemoteTemplateMember> remoteTemplates() {
        return phases.stream().flatMap(p -> p.members().stream()).filter(m -> m instanceof PhaseMember.RemoteTemplateMember)
                .map(m -> (PhaseMember.RemoteTemplateMember) m).toList();
    }

    /** The templates its phases hold, in phase order. */
    public List<PhaseMember.TemplateMember> templates() {
        return phases.stream().flatMap(p -> p.members().stream()).filter(m -> m instanceof PhaseMember.TemplateMember)
                .map(m -> (PhaseMember.TemplateMember) m).toList();
    }

    /** Its id and version, for a change of what was seen (decision 0036). */
    public odcm.model.Seen seen() {
        return new odcm.model.Seen(id, version);
    }
}
