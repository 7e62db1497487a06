package odcm.persistence.receipt;

import static odcm.persistence.jooq.Tables.RECEIPT_ACCEPTED;
import static odcm.persistence.jooq.Tables.RECEIPT_OUTBOX;
import static odcm.persistence.jooq.Tables.REMOTE_DEPLOYMENT;
import static odcm.persistence.jooq.Tables.REMOTE_INSTANCE;
import static odcm.persistence.jooq.Tables.SPACE;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import odcm.model.Names;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.RemoteDeploymentRecord;
import odcm.persistence.jooq.tables.records.ReceiptAcceptedRecord;
import odcm.persistence.jooq.tables.records.ReceiptOutboxRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Receipts and remote deployments in jOOQ. */
public final class JooqReceiptRepository implements ReceiptRepository {
    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqReceiptRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public long nextSequence(long spaceId, long forSpaceId) {
        return odcm.persistence.SequenceReservations.next(dsl, seals, "RECEIPT", spaceId, forSpaceId, recordedSequence(spaceId, forSpaceId));
    }

    @Override
    public long reserveSequence(long spaceId, long forSpaceId) {
        return odcm.persistence.SequenceReservations.reserve(dsl, seals, "RECEIPT", spaceId, forSpaceId, recordedSequence(spaceId, forSpaceId));
    }

    private long recordedSequence(long spaceId, long forSpaceId) {
        Long last = dsl.select(DSL.max(RECEIPT_OUTBOX.SEQUENCE)).from(RECEIPT_OUTBOX)
                .where(RECEIPT_OUTBOX.SPACE_ID.eq(spaceId)).and(RECEIPT_OUTBOX.FOR_SPACE_ID.eq(forSpaceId)).fetchOne(0, Long.class);
        return last == null ? 0 : last;
    }

    @Override
    public void insertOutbox(Written w) {
        ReceiptOutboxRecord r = dsl.newRecord(RECEIPT_OUTBOX);
        r.setReceiptId(w.receiptId());
        r.setSpaceId(w.spaceId());
        r.setForSpaceId(w.forSpaceId());
        r.setSequence(w.sequence());
        r.setCreatedAt(StoreTime.column(w.created()));
        r.setExpiresAt(StoreTime.column(w.expires()));
        r.setDeployments(w.deployments());
        r.setFileName(w.fileName());
        r.setFileSha256(w.fileSha256());
        r.insert();
    }

    @Override
    public List<Written> outbox(long spaceId) {
        return dsl.select(RECEIPT_OUTBOX.fields()).select(SPACE.NAME).from(RECEIPT_OUTBOX)
                .join(SPACE).on(SPACE.ID.eq(RECEIPT_OUTBOX.FOR_SPACE_ID))
                .where(RECEIPT_OUTBOX.SPACE_ID.eq(spaceId))
                .orderBy(RECEIPT_OUTBOX.CREATED_AT.desc(), RECEIPT_OUTBOX.SEQUENCE.desc())
                .fetch(rec -> {
                    ReceiptOutboxRecord r = rec.into(RECEIPT_OUTBOX);
                    return new Written(r.getReceiptId(), r.getSpaceId(), r.getForSpaceId(), rec.get(SPACE.NAME), r.getSequence(),
                            StoreTime.instant(r.getCreatedAt()), StoreTime.instant(r.getExpiresAt()), r.getDeployments(), r.getFileName(),
                            r.getFileSha256());
                });
    }

    @Override
    public void insertAccepted(Accepted a) {
        ReceiptAcceptedRecord r = dsl.newRecord(RECEIPT_ACCEPTED);
        r.setSpaceId(a.spaceId());
        r.setReceiptId(a.receiptId());
        r.setReporterSpaceId(a.reporterSpaceId());
        r.setReporterSha256(a.reporterCertificate().hex());
        r.setSequence(a.sequence());
        r.setCreatedAt(StoreTime.column(a.created()));
        r.setAcceptedAt(StoreTime.column(a.acceptedAt()));
        r.insert();
        seals.seal(dsl, RECEIPT_ACCEPTED, RECEIPT_ACCEPTED.SPACE_ID.eq(a.spaceId()).and(RECEIPT_ACCEPTED.RECEIPT_ID.eq(a.receiptId())));
    }

