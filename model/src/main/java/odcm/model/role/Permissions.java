package odcm.model.role;

import java.util.List;
import java.util.Optional;

/**
 * What one person may do: the person and the grants that apply to them (theirs and their groups'), across spaces.
 * Answers without the store, so a screen asks it on the FX thread after loading it on the worker (decision 0041).
 */
public record Permissions(Person person, List<RoleGrant> grants) {
    public Permissions {
        grants = List.copyOf(grants);
    }

    /** The embedded store's person, who holds every role and needs no grant. */
    public static Permissions everything(Person p) {
        return new Permissions(p, List.of());
    }

    /**
     * Null where {@code person} may take {@code action} in {@code space} (for a deployment, to {@code environment});
     * otherwise the one sentence of the refusal naming the missing role.
     */
    public Optional<String> refusal(Action action, String space, String environment) {
        if (person.holdsEveryRole() || holds(action.role(), space, environment)) {
            return Optional.empty();
        }
        boolean perEnvironment = action.role() == Role.DEPLOYER && environment != null;
        return Optional.of(person.name() + " may not " + action.words() + " in '" + space + "': that needs the " + action.role().words()
                + " role of '" + space + "'" + (perEnvironment ? " for '" + environment + "'" : "") + ".");
    }

    /** For what belongs to no one space (remote spaces): the role in at least one local space. */
    public Optional<String> refusalInAnySpace(Action action) {
        if (person.holdsEveryRole() || grants.stream().anyMatch(g -> g.role() == action.role() && g.appliesTo(person))) {
            return Optional.empty();
        }
        return Optional.of(person.name() + " may not " + action.words() + ": that needs the " + action.role().words()
                + " role of a local space.");
    }

    private boolean holds(Role role, String space, String environment) {
        return grants.stream().anyMatch(g -> g.role() == role && g.spaceName().equals(space) && g.appliesTo(person)
                && (g.environment() == null || environment == null || g.environment().equals(environment)));
    }
}
