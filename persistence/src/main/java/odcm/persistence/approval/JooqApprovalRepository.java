package odcm.persistence.approval;

import static odcm.persistence.jooq.Tables.APPROVAL_COVER;
import static odcm.persistence.jooq.Tables.APPROVAL_DECISION;
import static odcm.persistence.jooq.Tables.APPROVAL_GATE;
import static odcm.persistence.jooq.Tables.PROJECT;
import static odcm.persistence.jooq.Tables.RELEASE;
import static odcm.persistence.jooq.Tables.APPROVAL_POLICY;

import java.time.Instant;
import java.util.List;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Verdict;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.ApprovalDecisionRecord;
import org.jooq.DSLContext;

/** Approvals in jOOQ; records become {@link ApprovalDecision} only in {@link #decision}. */
public final class JooqApprovalRepository implements ApprovalRepository {
    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqApprovalRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public boolean isRequired(long spaceId) {
        return dsl.fetchExists(APPROVAL_POLICY, APPROVAL_POLICY.SPACE_ID.eq(spaceId));
    }

    @Override
    public boolean setRequired(long spaceId, boolean required, Instant at, String by) {
        if (!required) {
            return dsl.deleteFrom(APPROVAL_POLICY).where(APPROVAL_POLICY.SPACE_ID.eq(spaceId)).execute() > 0;
        }
        if (isRequired(spaceId)) {
            return false;
        }
        dsl.insertInto(APPROVAL_POLICY).set(APPROVAL_POLICY.SPACE_ID, spaceId).set(APPROVAL_POLICY.SET_AT, StoreTime.column(at))
                .set(APPROVAL_POLICY.SET_BY, by).execute();
        return true;
    }

    @Override
    public Covered covered(long releaseId) {
        return dsl.select(RELEASE.REVISION, RELEASE.SNAPSHOT_HASH).from(RELEASE).where(RELEASE.ID.eq(releaseId))
                .fetchSingle(r -> new Covered(r.value1() == null ? 1 : r.value1(), r.value2().strip()));
    }

    @Override
    public java.util.Set<Long> gates(long spaceId) {
        return new java.util.TreeSet<>(dsl.select(APPROVAL_GATE.ENVIRONMENT_ID).from(APPROVAL_GATE).where(APPROVAL_GATE.SPACE_ID.eq(spaceId))
                .fetch(APPROVAL_GATE.ENVIRONMENT_ID));
    }

    @Override
    public boolean setGate(long spaceId, long environmentId, boolean gated, Instant at, String by) {
        var key = APPROVAL_GATE.SPACE_ID.eq(spaceId).and(APPROVAL_GATE.ENVIRONMENT_ID.eq(environmentId));
        if (!gated) {
            return dsl.deleteFrom(APPROVAL_GATE).where(key).execute() > 0;
        }
        if (dsl.fetchExists(APPROVAL_GATE, key)) {
            return false;
        }
        dsl.insertInto(APPROVAL_GATE).set(APPROVAL_GATE.SPACE_ID, spaceId).set(APPROVAL_GATE.ENVIRONMENT_ID, environmentId)
                .set(APPROVAL_GATE.SET_AT, StoreTime.column(at)).set(APPROVAL_GATE.SET_BY, by).execute();
        return true;
    }

    @Override
    public ApprovalDecision insert(long spaceId, long releaseId, Verdict verdict, String comment, Instant at, String by, String snapshotHash,
                                   Long againstReleaseId) {
        ApprovalDecisionRecord r = dsl.newRecord(APPROVAL_DECISION);
        r.setSpaceId(spaceId);
        r.setReleaseId(releaseId);
        r.setVerdict(verdict.name());
        r.setComment(comment);
        r.setDecidedAt(StoreTime.column(at));
        r.setDecidedBy(by);
        r.store();
        seals.seal(dsl, APPROVAL_DECISION, APPROVAL_DECISION.ID, r.getId());
        if (snapshotHash != null) {
            dsl.insertInto(APPROVAL_COVER).set(APPROVAL_COVER.DECISION_ID, r.getId()).set(APPROVAL_COVER.SPACE_ID, spaceId)
                    .set(APPROVAL_COVER.SNAPSHOT_HASH, snapshotHash).set(APPROVAL_COVER.AGAINST_RELEASE_ID, againstReleaseId).execute();
            seals.seal(dsl, APPROVAL_COVER, APPROVAL_COVER.DECISION_ID, r.getId());
        }
        return read(APPROVAL_DECISION.ID.eq(r.getId())).get(0);
    }

