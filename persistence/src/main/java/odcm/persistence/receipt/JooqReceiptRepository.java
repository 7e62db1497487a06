package odcm.persistence.receipt;

import static odcm.persistence.jooq.Tables.RECEIPT_ACCEPTED;
import static odcm.persistence.jooq.Tables.RECEIPT_OUTBOX;
import static odcm.persistence.jooq.Tables.REMOTE_DEPLOYMENT;
import static odcm.persistence.jooq.Tables.SPACE;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import odcm.model.Names;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.ReceiptAcceptedRecord;
import odcm.persistence.jooq.tables.records.ReceiptOutboxRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Receipts and remote deployments in jOOQ. */
public final class JooqReceiptRepository implements ReceiptRepository {
    private final DSLContext dsl;

    public JooqReceiptRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long nextSequence(long spaceId, long forSpaceId) {
        return odcm.persistence.SequenceReservations.next(dsl, "RECEIPT", spaceId, forSpaceId, recordedSequence(spaceId, forSpaceId));
    }

    @Override
    public long reserveSequence(long spaceId, long forSpaceId) {
        return odcm.persistence.SequenceReservations.reserve(dsl, "RECEIPT", spaceId, forSpaceId, recordedSequence(spaceId, forSpaceId));
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
    }

    @Override
    public Set<UUID> acceptedIds(long spaceId) {
        return new HashSet<>(dsl.select(RECEIPT_ACCEPTED.RECEIPT_ID).from(RECEIPT_ACCEPTED)
                .where(RECEIPT_ACCEPTED.SPACE_ID.eq(spaceId)).fetch(RECEIPT_ACCEPTED.RECEIPT_ID));
    }

    @Override
    public OptionalLong lastAcceptedSequence(long spaceId, long reporterSpaceId) {
        Long last = dsl.select(DSL.max(RECEIPT_ACCEPTED.SEQUENCE)).from(RECEIPT_ACCEPTED)
                .where(RECEIPT_ACCEPTED.SPACE_ID.eq(spaceId)).and(RECEIPT_ACCEPTED.REPORTER_SPACE_ID.eq(reporterSpaceId))
                .fetchOne(0, Long.class);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    @Override
    public boolean record(RemoteDeployment d) {
        String key = Names.key(d.environment());
        var known = dsl.select(REMOTE_DEPLOYMENT.DEPLOYED_AT).from(REMOTE_DEPLOYMENT)
                .where(REMOTE_DEPLOYMENT.SPACE_ID.eq(d.spaceId())).and(REMOTE_DEPLOYMENT.RELEASE_ID.eq(d.releaseId()))
                .and(REMOTE_DEPLOYMENT.REPORTER_SPACE_ID.eq(d.reporterSpaceId())).and(REMOTE_DEPLOYMENT.ENVIRONMENT_KEY.eq(key))
                .fetchOptional(REMOTE_DEPLOYMENT.DEPLOYED_AT);
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
        return true;
    }

    @Override
    public List<RemoteDeployment> remoteDeployments(long spaceId) {
        return dsl.select(REMOTE_DEPLOYMENT.fields()).select(SPACE.NAME).from(REMOTE_DEPLOYMENT)
                .join(SPACE).on(SPACE.ID.eq(REMOTE_DEPLOYMENT.REPORTER_SPACE_ID))
                .where(REMOTE_DEPLOYMENT.SPACE_ID.eq(spaceId))
                .orderBy(REMOTE_DEPLOYMENT.DEPLOYED_AT.desc())
                .fetch(JooqReceiptRepository::remote);
    }

    private static RemoteDeployment remote(Record rec) {
        var r = rec.into(REMOTE_DEPLOYMENT);
        return new RemoteDeployment(r.getSpaceId(), r.getReleaseId(), r.getReporterSpaceId(), rec.get(SPACE.NAME), r.getEnvironment(),
                "SUCCEEDED".equals(r.getOutcome()), StoreTime.instant(r.getDeployedAt()), r.getDeployedBy(), r.getReceiptId(),
                StoreTime.instant(r.getReportedAt()));
    }
}
