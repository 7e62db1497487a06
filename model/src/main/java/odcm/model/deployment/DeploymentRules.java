package odcm.model.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import odcm.model.Names;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;

/**
 * When a release may be deployed to an environment of this space, and when it may be promoted to another space. For a
 * deployment only the space's own environments count: a phase member that is a remote environment or a promotion happens
 * elsewhere, so it neither blocks nor completes a phase here. For a promotion every member counts (decision 0045).
 */
public final class DeploymentRules {
    private DeploymentRules() {
    }

    /** The local environments of a lifecycle, in phase order. */
    public static List<String> environments(Lifecycle lifecycle) {
        List<String> out = new ArrayList<>();
        for (Phase p : lifecycle.phases()) {
            for (PhaseMember m : p.members()) {
                if (m instanceof PhaseMember.LocalEnvironment e) {
                    out.add(e.name());
                }
            }
        }
        return out;
    }

    /**
     * Why {@code environment} may not be deployed to yet, or empty when it may: it must be a local environment of the
     * lifecycle, and every earlier phase must be complete by its rule (all, at least N, optional) with the environments
     * the release was already deployed to successfully ({@code succeeded}, names compared by {@link Names#key}).
     */
    public static Optional<String> orderRefusal(Lifecycle lifecycle, String environment, Set<String> succeeded, String release) {
        Set<String> done = succeeded.stream().map(Names::key).collect(Collectors.toSet());
        String key = Names.key(environment);
        List<String> all = environments(lifecycle);
        if (all.stream().noneMatch(e -> Names.key(e).equals(key))) {
            return Optional.of("Environment '" + environment + "' is not in lifecycle '" + lifecycle.name() + "'"
                    + (all.isEmpty() ? ", which has no environments of this space." : "; it deploys to " + String.join(", ", all) + "."));
        }
        return firstGap(lifecycle, m -> m instanceof PhaseMember.LocalEnvironment && Names.key(m.displayName()).equals(key),
                m -> m instanceof PhaseMember.LocalEnvironment, m -> done.contains(Names.key(m.displayName())))
                .map(g -> "Release " + release + " cannot be deployed to " + environment + " yet: phase '" + g.phase().name() + "' ("
                        + g.phase().rule().words() + ") comes first and still needs a successful deployment to " + g.more()
                        + g.open().stream().map(PhaseMember::displayName).collect(Collectors.joining(", ")) + ".");
    }

    /**
     * What a release has completed, as promotion order counts it: local environments it was deployed to successfully,
     * remote environments a space reported it deployed to successfully ("Prod Space: Production"), and the spaces a bundle
     * of it was made for. Names are compared by {@link Names#key}.
     */
    public record Progress(Set<String> environments, Set<String> remoteEnvironments, Set<String> promotedTo) {
        public Progress {
            environments = keys(environments);
            remoteEnvironments = keys(remoteEnvironments);
            promotedTo = keys(promotedTo);
        }

        public static final Progress NONE = new Progress(Set.of(), Set.of(), Set.of());

        private static Set<String> keys(Set<String> names) {
            return names.stream().map(Names::key).collect(Collectors.toUnmodifiableSet());
        }

        /** Whether the member counts as complete for the release. */
        public boolean complete(PhaseMember m) {
            if (PhaseMember.isTemplate(m)) {
                return false; // never counted: its instances are (Lifecycle.withInstances)
            }
            if (m instanceof PhaseMember.Promotion p) {
                return promotedTo.contains(Names.key(p.targetSpaceName()));
            }
            return (m instanceof PhaseMember.LocalEnvironment ? environments : remoteEnvironments).contains(Names.key(m.displayName()));
        }
    }

    /**
     * Why a bundle of {@code release} may not be made for {@code targetSpace} yet, or empty when it may: every phase before
     * the first one promoting there must be complete by its rule (all, at least N, optional), counting every member —
     * environments of this space, remote environments and earlier promotions — as {@code progress} says. A space the
     * lifecycle does not promote to is not this rule's to refuse (empty).
     */
    public static Optional<String> promotionRefusal(Lifecycle lifecycle, String targetSpace, Progress progress, String release) {
        String key = Names.key(targetSpace);
        return firstGap(lifecycle, m -> m instanceof PhaseMember.Promotion p && Names.key(p.targetSpaceName()).equals(key),
                m -> !PhaseMember.isTemplate(m), progress::complete)
                .map(g -> "Release " + release + " cannot be promoted to '" + targetSpace + "' yet: phase '" + g.phase().name() + "' ("
                        + g.phase().rule().words() + ") comes first and still needs " + needs(g) + ".");
    }

