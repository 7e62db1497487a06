package odcm.model.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import odcm.model.Names;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;

/**
 * When a release may be deployed to an environment of this space. Only the space's own environments count: a phase
 * member that is a remote environment or a promotion happens elsewhere, so it neither blocks nor completes a phase here.
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
        for (Phase phase : lifecycle.phases()) {
            List<String> here = phase.members().stream().filter(m -> m instanceof PhaseMember.LocalEnvironment)
                    .map(PhaseMember::displayName).toList();
            if (here.stream().anyMatch(e -> Names.key(e).equals(key))) {
                return Optional.empty();
            }
            long complete = here.stream().filter(e -> done.contains(Names.key(e))).count();
            int needed = switch (phase.rule().kind()) {
                case ALL -> here.size();
                case AT_LEAST -> Math.min(phase.rule().atLeast(), here.size());
                case OPTIONAL -> 0;
            };
            if (complete < needed) {
                List<String> open = here.stream().filter(e -> !done.contains(Names.key(e))).toList();
                return Optional.of("Release " + release + " cannot be deployed to " + environment + " yet: phase '" + phase.name() + "' ("
                        + phase.rule().words() + ") comes first and still needs a successful deployment to "
                        + (phase.rule().kind() == ProgressionRule.Kind.AT_LEAST ? (needed - complete) + " more of " : "")
                        + String.join(", ", open) + ".");
            }
        }
        return Optional.empty(); // unreachable: the environment is in a phase
    }

    /** The mandatory templates without a non-empty value for {@code environment} among {@code values} (scoped to it or unscoped). */
    public static List<VariableTemplate> missingValues(List<VariableTemplate> templates, List<Variable> values, String environment) {
        return missing(templates, values, environment, false);
    }

    /**
     * As {@link #missingValues}, where a template's non-blank default is its value when none is set: how a release made
     * in its own space deploys (its snapshot holds the values and templates frozen), and what an import's form starts
     * with for a remote environment (docs/decisions/0049).
     */
    public static List<VariableTemplate> missingValuesOrDefaults(List<VariableTemplate> templates, List<Variable> values, String environment) {
        return missing(templates, values, environment, true);
    }

    private static List<VariableTemplate> missing(List<VariableTemplate> templates, List<Variable> values, String environment, boolean defaults) {
        Values byName = new Values(values);
        return templates.stream().filter(VariableTemplate::mandatory)
                .filter(t -> !(defaults && !t.defaultValue().isBlank()) && byName.value(t.name(), environment).isEmpty()).toList();
    }

    /** The environments and remote environments of a lifecycle ({@code Prod Space: Production}), in phase order; promotions are none. */
    public static List<PhaseMember> environmentMembers(Lifecycle lifecycle) {
        List<PhaseMember> out = new ArrayList<>();
        for (Phase p : lifecycle.phases()) {
            for (PhaseMember m : p.members()) {
                if (!(m instanceof PhaseMember.Promotion)) {
                    out.add(m);
                }
            }
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
            List<Variable> named = byName.getOrDefault(Names.key(name), List.of());
            if (named.isEmpty()) {
                return Optional.empty();
            }
            String key = Names.key(environment);
            Optional<String> scoped = named.stream().filter(v -> v.scope().environments().stream().anyMatch(e -> Names.key(e).equals(key)))
                    .map(Variable::value).filter(v -> !v.isBlank()).findFirst();
            if (scoped.isPresent()) {
                return scoped;
            }
            return named.stream().filter(v -> v.scope().isAll()).map(Variable::value).filter(v -> !v.isBlank()).findFirst();
        }
    }
}
