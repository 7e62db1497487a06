package odcm.persistence.approval;

import static odcm.persistence.jooq.Tables.APPROVAL_DECISION;
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
    public ApprovalDecision insert(long spaceId, long releaseId, Verdict verdict, String comment, Instant at, String by) {
        ApprovalDecisionRecord r = dsl.newRecord(APPROVAL_DECISION);
        r.setSpaceId(spaceId);
        r.setReleaseId(releaseId);
        r.setVerdict(verdict.name());
        r.setComment(comment);
        r.setDecidedAt(StoreTime.column(at));
        r.setDecidedBy(by);
        r.store();
        seals.seal(dsl, APPROVAL_DECISION, APPROVAL_DECISION.ID, r.getId());
        return decision(dsl.selectFrom(APPROVAL_DECISION).where(APPROVAL_DECISION.ID.eq(r.getId())).fetchSingle());
    }

    @Override
    public List<ApprovalDecision> decisions(long spaceId, long releaseId) {
        return dsl.selectFrom(APPROVAL_DECISION)
                .where(APPROVAL_DECISION.SPACE_ID.eq(spaceId)).and(APPROVAL_DECISION.RELEASE_ID.eq(releaseId))
                .orderBy(APPROVAL_DECISION.DECIDED_AT.desc(), APPROVAL_DECISION.ID.desc())
                .fetch(this::decision);
    }

    @Override
    public List<ApprovalDecision> decisionsOnVersion(long spaceId, long projectId, String version) {
        var release = odcm.persistence.jooq.Tables.RELEASE;
        return dsl.select(APPROVAL_DECISION.fields()).from(APPROVAL_DECISION).join(release).on(release.ID.eq(APPROVAL_DECISION.RELEASE_ID))
                .where(APPROVAL_DECISION.SPACE_ID.eq(spaceId)).and(release.PROJECT_ID.eq(projectId)).and(release.VERSION.eq(version))
                .fetch(rec -> decision(rec.into(APPROVAL_DECISION)));
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
