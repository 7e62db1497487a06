package odcm.persistence.environment;

import static odcm.persistence.jooq.Tables.ENVIRONMENT;
import static odcm.persistence.jooq.Tables.ENVIRONMENT_TEMPLATE;
import static odcm.persistence.jooq.Tables.REMOTE_ENVIRONMENT;
import static odcm.persistence.jooq.Tables.SPACE;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.EnvironmentRecord;
import odcm.persistence.jooq.tables.records.RemoteEnvironmentRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Environments in jOOQ; records become model types only in {@link #environment} and {@link #remote}. */
public final class JooqEnvironmentRepository implements EnvironmentRepository {
    private final DSLContext dsl;

    public JooqEnvironmentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The unique name key of environments, lifecycles, projects and channels: {@link odcm.model.Names#key}. */
    public static String key(String name) {
        return odcm.model.Names.key(name);
    }

    @Override
    public Environment insert(long spaceId, String name, String description, Instant at) {
        EnvironmentRecord r = dsl.newRecord(ENVIRONMENT);
        r.setSpaceId(spaceId);
        r.setName(name);
        r.setNameKey(key(name));
        r.setDescription(description);
        r.setCreatedAt(StoreTime.column(at));
        r.store();
        return environments(dsl, ENVIRONMENT.ID.eq(r.getId())).get(0);
    }

    @Override
    public Optional<Environment> rename(long environmentId, long version, String newName) {
        if (dsl.update(ENVIRONMENT).set(ENVIRONMENT.NAME, newName).set(ENVIRONMENT.NAME_KEY, key(newName)).set(ENVIRONMENT.VERSION, ENVIRONMENT.VERSION.plus(1))
                .where(ENVIRONMENT.ID.eq(environmentId)).and(ENVIRONMENT.VERSION.eq(version)).execute() == 0) {
            return Optional.empty();
        }
        return Optional.of(environments(dsl, ENVIRONMENT.ID.eq(environmentId)).get(0));
    }

    @Override
    public boolean delete(long environmentId, long version) {
        return dsl.deleteFrom(ENVIRONMENT).where(ENVIRONMENT.ID.eq(environmentId)).and(ENVIRONMENT.VERSION.eq(version)).execute() > 0;
    }

    @Override
    public List<Environment> findBySpace(long spaceId) {
        return environments(dsl, ENVIRONMENT.SPACE_ID.eq(spaceId).and(ENVIRONMENT.DEPROVISIONED_AT.isNull()));
    }

    @Override
    public Optional<Environment> findByName(long spaceId, String name) {
        return environments(dsl, ENVIRONMENT.SPACE_ID.eq(spaceId).and(ENVIRONMENT.NAME_KEY.eq(key(name.strip())))).stream().findFirst();
    }

    @Override
    public RemoteEnvironment insertRemote(long spaceId, long ownerSpaceId, String name, Instant at) {
        RemoteEnvironmentRecord r = dsl.newRecord(REMOTE_ENVIRONMENT);
        r.setSpaceId(spaceId);
        r.setOwnerSpaceId(ownerSpaceId);
        r.setName(name);
        r.setNameKey(key(name));
        r.setCreatedAt(StoreTime.column(at));
        r.store();
        return remotes(REMOTE_ENVIRONMENT.ID.eq(r.getId())).get(0);
    }

    @Override
    public void deleteRemote(long remoteEnvironmentId) {
        dsl.deleteFrom(REMOTE_ENVIRONMENT).where(REMOTE_ENVIRONMENT.ID.eq(remoteEnvironmentId)).execute();
    }

    @Override
    public List<RemoteEnvironment> findRemoteBySpace(long spaceId) {
        return remotes(REMOTE_ENVIRONMENT.SPACE_ID.eq(spaceId));
    }

    @Override
    public List<RemoteEnvironment> findAllRemote() {
        return remotes(org.jooq.impl.DSL.noCondition());
    }

    @Override
    public Optional<RemoteEnvironment> findRemote(long spaceId, long ownerSpaceId, String name) {
        return remotes(REMOTE_ENVIRONMENT.SPACE_ID.eq(spaceId).and(REMOTE_ENVIRONMENT.OWNER_SPACE_ID.eq(ownerSpaceId))
                .and(REMOTE_ENVIRONMENT.NAME_KEY.eq(key(name.strip())))).stream().findFirst();
    }

    private List<RemoteEnvironment> remotes(Condition condition) {
        return dsl.select(REMOTE_ENVIRONMENT.fields()).select(SPACE.NAME)
                .from(REMOTE_ENVIRONMENT).join(SPACE).on(SPACE.ID.eq(REMOTE_ENVIRONMENT.OWNER_SPACE_ID))
                .where(condition)
                .orderBy(SPACE.NAME_KEY, REMOTE_ENVIRONMENT.NAME_KEY)
                .fetch(JooqEnvironmentRepository::remote);
    }

    /** Environments where {@code condition} holds, in the order they were made, each with its template's name if an instance. */
    static List<Environment> environments(DSLContext dsl, Condition condition) {
        return dsl.select(ENVIRONMENT.fields()).select(ENVIRONMENT_TEMPLATE.NAME).from(ENVIRONMENT)
                .leftJoin(ENVIRONMENT_TEMPLATE).on(ENVIRONMENT_TEMPLATE.ID.eq(ENVIRONMENT.TEMPLATE_ID))
                .where(condition).orderBy(ENVIRONMENT.ID).fetch(rec -> {
                    EnvironmentRecord r = rec.into(ENVIRONMENT);
                    return new Environment(r.getId(), r.getSpaceId(), r.getName(), r.getDescription(), r.getVersion(), r.getTemplateId(),
                            rec.get(ENVIRONMENT_TEMPLATE.NAME), r.getDeprovisionedAt() == null ? null : StoreTime.instant(r.getDeprovisionedAt()));
                });
    }

    private static RemoteEnvironment remote(Record r) {
        RemoteEnvironmentRecord e = r.into(REMOTE_ENVIRONMENT);
        return new RemoteEnvironment(e.getId(), e.getSpaceId(), e.getOwnerSpaceId(), r.get(SPACE.NAME), e.getName());
    }
}
