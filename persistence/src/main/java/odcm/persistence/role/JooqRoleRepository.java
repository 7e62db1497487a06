package odcm.persistence.role;

import static odcm.persistence.jooq.Tables.ENVIRONMENT;
import static odcm.persistence.jooq.Tables.ROLE_GRANT;
import static odcm.persistence.jooq.Tables.SPACE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.RoleGrantRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Role grants in jOOQ, joined with the names of their space and environment; rows become {@link RoleGrant} only in {@link #grant}. */
public final class JooqRoleRepository implements RoleRepository {
    private static final String PERSON = "PERSON";
    private static final String GROUP = "GROUP";

    private static final java.util.Comparator<RoleGrant> ORDER = java.util.Comparator.comparing(RoleGrant::spaceName)
            .thenComparing(RoleGrant::role)
            .thenComparing(g -> g.environment() == null ? "" : g.environment())
            .thenComparing(g -> g.grantee().group())
            .thenComparing(g -> g.grantee().name())
            .thenComparingLong(RoleGrant::id);

    private final DSLContext dsl;

    public JooqRoleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean signsIn(String person) {
        return dsl.dialect().family() != org.jooq.SQLDialect.POSTGRES
                || Boolean.TRUE.equals(dsl.fetchValue("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = ? AND rolcanlogin)", person));
    }

    @Override
    public RoleGrant insert(long spaceId, Role role, Long environmentId, Grantee grantee, Instant at, String by) {
        RoleGrantRecord r = dsl.newRecord(ROLE_GRANT);
        r.setSpaceId(spaceId);
        r.setRole(role.name());
        r.setEnvironmentId(environmentId);
        r.setGranteeKind(grantee.group() ? GROUP : PERSON);
        r.setGrantee(grantee.name());
        r.setGrantedAt(StoreTime.column(at));
        r.setGrantedBy(by);
        r.store();
        return select(ROLE_GRANT.ID.eq(r.getId())).get(0);
    }

    @Override
    public void delete(long grantId) {
        dsl.deleteFrom(ROLE_GRANT).where(ROLE_GRANT.ID.eq(grantId)).execute();
    }

    @Override
    public Optional<RoleGrant> find(long spaceId, Role role, Long environmentId, Grantee grantee) {
        return select(ROLE_GRANT.SPACE_ID.eq(spaceId).and(ROLE_GRANT.ROLE.eq(role.name()))
                .and(environmentId == null ? ROLE_GRANT.ENVIRONMENT_ID.isNull() : ROLE_GRANT.ENVIRONMENT_ID.eq(environmentId))
                .and(ROLE_GRANT.GRANTEE_KIND.eq(grantee.group() ? GROUP : PERSON)).and(ROLE_GRANT.GRANTEE.eq(grantee.name())))
                .stream().findFirst();
    }

    @Override
    public List<RoleGrant> ofSpace(long spaceId) {
        return select(ROLE_GRANT.SPACE_ID.eq(spaceId));
    }

    @Override
    public List<RoleGrant> all() {
        return select(DSL.noCondition());
    }

    @Override
    public List<RoleGrant> of(String person, List<String> groups) {
        return select(ROLE_GRANT.GRANTEE.eq(person) // as a person, or as the group that is its own role (RoleGrant.appliesTo)
                .or(ROLE_GRANT.GRANTEE_KIND.eq(GROUP).and(ROLE_GRANT.GRANTEE.in(groups))));
    }

    private List<RoleGrant> select(Condition condition) {
        return dsl.select(ROLE_GRANT.fields()).select(SPACE.NAME, ENVIRONMENT.NAME)
                .from(ROLE_GRANT)
                .join(SPACE).on(SPACE.ID.eq(ROLE_GRANT.SPACE_ID))
                .leftJoin(ENVIRONMENT).on(ENVIRONMENT.ID.eq(ROLE_GRANT.ENVIRONMENT_ID))
                .where(condition)
                .fetch(JooqRoleRepository::grant).stream()
                .sorted(ORDER) // the roles in the order they are named (Role), not alphabetically
                .toList();
    }

    private static RoleGrant grant(Record r) {
        RoleGrantRecord g = r.into(ROLE_GRANT);
        return new RoleGrant(g.getId(), g.getSpaceId(), r.get(SPACE.NAME), Role.valueOf(g.getRole()), g.getEnvironmentId(), r.get(ENVIRONMENT.NAME),
                new Grantee(GROUP.equals(g.getGranteeKind()), g.getGrantee()), StoreTime.instant(g.getGrantedAt()), g.getGrantedBy());
    }
}
