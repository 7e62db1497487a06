package odcm.persistence.role;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;

/** Roles granted in local spaces (decision 0041). */
public interface RoleRepository {
    /** {@code environmentId} only for a deployer: null for every environment of the space. */
    RoleGrant insert(long spaceId, Role role, Long environmentId, Grantee grantee, Instant at, String by);

    void delete(long grantId);

    /** The grant of exactly this role (and environment) to exactly this grantee in the space, if any. */
    Optional<RoleGrant> find(long spaceId, Role role, Long environmentId, Grantee grantee);

    /** The grants of a space, by role then grantee. */
    List<RoleGrant> ofSpace(long spaceId);

    /** Every grant of every space, by space, role and grantee. */
    List<RoleGrant> all();

    /**
     * Whether a person of this name can sign in: on a team store, a database role of that name that may log in; in an
     * embedded store always (its people are not the server's).
     */
    boolean signsIn(String person);

    /** The grants that name this person or one of these groups, in every space. */
    List<RoleGrant> of(String person, List<String> groups);
}
