package odcm.app.service;

import java.time.Instant;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.environment.Environment;
import odcm.model.role.Action;
import odcm.model.role.Grantee;
import odcm.model.role.Permissions;
import odcm.model.role.Person;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;

/**
 * Roles per local space (docs/decisions/0041): who may do what, granted to people and groups. Every service checks one
 * {@link Action} per change with {@link #check}, inside the change's transaction and before anything is written; the
 * refusal names the missing role.
 */
public final class RoleService {
    /** Roles the maker of a space holds in it at once: every role that permits a change (decision 0041). */
    private static final List<Role> MAKERS = List.of(Role.ADMINISTRATOR, Role.RELEASE_MANAGER, Role.APPROVER, Role.IMPORTER, Role.DEPLOYER);

    private final Store store;

    public RoleService(Store store) {
        this.store = store;
    }

    /**
     * Who acts, for the role checks: the store's person (decision 0040) — on a team store the login the server
     * authenticated, with its database roles as groups; in an embedded store this computer's user, who holds every role.
     * An embedded store opened under any other name (only tests do: it is how a second person is played on H2) goes by
     * the grants, so each rule is tried on both engines.
     */
    public static Person who(Store store) {
        Person p = store.person();
        if (p.holdsEveryRole() && !p.name().equals(System.getProperty("user.name", "unknown"))) {
            return new Person(p.name(), p.groups(), false);
        }
        return p;
    }

    /** Refuses, with the sentence naming the missing role, unless the person acting may take {@code action} in {@code space}. */
    static void check(StoreTx tx, Store store, Action action, Space space) {
        check(tx, store, action, space, null);
    }

    /** As {@link #check(StoreTx, Store, Action, Space)}, for a deployment to {@code environment}. */
    static void check(StoreTx tx, Store store, Action action, Space space, String environment) {
        permissions(tx, store).refusal(action, space.name(), environment).ifPresent(s -> {
            throw new Refusal(s);
        });
    }

    /** For what belongs to no one local space (remote spaces): the role in at least one local space. */
    static void checkInAnySpace(StoreTx tx, Store store, Action action) {
        permissions(tx, store).refusalInAnySpace(action).ifPresent(s -> {
            throw new Refusal(s);
        });
    }

    /**
     * A change of a space itself: a local one's administrators; a remote one's, those of any local space and, once a local
     * space trusts it, those of every local space that does (review 2026-12-05: anyone may make a local space and so hold
     * its administrator role, which cannot stand for the right to swap the certificate another space relies on).
     */
    static void checkChange(StoreTx tx, Store store, Space space) {
        if (space.isLocal()) {
            check(tx, store, Action.CHANGE_SPACE, space);
        } else {
            checkInAnySpace(tx, store, Action.CHANGE_REMOTE_SPACES);
            for (odcm.model.trust.Trust t : tx.trusts().activeInvolving(space.id())) {
                if (t.trustedId() == space.id()) {
                    check(tx, store, Action.CHANGE_REMOTE_SPACES, tx.spaces().findById(t.trusterId()).orElseThrow());
                }
            }
        }
    }

    /**
     * For what takes every local space along (accepting an audit rollback takes each one's trusts and certificates as the
     * older store had them): the role in every local space, each named by its grants (review 2026-12-05; a space's rows
     * are not read, as a store behind its head refuses them).
     */
    static void checkEverySpace(StoreTx tx, Store store, Action action) {
        Permissions p = permissions(tx, store);
        tx.roles().all().stream().map(RoleGrant::spaceName).distinct().forEach(space -> p.refusal(action, space, null).ifPresent(s -> {
            throw new Refusal(s);
        }));
    }

    static Permissions permissions(StoreTx tx, Store store) {
        Person p = who(store);
        return p.holdsEveryRole() ? Permissions.everything(p) : new Permissions(p, tx.roles().of(p.name(), p.groups()));
    }

    /** The maker of a new local space holds every role in it that permits a change. */
    static void madeBy(StoreTx tx, Store store, Space space) {
        Instant now = Instant.now(store.clock());
        String by = who(store).name();
        for (Role r : MAKERS) {
            tx.roles().insert(space.id(), r, null, Grantee.person(by), now, by);
        }
    }

