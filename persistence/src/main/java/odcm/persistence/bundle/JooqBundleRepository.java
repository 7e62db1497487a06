package odcm.persistence.bundle;

import static odcm.persistence.jooq.Tables.BUNDLE_ACCEPTED;
import static odcm.persistence.jooq.Tables.BUNDLE_OUTBOX;
import static odcm.persistence.jooq.Tables.PROJECT;
import static odcm.persistence.jooq.Tables.RELEASE;
import static odcm.persistence.jooq.Tables.SPACE;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import odcm.model.cert.Fingerprint;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.BundleAcceptedRecord;
import odcm.persistence.jooq.tables.records.BundleOutboxRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Outbox and accepted bundles in jOOQ. */
public final class JooqBundleRepository implements BundleRepository {
    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqBundleRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public long nextSequence(long spaceId, long targetSpaceId) {
        return odcm.persistence.SequenceReservations.next(dsl, seals, "BUNDLE", spaceId, targetSpaceId, recordedSequence(spaceId, targetSpaceId));
    }

    @Override
    public long reserveSequence(long spaceId, long targetSpaceId) {
        return odcm.persistence.SequenceReservations.reserve(dsl, seals, "BUNDLE", spaceId, targetSpaceId, recordedSequence(spaceId, targetSpaceId));
    }

    private long recordedSequence(long spaceId, long targetSpaceId) {
        Long last = dsl.select(DSL.max(BUNDLE_OUTBOX.SEQUENCE)).from(BUNDLE_OUTBOX)
                .where(BUNDLE_OUTBOX.SPACE_ID.eq(spaceId)).and(BUNDLE_OUTBOX.TARGET_SPACE_ID.eq(targetSpaceId)).fetchOne(0, Long.class);
        return last == null ? 0 : last;
    }

    @Override
    public void insertOutbox(OutboxEntry e) {
        BundleOutboxRecord r = dsl.newRecord(BUNDLE_OUTBOX);
        r.setBundleId(e.bundleId());
        r.setSpaceId(e.spaceId());
        r.setReleaseId(e.releaseId());
        r.setTargetSpaceId(e.targetSpaceId());
        r.setTargetName(e.targetName());
        r.setTargetSha256(e.targetCertificate().hex());
        r.setSequence(e.sequence());
        r.setCreatedAt(StoreTime.column(e.created()));
        r.setExpiresAt(StoreTime.column(e.expires()));
        r.setFileName(e.fileName());
        r.setFileSha256(e.fileSha256());
        r.setSizeBytes(e.sizeBytes());
        r.insert();
    }

    @Override
    public List<OutboxEntry> outbox(long spaceId) {
        return dsl.select(BUNDLE_OUTBOX.fields()).select(PROJECT.NAME, RELEASE.VERSION)
                .from(BUNDLE_OUTBOX)
                .join(RELEASE).on(RELEASE.ID.eq(BUNDLE_OUTBOX.RELEASE_ID))
                .join(PROJECT).on(PROJECT.ID.eq(RELEASE.PROJECT_ID))
                .where(BUNDLE_OUTBOX.SPACE_ID.eq(spaceId))
                .orderBy(BUNDLE_OUTBOX.CREATED_AT.desc(), BUNDLE_OUTBOX.SEQUENCE.desc())
                .fetch(JooqBundleRepository::outboxEntry);
    }

    @Override
    public Set<String> promotedTo(long spaceId, long releaseId) {
        return new HashSet<>(dsl.selectDistinct(DSL.coalesce(SPACE.NAME, BUNDLE_OUTBOX.TARGET_NAME)).from(BUNDLE_OUTBOX)
                .leftJoin(SPACE).on(SPACE.ID.eq(BUNDLE_OUTBOX.TARGET_SPACE_ID))
                .where(BUNDLE_OUTBOX.SPACE_ID.eq(spaceId)).and(BUNDLE_OUTBOX.RELEASE_ID.eq(releaseId))
                .fetch(0, String.class));
    }

    @Override
    public void insertAccepted(Accepted a) {
        BundleAcceptedRecord r = dsl.newRecord(BUNDLE_ACCEPTED);
        r.setSpaceId(a.spaceId());
        r.setBundleId(a.bundleId());
        r.setSourceSpaceId(a.sourceSpaceId());
        r.setSourceSha256(a.sourceCertificate().hex());
        r.setSequence(a.sequence());
        r.setReleaseId(a.releaseId());
        r.setAcceptedAt(StoreTime.column(a.acceptedAt()));
        r.insert();
        seals.seal(dsl, BUNDLE_ACCEPTED, BUNDLE_ACCEPTED.SPACE_ID.eq(a.spaceId()).and(BUNDLE_ACCEPTED.BUNDLE_ID.eq(a.bundleId())));
    }

    @Override
    public Set<UUID> acceptedBundleIds(long spaceId) {
        return new HashSet<>(dsl.selectFrom(BUNDLE_ACCEPTED).where(BUNDLE_ACCEPTED.SPACE_ID.eq(spaceId)).fetch(this::accepted).stream()
                .map(Accepted::bundleId).toList());
    }

    @Override
    public Optional<Accepted> accepted(long spaceId, UUID bundleId) {
        return dsl.selectFrom(BUNDLE_ACCEPTED).where(BUNDLE_ACCEPTED.SPACE_ID.eq(spaceId)).and(BUNDLE_ACCEPTED.BUNDLE_ID.eq(bundleId))
                .fetchOptional(this::accepted);
    }

    @Override
    public List<Accepted> acceptedFrom(long spaceId, long sourceSpaceId) {
        return dsl.selectFrom(BUNDLE_ACCEPTED).where(BUNDLE_ACCEPTED.SPACE_ID.eq(spaceId)).and(BUNDLE_ACCEPTED.SOURCE_SPACE_ID.eq(sourceSpaceId))
                .orderBy(BUNDLE_ACCEPTED.SEQUENCE).fetch(this::accepted);
    }

    /**
     * Every accepted row is read through its keyed seal (decision 0039): a row put in or changed without the master key
     * (an id changed frees the bundle for a second import) is refused, and with it the import that relied on the list.
     */
    private Accepted accepted(BundleAcceptedRecord r) {
        seals.check(r, () -> "The record that " + RowSeals.spaceName(dsl, r.getSpaceId()) + " accepted bundle " + r.getBundleId()
                + " (sequence " + r.getSequence() + " from " + RowSeals.spaceName(dsl, r.getSourceSpaceId()) + ")");
        return new Accepted(r.getBundleId(), r.getSpaceId(), r.getSourceSpaceId(), new Fingerprint(r.getSourceSha256()), r.getSequence(),
                r.getReleaseId(), StoreTime.instant(r.getAcceptedAt()));
    }

    @Override
    public OptionalLong lastAcceptedSequence(long spaceId, long sourceSpaceId) {
        return acceptedFrom(spaceId, sourceSpaceId).stream().mapToLong(Accepted::sequence).max();
    }

    private static OutboxEntry outboxEntry(Record rec) {
        BundleOutboxRecord r = rec.into(BUNDLE_OUTBOX);
        return new OutboxEntry(r.getBundleId(), r.getSpaceId(), r.getReleaseId(), rec.get(PROJECT.NAME), rec.get(RELEASE.VERSION),
                r.getTargetSpaceId(), r.getTargetName(), new Fingerprint(r.getTargetSha256()), r.getSequence(),
                StoreTime.instant(r.getCreatedAt()), StoreTime.instant(r.getExpiresAt()), r.getFileName(), r.getFileSha256(),
                r.getSizeBytes());
    }
}