    @Override
    public Set<UUID> acceptedIds(long spaceId) {
        return new HashSet<>(dsl.selectFrom(RECEIPT_ACCEPTED).where(RECEIPT_ACCEPTED.SPACE_ID.eq(spaceId)).fetch(this::checked).stream()
                .map(ReceiptAcceptedRecord::getReceiptId).toList());
    }

    @Override
    public OptionalLong lastAcceptedSequence(long spaceId, long reporterSpaceId) {
        return dsl.selectFrom(RECEIPT_ACCEPTED).where(RECEIPT_ACCEPTED.SPACE_ID.eq(spaceId))
                .and(RECEIPT_ACCEPTED.REPORTER_SPACE_ID.eq(reporterSpaceId)).fetch(this::checked).stream()
                .mapToLong(ReceiptAcceptedRecord::getSequence).max();
    }

    /** An accepted receipt's row, read through its keyed seal (decision 0039): it stops a replay, so a forged one is refused. */
    private ReceiptAcceptedRecord checked(ReceiptAcceptedRecord r) {
        seals.check(r, () -> "The record that " + RowSeals.spaceName(dsl, r.getSpaceId()) + " accepted deployment receipt "
                + r.getReceiptId() + " (sequence " + r.getSequence() + " from " + RowSeals.spaceName(dsl, r.getReporterSpaceId()) + ")");
        return r;
    }

    /** A reported deployment's row, read through its keyed seal (decision 0039): it moves a release along its lifecycle. */
    private RemoteDeploymentRecord checked(RemoteDeploymentRecord r) {
        seals.check(r, () -> "The deployment of release #" + r.getReleaseId() + " to '" + r.getEnvironment() + "' reported by "
                + RowSeals.spaceName(dsl, r.getReporterSpaceId()) + " to " + RowSeals.spaceName(dsl, r.getSpaceId())
                + " (" + r.getOutcome().toLowerCase(java.util.Locale.ROOT) + " " + StoreTime.instant(r.getDeployedAt()) + ")");
        return r;
    }

    @Override
    public boolean record(RemoteDeployment d) {
        String key = Names.key(d.environment());
        var known = dsl.selectFrom(REMOTE_DEPLOYMENT)
                .where(REMOTE_DEPLOYMENT.SPACE_ID.eq(d.spaceId())).and(REMOTE_DEPLOYMENT.RELEASE_ID.eq(d.releaseId()))
                .and(REMOTE_DEPLOYMENT.REPORTER_SPACE_ID.eq(d.reporterSpaceId())).and(REMOTE_DEPLOYMENT.ENVIRONMENT_KEY.eq(key))
                .forUpdate().fetchOptional().map(this::checked).map(RemoteDeploymentRecord::getDeployedAt);
        if (known.isPresent() && !d.deployedAt().isAfter(StoreTime.instant(known.get()))) {
            return false;
        }
        if (known.isPresent()) {
            dsl.deleteFrom(REMOTE_DEPLOYMENT).where(REMOTE_DEPLOYMENT.SPACE_ID.eq(d.spaceId())).and(REMOTE_DEPLOYMENT.RELEASE_ID.eq(d.releaseId()))
                    .and(REMOTE_DEPLOYMENT.REPORTER_SPACE_ID.eq(d.reporterSpaceId())).and(REMOTE_DEPLOYMENT.ENVIRONMENT_KEY.eq(key)).execute();
        }
        dsl.insertInto(REMOTE_DEPLOYMENT)
                .set(REMOTE_DEPLOYMENT.SPACE_ID, d.spaceId())
                .set(REMOTE_DEPLOYMENT.RELEASE_ID, d.releaseId())
                .set(REMOTE_DEPLOYMENT.REPORTER_SPACE_ID, d.reporterSpaceId())
                .set(REMOTE_DEPLOYMENT.ENVIRONMENT, d.environment())
                .set(REMOTE_DEPLOYMENT.ENVIRONMENT_KEY, key)
                .set(REMOTE_DEPLOYMENT.OUTCOME, d.succeeded() ? "SUCCEEDED" : "FAILED")
                .set(REMOTE_DEPLOYMENT.DEPLOYED_AT, StoreTime.column(d.deployedAt()))
                .set(REMOTE_DEPLOYMENT.DEPLOYED_BY, d.deployedBy())
                .set(REMOTE_DEPLOYMENT.RECEIPT_ID, d.receiptId())
                .set(REMOTE_DEPLOYMENT.REPORTED_AT, StoreTime.column(d.reportedAt()))
                .execute();
        seals.seal(dsl, REMOTE_DEPLOYMENT, REMOTE_DEPLOYMENT.SPACE_ID.eq(d.spaceId()).and(REMOTE_DEPLOYMENT.RELEASE_ID.eq(d.releaseId()))
                .and(REMOTE_DEPLOYMENT.REPORTER_SPACE_ID.eq(d.reporterSpaceId())).and(REMOTE_DEPLOYMENT.ENVIRONMENT_KEY.eq(key)));
        return true;
    }

