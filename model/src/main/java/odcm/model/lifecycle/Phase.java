package odcm.model.lifecycle;

import java.util.List;
import odcm.model.Names;

/** One step of a lifecycle: its members, and when it counts as complete. */
public record Phase(String name, List<PhaseMember> members, ProgressionRule rule) {
    public static final int MAX_NAME = 60;

    public Phase {
        name = Names.check("A phase", name, MAX_NAME);
        members = List.copyOf(members);
        rule = rule == null ? ProgressionRule.ALL : rule;
    }

    public List<PhaseMember.Promotion> promotions() {
        return members.stream().filter(m -> m instanceof PhaseMember.Promotion).map(m -> (PhaseMember.Promotion) m).toList();
    }

    /** Environments and remote environments, without promotions and templates. */
    public List<PhaseMember> environments() {
        return members.stream().filter(m -> !(m instanceof PhaseMember.Promotion) && !PhaseMember.isTemplate(m)).toList();
    }
}
