package odcm.model.role;

import java.time.Instant;

/**
 * A role granted in a local space to a person or a group. {@code environment} is only a deployer's: null for every
 * environment of the space.
 */
public record RoleGrant(long id, long spaceId, String spaceName, Role role, Long environmentId, String environment, Grantee grantee,
        Instant grantedAt, String grantedBy) {

    /** "deployer of 'DevTest Space' for 'Production'". */
    public String roleWords() {
        return role.words() + " of '" + spaceName + "'" + (role == Role.DEPLOYER ? " for " + (environment == null ? "every environment" : "'" + environment + "'") : "");
    }

    /** "bob is deployer of 'DevTest Space' for 'Production'". */
    public String sentence() {
        return grantee.describe() + " is " + roleWords();
    }

    public boolean appliesTo(Person p) {
        // A login is a database role too, and PostgreSQL counts every role a member of itself: a group grant to the role
        // that owns a team store (V19's grants for spaces made before it) applies to that login.
        return p.name().equals(grantee.name()) || grantee.group() && p.groups().contains(grantee.name());
    }
}
