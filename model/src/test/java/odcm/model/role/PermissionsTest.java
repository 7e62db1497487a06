package odcm.model.role;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may act, from the grants alone (decision 0041): a group's grant counts for its members, a deployer's for its environment. */
class PermissionsTest {
    private static RoleGrant grant(Role role, String environment, Grantee to) {
        return new RoleGrant(1, 1, "Prod Space", role, environment == null ? null : 7L, environment, to, Instant.EPOCH, "alice");
    }

    @Test
    void aGroupsGrantCountsForItsMembersOnly() {
        List<RoleGrant> grants = List.of(grant(Role.APPROVER, null, Grantee.group("release-approvers")));
        Permissions member = new Permissions(new Person("dora", List.of("ops", "release-approvers"), false), grants);
        Permissions other = new Permissions(new Person("eve", List.of("ops"), false), grants);
        assertEquals(Optional.empty(), member.refusal(Action.APPROVE, "Prod Space", null));
        assertEquals(Optional.of("eve may not approve or reject a release in 'Prod Space': that needs the approver role of 'Prod Space'."),
                other.refusal(Action.APPROVE, "Prod Space", null));
        assertEquals(Optional.of("dora may not approve or reject a release in 'QA Space': that needs the approver role of 'QA Space'."),
                member.refusal(Action.APPROVE, "QA Space", null), "a grant is of one space");
    }

    /** A login is a database role, a member of itself (as PostgreSQL counts it): a grant to that role as a group is its own. */
    @Test
    void aLoginIsInTheGroupThatIsItsOwnRole() {
        Permissions p = new Permissions(new Person("ops", List.of(), false), List.of(grant(Role.ADMINISTRATOR, null, Grantee.group("ops"))));
        assertEquals(Optional.empty(), p.refusal(Action.TRUST, "Prod Space", null));
        Permissions other = new Permissions(new Person("dev", List.of(), false), List.of(grant(Role.ADMINISTRATOR, null, Grantee.group("ops"))));
        assertEquals(Optional.of("dev may not trust a space in 'Prod Space': that needs the administrator role of 'Prod Space'."),
                other.refusal(Action.TRUST, "Prod Space", null));
    }

    @Test
    void aDeployerOfOneEnvironmentAndOfEvery() {
        Person bob = new Person("bob", List.of(), false);
        Permissions one = new Permissions(bob, List.of(grant(Role.DEPLOYER, "Test", Grantee.person("bob"))));
        assertEquals(Optional.empty(), one.refusal(Action.DEPLOY, "Prod Space", "Test"));
        assertEquals(Optional.of("bob may not record a deployment in 'Prod Space': that needs the deployer role of 'Prod Space' for 'Production'."),
                one.refusal(Action.DEPLOY, "Prod Space", "Production"));
        Permissions every = new Permissions(bob, List.of(grant(Role.DEPLOYER, null, Grantee.person("bob"))));
        assertEquals(Optional.empty(), every.refusal(Action.DEPLOY, "Prod Space", "Production"));
    }

    @Test
    void theEmbeddedStoresPersonHoldsEveryRole() {
        Permissions p = Permissions.everything(new Person("root", List.of(), true));
        for (Action a : Action.values()) {
            assertEquals(Optional.empty(), p.refusal(a, "Prod Space", "Production"), a.name());
            assertEquals(Optional.empty(), p.refusalInAnySpace(a), a.name());
        }
    }
}