    private static final odcm.persistence.jooq.tables.Release AGAINST = RELEASE.as("against");

    /** Decisions with what they covered, newest first. */
    private List<ApprovalDecision> read(org.jooq.Condition where) {
        return dsl.select(APPROVAL_DECISION.fields()).select(APPROVAL_COVER.fields()).select(RELEASE.REVISION, AGAINST.VERSION)
                .from(APPROVAL_DECISION).join(RELEASE).on(RELEASE.ID.eq(APPROVAL_DECISION.RELEASE_ID))
                .leftJoin(APPROVAL_COVER).on(APPROVAL_COVER.DECISION_ID.eq(APPROVAL_DECISION.ID))
                .leftJoin(AGAINST).on(AGAINST.ID.eq(APPROVAL_COVER.AGAINST_RELEASE_ID))
                .where(where).orderBy(APPROVAL_DECISION.DECIDED_AT.desc(), APPROVAL_DECISION.ID.desc())
                .fetch(rec -> {
                    ApprovalDecision d = decision(rec.into(APPROVAL_DECISION));
                    if (rec.get(APPROVAL_COVER.DECISION_ID) == null) {
                        return new ApprovalDecision(d.id(), d.spaceId(), d.releaseId(), d.verdict(), d.comment(), d.decidedAt(), d.decidedBy(),
                                rec.get(RELEASE.REVISION), null, null);
                    }
                    var cover = rec.into(APPROVAL_COVER);
                    seals.check(cover, () -> "What approval decision #" + d.id() + " by " + d.decidedBy() + " covered");
                    if (cover.getSpaceId() != d.spaceId()) {
                        throw new odcm.model.Refusal("What approval decision #" + d.id() + " covered names another space: it was changed"
                                + " outside ODCM Console, so it is not used. Restore the store from a backup.");
                    }
                    return new ApprovalDecision(d.id(), d.spaceId(), d.releaseId(), d.verdict(), d.comment(), d.decidedAt(), d.decidedBy(),
                            rec.get(RELEASE.REVISION), cover.getSnapshotHash(), rec.get(AGAINST.VERSION));
                });
    }

    @Override
    public List<ApprovalDecision> decisions(long spaceId, long releaseId) {
        return read(APPROVAL_DECISION.SPACE_ID.eq(spaceId).and(APPROVAL_DECISION.RELEASE_ID.eq(releaseId)));
    }

    @Override
    public List<ApprovalDecision> decisionsOnVersion(long spaceId, long projectId, String version) {
        return read(APPROVAL_DECISION.SPACE_ID.eq(spaceId).and(RELEASE.PROJECT_ID.eq(projectId)).and(RELEASE.VERSION.eq(version)));
    }

    @Override
    public List<ApprovalDecision> decisionsOnVersion(long spaceId, String version) {
        return read(APPROVAL_DECISION.SPACE_ID.eq(spaceId).and(RELEASE.VERSION.eq(version))
                .and(RELEASE.PROJECT_ID.in(dsl.select(PROJECT.ID).from(PROJECT).where(PROJECT.SPACE_ID.eq(spaceId)))));
    }

    /**
     * Every decision is read through its keyed seal (decision 0039): one put in or changed without the master key would
     * count as an approval at the gates, so it is refused, and with it whatever relied on the release's decisions.
     */
    private ApprovalDecision decision(ApprovalDecisionRecord r) {
        seals.check(r, () -> "The " + r.getVerdict().toLowerCase(java.util.Locale.ROOT) + " decision by " + r.getDecidedBy() + " on "
                + StoreTime.instant(r.getDecidedAt()) + " about release " + dsl.select(odcm.persistence.jooq.Tables.RELEASE.VERSION)
                .from(odcm.persistence.jooq.Tables.RELEASE).where(odcm.persistence.jooq.Tables.RELEASE.ID.eq(r.getReleaseId()))
                .fetchOne(odcm.persistence.jooq.Tables.RELEASE.VERSION) + " in " + RowSeals.spaceName(dsl, r.getSpaceId())
                + " (approval decision #" + r.getId() + ")");
        return new ApprovalDecision(r.getId(), r.getSpaceId(), r.getReleaseId(), Verdict.valueOf(r.getVerdict()), r.getComment(),
                StoreTime.instant(r.getDecidedAt()), r.getDecidedBy());
    }
}
