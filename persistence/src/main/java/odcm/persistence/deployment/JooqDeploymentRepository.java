package odcm.persistence.deployment;

import static odcm.persistence.jooq.Tables.DEPLOYMENT;
import static odcm.persistence.jooq.Tables.ENVIRONMENT;
import static odcm.persistence.jooq.Tables.RELEASE;
import static odcm.persistence.jooq.Tables.RELEASE_HISTORY;

import java.time.Instant;
import java.util.List;
import odcm.model.deployment.Deployment;
import odcm.model.deployment.UpstreamDeployment;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.DeploymentRecord;
import odcm.persistence.jooq.tables.records.ReleaseHistoryRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Deployments and upstream history in jOOQ. */
public final class JooqDeploymentRepository implements DeploymentRepository {
    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqDeploymentRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public Deployment insert(long spaceId, long releaseId, long environmentId, boolean succeeded, Instant at, String by) {
        DeploymentRecord r = dsl.newRecord(DEPLOYMENT);
        r.setSpaceId(spaceId);
        r.setReleaseId(releaseId);
        r.setEnvironmentId(environmentId);
        r.setOutcome(succeeded ? "SUCCEEDED" : "FAILED");
        r.setDeployedAt(StoreTime.column(at));
        r.setDeployedBy(by.length() > 200 ? by.substring(0, 200) : by);
        r.insert();
        seals.seal(dsl, DEPLOYMENT, DEPLOYMENT.ID, r.getId());
        return find(DEPLOYMENT.ID.eq(r.getId())).get(0);
    }

    @Override
    public List<Deployment> findByRelease(long releaseId) {
        return find(DEPLOYMENT.RELEASE_ID.eq(releaseId));
    }

    @Override
    public List<Deployment> findByProject(long projectId) {
        return find(RELEASE.PROJECT_ID.eq(projectId));
    }

    @Override
    public java.util.Optional<Instant> lastAt(long environmentId) {
        return java.util.Optional.ofNullable(dsl.select(org.jooq.impl.DSL.max(DEPLOYMENT.DEPLOYED_AT)).from(DEPLOYMENT)
                .where(DEPLOYMENT.ENVIRONMENT_ID.eq(environmentId)).fetchOne(0, java.time.OffsetDateTime.class)).map(odcm.persistence.StoreTime::instant);
    }

    private List<Deployment> find(Condition condition) {
        return dsl.select(DEPLOYMENT.fields()).select(RELEASE.VERSION, ENVIRONMENT.NAME)
                .from(DEPLOYMENT).join(RELEASE).on(RELEASE.ID.eq(DEPLOYMENT.RELEASE_ID))
                .join(ENVIRONMENT).on(ENVIRONMENT.ID.eq(DEPLOYMENT.ENVIRONMENT_ID))
                .where(condition).orderBy(DEPLOYMENT.DEPLOYED_AT.desc(), DEPLOYMENT.ID.desc())
                .fetch(this::deployment);
    }

    /**
     * Every deployment is read through its keyed seal (decision 0039): one put in or changed without the master key would
     * move a release along its lifecycle and onto the dashboard, so it is refused, and with it the list that held it.
     */
    private Deployment deployment(Record rec) {
        DeploymentRecord r = rec.into(DEPLOYMENT);
        seals.check(r, () -> "The deployment of release " + rec.get(RELEASE.VERSION) + " to '" + rec.get(ENVIRONMENT.NAME) + "' ("
                + r.getOutcome().toLowerCase(java.util.Locale.ROOT) + " " + StoreTime.instant(r.getDeployedAt()) + " by "
                + r.getDeployedBy() + ", deployment #" + r.getId() + ")");
        return new Deployment(r.getId(), r.getReleaseId(), rec.get(RELEASE.VERSION), rec.get(ENVIRONMENT.NAME), "SUCCEEDED".equals(r.getOutcome()),
                StoreTime.instant(r.getDeployedAt()), r.getDeployedBy());
    }

    @Override
    public void insertUpstream(long releaseId, List<UpstreamDeployment> history) {
        for (int i = 0; i < history.size(); i++) {
            UpstreamDeployment h = history.get(i);
            ReleaseHistoryRecord r = dsl.newRecord(RELEASE_HISTORY);
            r.setReleaseId(releaseId);
            r.setPosition(i);
            r.setSpaceName(h.space());
            r.setEnvironment(h.environment());
            r.setDeployedAt(StoreTime.column(h.deployedAt()));
            r.setOutcome(h.outcome());
            r.insert();
        }
    }

    @Override
    public List<UpstreamDeployment> upstream(long releaseId) {
        return dsl.selectFrom(RELEASE_HISTORY).where(RELEASE_HISTORY.RELEASE_ID.eq(releaseId)).orderBy(RELEASE_HISTORY.POSITION)
                .fetch(JooqDeploymentRepository::upstream);
    }

    @Override
    public java.util.Map<Long, List<UpstreamDeployment>> upstreamOfProject(long projectId) {
        java.util.Map<Long, List<UpstreamDeployment>> byRelease = new java.util.HashMap<>();
        dsl.select(RELEASE_HISTORY.fields()).from(RELEASE_HISTORY).join(RELEASE).on(RELEASE.ID.eq(RELEASE_HISTORY.RELEASE_ID))
                .where(RELEASE.PROJECT_ID.eq(projectId)).orderBy(RELEASE_HISTORY.RELEASE_ID, RELEASE_HISTORY.POSITION)
                .fetchInto(RELEASE_HISTORY)
                .forEach(r -> byRelease.computeIfAbsent(r.getReleaseId(), id -> new java.util.ArrayList<>()).add(upstream(r)));
        return byRelease;
    }

    private static UpstreamDeployment upstream(ReleaseHistoryRecord r) {
        return new UpstreamDeployment(r.getSpaceName(), r.getEnvironment(), StoreTime.instant(r.getDeployedAt()), r.getOutcome());
    }
}