    /** "a successful deployment to 1 more of Test, QA Space: Staging", "a bundle for 'QA Space'", or both joined. */
    private static String needs(Gap g) {
        List<String> deployed = g.open().stream().filter(m -> !(m instanceof PhaseMember.Promotion)).map(PhaseMember::displayName).toList();
        List<String> promoted = g.open().stream().filter(m -> m instanceof PhaseMember.Promotion)
                .map(m -> "'" + ((PhaseMember.Promotion) m).targetSpaceName() + "'").toList();
        String deployments = "a successful deployment to " + String.join(", ", deployed);
        String bundles = "a bundle for " + String.join(", ", promoted);
        if (promoted.isEmpty()) {
            return "a successful deployment to " + g.more() + String.join(", ", deployed);
        }
        if (deployed.isEmpty()) {
            return "a bundle for " + g.more() + String.join(", ", promoted);
        }
        return g.more().isEmpty() ? deployments + " and " + bundles : g.more().replace(" of ", " of: ") + deployments + ", or " + bundles;
    }

    /** A phase not yet complete: its members still open, and "2 more of " when the rule is at least N ("" otherwise). */
    private record Gap(Phase phase, String more, List<PhaseMember> open) {
    }

    /**
     * The one walk of lifecycle order: the first phase before the one holding a member that {@code isTarget} that is not
     * complete by its rule, counting only members that {@code counts} and taking those that {@code done} as complete.
     * Empty when every earlier phase is complete, or no phase holds the target.
     */
    private static Optional<Gap> firstGap(Lifecycle lifecycle, Predicate<PhaseMember> isTarget, Predicate<PhaseMember> counts,
                                          Predicate<PhaseMember> done) {
        if (lifecycle.phases().stream().noneMatch(p -> p.members().stream().anyMatch(isTarget))) {
            return Optional.empty();
        }
        for (Phase phase : lifecycle.phases()) {
            if (phase.members().stream().anyMatch(isTarget)) {
                return Optional.empty();
            }
            List<PhaseMember> here = phase.members().stream().filter(counts).toList();
            long complete = here.stream().filter(done).count();
            int needed = phase.rule().needed(here.size());
            if (complete < needed) {
                return Optional.of(new Gap(phase, phase.rule().kind() == ProgressionRule.Kind.AT_LEAST ? (needed - complete) + " more of " : "",
                        here.stream().filter(done.negate()).toList()));
            }
        }
        return Optional.empty();
    }

    /** The mandatory templates without a non-empty value for {@code environment} among {@code values} (scoped to it or unscoped). */
    public static List<VariableTemplate> missingValues(List<VariableTemplate> templates, List<Variable> values, String environment) {
        return missing(templates, values, environment, null, false);
    }

    /** As {@link #missingValues(List, List, String)} for an instance of environment template {@code template} (null: none), by {@link #RANK}. */
    public static List<VariableTemplate> missingValues(List<VariableTemplate> templates, List<Variable> values, String environment, String template) {
        return missing(templates, values, environment, template, false);
    }

    /**
     * As {@link #missingValues}, where a template's non-blank default is its value when none is set: how a release made
     * in its own space deploys (its snapshot holds the values and templates frozen), and what an import's form starts
     * with for a remote environment (docs/decisions/0049).
     */
    public static List<VariableTemplate> missingValuesOrDefaults(List<VariableTemplate> templates, List<Variable> values, String environment) {
        return missing(templates, values, environment, null, true);
    }

    /** As {@link #missingValuesOrDefaults(List, List, String)} for an instance of environment template {@code template} (null: none). */
    public static List<VariableTemplate> missingValuesOrDefaults(List<VariableTemplate> templates, List<Variable> values, String environment,
                                                                 String template) {
        return missing(templates, values, environment, template, true);
    }

    private static List<VariableTemplate> missing(List<VariableTemplate> templates, List<Variable> values, String environment, String template,
                                                  boolean defaults) {
        Values byName = new Values(values);
        return templates.stream().filter(VariableTemplate::mandatory)
                .filter(t -> !(defaults && !t.defaultValue().isBlank()) && byName.value(t.name(), environment, template).isEmpty()).toList();
    }

    /**
     * The rank rule of a variable's values (docs/decisions/0057), highest first: a value scoped to the environment itself (an
     * instance by its own name), then one scoped to its environment template ("Feature (template)", for every instance of it),
     * then an unscoped one. A blank value is none, and the next rank is looked at.
     */
    public static final String RANK = "environment, then its template, then unscoped";