    /** What the person acting may do, for a screen to ask on the FX thread once loaded. */
    public Permissions mine() {
        Person p = who(store);
        return p.holdsEveryRole() ? Permissions.everything(p) : store.read(tx -> permissions(tx, store));
    }

    /** Whether the person acting holds every role without grants (the embedded store's one person). */
    public boolean holdsEveryRole() {
        return who(store).holdsEveryRole();
    }

    /** The separation of duties of each space, which constrains what its roles permit (decision 0043). */
    public DutyService duties() {
        return new DutyService(store);
    }

    /** Acceptance before import of each space, an administrator's setting like the separation of duties (decision 0047). */
    public AcceptanceService acceptances() {
        return new AcceptanceService(store);
    }

    /** The approval gates (decision 0046), set beside the separation of duties. */
    public ApprovalService approvals() {
        return new ApprovalService(store);
    }

    /** The person acting. */
    public Person person() {
        return who(store);
    }

    /** The grants of one local space, or of every space when {@code space} is null. */
    public List<RoleGrant> list(String space) {
        return store.read(tx -> space == null ? tx.roles().all() : tx.roles().ofSpace(local(tx, space).id()));
    }

    /** Grants {@code role} in {@code space} (for a deployer, in one {@code environment}, or null for all) to {@code grantee}. */
    public RoleGrant grant(String space, Role role, String environment, Grantee grantee) {
        return store.write(tx -> {
            Space s = local(tx, space);
            check(tx, store, Action.GRANT_ROLES, s);
            Long env = environment(tx, s, role, environment);
            tx.roles().find(s.id(), role, env, grantee).ifPresent(g -> {
                throw new Refusal(g.sentence() + " already (granted " + g.grantedAt() + " by " + g.grantedBy() + ").");
            });
            RoleGrant g = tx.roles().insert(s.id(), role, env, grantee, Instant.now(store.clock()), who(store).name());
            tx.audit().append("role.grant", s.describe(), g.sentence());
            return g;
        });
    }

    /**
     * Revokes the grant of exactly {@code role} (and environment) to {@code grantee} in {@code space}. The last
     * administrator grant to a person is kept: a group may have nobody in it, so it never stands alone.
     */
    public RoleGrant revoke(String space, Role role, String environment, Grantee grantee) {
        return store.write(tx -> {
            Space s = local(tx, space);
            check(tx, store, Action.GRANT_ROLES, s);
            Long env = environment(tx, s, role, environment);
            RoleGrant g = tx.roles().find(s.id(), role, env, grantee).orElseThrow(() -> new Refusal(grantee.describe()
                    + " holds no grant of " + role.words() + " of '" + s.name() + "'" + (role == Role.DEPLOYER
                    ? " for " + (environment == null ? "every environment" : "'" + environment.strip() + "'") : "") + ", so there is nothing to revoke."));
            // Another administrator counts only as a person who can sign in: on a team store a login (a grant to a
            // name that is none — a typo, a group named as a person — would leave the space with nobody to act for it).
            if (role == Role.ADMINISTRATOR && !g.grantee().group() && tx.roles().ofSpace(s.id()).stream()
                    .noneMatch(o -> o.id() != g.id() && o.role() == Role.ADMINISTRATOR && !o.grantee().group() && tx.roles().signsIn(o.grantee().name()))) {
                throw new Refusal(g.grantee().name() + " is the last administrator of '" + s.name() + "', who is kept: grant the administrator"
                        + " role to another person first.");
            }
            tx.roles().delete(g.id());
            tx.audit().append("role.revoke", s.describe(), g.sentence() + " no longer");
            return g;
        });
    }

    private static Space local(StoreTx tx, String name) {
        Space s = SpaceService.require(tx, name);
        if (!s.isLocal()) {
            throw new Refusal("'" + s.name() + "' is a remote space: roles are held in local spaces, and a remote space is looked after by the"
                    + " administrators of this store's local spaces.");
        }
        return s;
    }

    private static Long environment(StoreTx tx, Space s, Role role, String environment) {
        if (environment == null || environment.isBlank()) {
            return null;
        }
        if (role != Role.DEPLOYER) {
            throw new Refusal("Only the deployer role is held per environment; the " + role.words() + " role is held in the whole space.");
        }
        return tx.environments().findByName(s.id(), environment.strip()).map(Environment::id).orElseThrow(() -> new Refusal("'" + s.name() + "' has no environment '" + environment.strip() + "'."));
    }
}
