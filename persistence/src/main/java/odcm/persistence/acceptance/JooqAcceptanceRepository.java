package odcm.persistence.acceptance;

import static odcm.persistence.jooq.Tables.ACCEPTANCE_POLICY;
import static odcm.persistence.jooq.Tables.BUNDLE_ACCEPTED;
import static odcm.persistence.jooq.Tables.IMPORT_ACCEPTANCE;
import static odcm.persistence.jooq.Tables.RELEASE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import odcm.model.release.ImportAcceptance;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.AcceptancePolicyRecord;
import odcm.persistence.jooq.tables.records.ImportAcceptanceRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Acceptance before import in jOOQ; every row is sealed when written and checked when read (decisions 0039, 0047). */
public final class JooqAcceptanceRepository implements AcceptanceRepository {
    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqAcceptanceRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public boolean isRequired(long spaceId) {
        return dsl.selectFrom(ACCEPTANCE_POLICY).where(ACCEPTANCE_POLICY.SPACE_ID.eq(spaceId)).fetchOptional().map(this::policy).isPresent();
    }

    private AcceptancePolicyRecord policy(AcceptancePolicyRecord r) {
        seals.check(r, () -> "The requirement that imports be accepted in " + RowSeals.spaceName(dsl, r.getSpaceId()) + " (set by " + r.getSetBy() + ")");
        return r;
    }

    @Override
    public boolean setRequired(long spaceId, boolean required, Instant at, String by) {
        if (!required) {
            return dsl.deleteFrom(ACCEPTANCE_POLICY).where(ACCEPTANCE_POLICY.SPACE_ID.eq(spaceId)).execute() > 0;
        }
        if (isRequired(spaceId)) {
            return false;
        }
        dsl.insertInto(ACCEPTANCE_POLICY).set(ACCEPTANCE_POLICY.SPACE_ID, spaceId).set(ACCEPTANCE_POLICY.SET_AT, StoreTime.column(at))
                .set(ACCEPTANCE_POLICY.SET_BY, by).execute();
        seals.seal(dsl, ACCEPTANCE_POLICY, ACCEPTANCE_POLICY.SPACE_ID.eq(spaceId));
        return true;
    }

    @Override
    public ImportAcceptance insert(long spaceId, long releaseId, ImportAcceptance.Verdict verdict, String comment, Long comparedWith, Instant at,
                                   String by) {
        ImportAcceptanceRecord r = dsl.newRecord(IMPORT_ACCEPTANCE);
        r.setSpaceId(spaceId);
        r.setReleaseId(releaseId);
        r.setVerdict(verdict.name());
        r.setComment(comment);
        r.setSnapshotHash(snapshotHash(releaseId));
        r.setComparedWith(comparedWith);
        r.setDecidedAt(StoreTime.column(at));
        r.setDecidedBy(by);
        r.store();
        seals.seal(dsl, IMPORT_ACCEPTANCE, IMPORT_ACCEPTANCE.ID, r.getId());
        return decision(dsl.selectFrom(IMPORT_ACCEPTANCE).where(IMPORT_ACCEPTANCE.ID.eq(r.getId())).fetchSingle());
    }

    @Override
    public List<ImportAcceptance> decisions(long spaceId, long releaseId) {
        return dsl.selectFrom(IMPORT_ACCEPTANCE).where(IMPORT_ACCEPTANCE.SPACE_ID.eq(spaceId)).and(IMPORT_ACCEPTANCE.RELEASE_ID.eq(releaseId))
                .orderBy(IMPORT_ACCEPTANCE.DECIDED_AT.desc(), IMPORT_ACCEPTANCE.ID.desc()).fetch(this::decision);
    }

    @Override
    public int decisionsOnVersion(long spaceId, String version) {
        return dsl.select(IMPORT_ACCEPTANCE.fields()).from(IMPORT_ACCEPTANCE).join(RELEASE).on(RELEASE.ID.eq(IMPORT_ACCEPTANCE.RELEASE_ID))
                .where(IMPORT_ACCEPTANCE.SPACE_ID.eq(spaceId)).and(RELEASE.VERSION.eq(version))
                .fetch(rec -> decision(rec.into(IMPORT_ACCEPTANCE))).size();
    }

    @Override
    public String snapshotHash(long releaseId) {
        return dsl.select(RELEASE.SNAPSHOT_HASH).from(RELEASE).where(RELEASE.ID.eq(releaseId)).fetchSingle(RELEASE.SNAPSHOT_HASH).strip();
    }

    @Override
    public List<Long> importedReleases(long spaceId, long projectId) {
        return distinct(dsl.select(BUNDLE_ACCEPTED.RELEASE_ID).from(BUNDLE_ACCEPTED).join(RELEASE).on(RELEASE.ID.eq(BUNDLE_ACCEPTED.RELEASE_ID))
                .where(BUNDLE_ACCEPTED.SPACE_ID.eq(spaceId)).and(RELEASE.PROJECT_ID.eq(projectId))
                .orderBy(BUNDLE_ACCEPTED.ACCEPTED_AT, RELEASE.REVISION, BUNDLE_ACCEPTED.SEQUENCE).fetch(BUNDLE_ACCEPTED.RELEASE_ID));
    }

    @Override
    public List<Long> importedReleases(long spaceId) {
        List<Long> oldestFirst = distinct(dsl.select(BUNDLE_ACCEPTED.RELEASE_ID).from(BUNDLE_ACCEPTED).where(BUNDLE_ACCEPTED.SPACE_ID.eq(spaceId))
                .orderBy(BUNDLE_ACCEPTED.ACCEPTED_AT, BUNDLE_ACCEPTED.SEQUENCE).fetch(BUNDLE_ACCEPTED.RELEASE_ID));
        List<Long> newestFirst = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static List<Long> distinct(List<Long> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    @Override
    public Optional<Instant> importedAt(long spaceId, long releaseId) {
        return Optional.ofNullable(dsl.select(DSL.min(BUNDLE_ACCEPTED.ACCEPTED_AT)).from(BUNDLE_ACCEPTED).where(BUNDLE_ACCEPTED.SPACE_ID.eq(spaceId))
                .and(BUNDLE_ACCEPTED.RELEASE_ID.eq(releaseId)).fetchOne(0, java.time.OffsetDateTime.class)).map(StoreTime::instant);
    }

    /** Every decision is read through its keyed seal (decision 0039): one put in without the master key would let a release in. */
    private ImportAcceptance decision(ImportAcceptanceRecord r) {
        seals.check(r, () -> "The " + r.getVerdict().toLowerCase(java.util.Locale.ROOT) + " decision by " + r.getDecidedBy() + " on imported release #"
                + r.getReleaseId() + " in " + RowSeals.spaceName(dsl, r.getSpaceId()) + " (acceptance decision #" + r.getId() + ")");
        return new ImportAcceptance(r.getId(), r.getSpaceId(), r.getReleaseId(), ImportAcceptance.Verdict.valueOf(r.getVerdict()), r.getComment(),
                r.getSnapshotHash(), r.getComparedWith(), StoreTime.instant(r.getDecidedAt()), r.getDecidedBy());
    }
}