    @Override
    public List<RemoteDeployment> remoteDeployments(long spaceId) {
        return remoteDeployments(REMOTE_DEPLOYMENT.SPACE_ID.eq(spaceId));
    }

    @Override
    public List<RemoteDeployment> remoteDeployments(long spaceId, long releaseId) {
        return remoteDeployments(REMOTE_DEPLOYMENT.SPACE_ID.eq(spaceId).and(REMOTE_DEPLOYMENT.RELEASE_ID.eq(releaseId)));
    }

    private List<RemoteDeployment> remoteDeployments(org.jooq.Condition where) {
        return dsl.select(REMOTE_DEPLOYMENT.fields()).select(SPACE.NAME).from(REMOTE_DEPLOYMENT)
                .join(SPACE).on(SPACE.ID.eq(REMOTE_DEPLOYMENT.REPORTER_SPACE_ID))
                .where(where)
                .orderBy(REMOTE_DEPLOYMENT.DEPLOYED_AT.desc())
                .fetch(this::remote);
    }

    private RemoteDeployment remote(Record rec) {
        var r = checked(rec.into(REMOTE_DEPLOYMENT));
        return new RemoteDeployment(r.getSpaceId(), r.getReleaseId(), r.getReporterSpaceId(), rec.get(SPACE.NAME), r.getEnvironment(),
                "SUCCEEDED".equals(r.getOutcome()), StoreTime.instant(r.getDeployedAt()), r.getDeployedBy(), r.getReceiptId(),
                StoreTime.instant(r.getReportedAt()));
    }

    @Override
    public void replaceInstances(long spaceId, long reporterSpaceId, List<RemoteInstance> instances, java.time.Instant at) {
        var where = REMOTE_INSTANCE.SPACE_ID.eq(spaceId).and(REMOTE_INSTANCE.REPORTER_SPACE_ID.eq(reporterSpaceId));
        var newest = dsl.select(org.jooq.impl.DSL.max(REMOTE_INSTANCE.REPORTED_AT)).from(REMOTE_INSTANCE).where(where).fetchOne(0, java.time.OffsetDateTime.class);
        if (newest != null && StoreTime.instant(newest).isAfter(at)) {
            return; // an older receipt never overwrites a newer word
        }
        dsl.deleteFrom(REMOTE_INSTANCE).where(where).execute();
        if (instances.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(REMOTE_INSTANCE, REMOTE_INSTANCE.SPACE_ID, REMOTE_INSTANCE.REPORTER_SPACE_ID, REMOTE_INSTANCE.ENVIRONMENT,
                REMOTE_INSTANCE.ENVIRONMENT_KEY, REMOTE_INSTANCE.TEMPLATE, REMOTE_INSTANCE.TEMPLATE_KEY, REMOTE_INSTANCE.LIVE, REMOTE_INSTANCE.REPORTED_AT);
        for (RemoteInstance i : instances) {
            insert = insert.values(spaceId, reporterSpaceId, i.environment(), Names.key(i.environment()), i.template(), Names.key(i.template()), i.live(),
                    StoreTime.column(at));
        }
        insert.execute();
    }

    @Override
    public List<RemoteInstance> remoteInstances(long spaceId) {
        return dsl.selectFrom(REMOTE_INSTANCE).where(REMOTE_INSTANCE.SPACE_ID.eq(spaceId))
                .orderBy(REMOTE_INSTANCE.REPORTER_SPACE_ID, REMOTE_INSTANCE.ENVIRONMENT_KEY)
                .fetch(r -> new RemoteInstance(r.getReporterSpaceId(), r.getEnvironment(), r.getTemplate(), r.getLive(), StoreTime.instant(r.getReportedAt())));
    }
}