    /**
     * The environments and remote environments of a lifecycle ({@code Prod Space: Production}), in phase order; promotions and
     * templates are none (a template's instances are, in a lifecycle {@link Lifecycle#withInstances with its instances}).
     */
    public static List<PhaseMember> environmentMembers(Lifecycle lifecycle) {
        return lifecycle.phases().stream().flatMap(p -> p.environments().stream()).toList();
    }

    /**
     * What a project's values are for, phase by phase: its {@link #environmentMembers} and each environment template standing in
     * a phase (for the instances it will make, which get its values and the unscoped ones; decision 0057).
     */
    public static List<PhaseMember> valueMembers(Lifecycle lifecycle) {
        return lifecycle.phases().stream().flatMap(p -> p.members().stream()
                .filter(m -> !(m instanceof PhaseMember.Promotion))).toList();
    }

    /**
     * Where a release stands in a phase, for its templates (docs/decisions/0057): {@code reached} when every earlier phase is
     * complete by its rule, {@code left} when a member of a later phase is complete (it progressed to the next phase). A
     * template provisions an instance for a release in a phase reached and not left, and de-provisions it from a phase left.
     */
    public record PhaseReach(Phase phase, boolean reached, boolean left) {
    }

    /**
     * Each phase of {@code lifecycle} (with its instances) as {@link PhaseReach} for a release that completed {@code progress}.
     * Every member counts as promotion order counts it (remote environments and promotions too, so a phase of only remote
     * members is not complete before its space reports). A phase holding a template but none of its live instances is not
     * complete unless its rule is optional: the instance the release is to be deployed to is yet to come.
     */
    public static List<PhaseReach> reach(Lifecycle lifecycle, Progress progress) {
        List<Phase> phases = lifecycle.phases();
        int lastDone = -1;
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).members().stream().anyMatch(progress::complete)) {
                lastDone = i;
            }
        }
        List<PhaseReach> out = new ArrayList<>();
        boolean reached = true;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            out.add(new PhaseReach(p, reached, i < lastDone));
            List<PhaseMember> here = p.members().stream().filter(m -> !PhaseMember.isTemplate(m)).toList();
            boolean awaitsInstance = p.members().stream().anyMatch(m -> PhaseMember.isTemplate(m)
                    && here.stream().noneMatch(h -> PhaseMember.instanceOf(h, m)));
            long complete = here.stream().filter(progress::complete).count();
            reached = reached && complete >= p.rule().needed(here.size()) && !(awaitsInstance && p.rule().kind() != ProgressionRule.Kind.OPTIONAL);
        }
        return out;
    }

    /** The value of variable {@code name} for {@code environment}: one scoped to it first, else an unscoped one; blank is none. */
    public static Optional<String> value(List<Variable> values, String name, String environment) {
        return new Values(values).value(name, environment);
    }

    /** Variables by name, each name's key computed once: for many look-ups in one list (an import's form, 10,000 variables). */
    public static final class Values {
        private final Map<String, List<Variable>> byName = new HashMap<>();

        public Values(List<Variable> values) {
            for (Variable v : values) {
                byName.computeIfAbsent(Names.key(v.name()), k -> new ArrayList<>(1)).add(v);
            }
        }

        /** As {@link DeploymentRules#value}: one scoped to {@code environment} first, else an unscoped one; blank is none. */
        public Optional<String> value(String name, String environment) {
            return value(name, environment, null);
        }

        /** By {@link #RANK}: scoped to {@code environment}, else to its environment {@code template} (null: none), else unscoped. */
        public Optional<String> value(String name, String environment, String template) {
            List<Variable> named = byName.getOrDefault(Names.key(name), List.of());
            if (named.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> scoped = scopedTo(named, environment);
            if (scoped.isPresent()) {
                return scoped;
            }
            Optional<String> templated = template == null ? Optional.empty() : scopedTo(named, PhaseMember.TemplateMember.displayName(template));
            if (templated.isPresent()) {
                return templated;
            }
            return named.stream().filter(v -> v.scope().isAll()).map(Variable::value).filter(v -> !v.isBlank()).findFirst();
        }

        private static Optional<String> scopedTo(List<Variable> named, String scope) {
            String key = Names.key(scope);
            return named.stream().filter(v -> v.scope().environments().stream().anyMatch(e -> Names.key(e).equals(key)))
                    .map(Variable::value).filter(v -> !v.isBlank()).findFirst();
        }
    }
}
