package odcm.persistence.approval;

import static odcm.persistence.jooq.Tables.APPROVAL_DECISION;
import static odcm.persistence.jooq.Tables.APPROVAL_POLICY;

import java.time.Instant;
import java.util.List;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Verdict;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.ApprovalDecisionRecord;
import org.jooq.DSLContext;

/** Approvals in jOOQ; records become {@link ApprovalDecision} only in {@link #decision}. */
public final class JooqApprovalRepository implements ApprovalRepository {
    private final DSLContext dsl;

    public JooqApprovalRepository(DSLContext dsl) {
        this.dsl = dsl;
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
        return decision(r);
    }

    @Override
    public List<ApprovalDecision> decisions(long spaceId, long releaseId) {
        return dsl.selectFrom(APPROVAL_DECISION)
                .where(APPROVAL_DECISION.SPACE_ID.eq(spaceId)).and(APPROVAL_DECISION.RELEASE_ID.eq(releaseId))
                .orderBy(APPROVAL_DECISION.DECIDED_AT.desc(), APPROVAL_DECISION.ID.desc())
                .fetch(JooqApprovalRepository::decision);
    }

    private static ApprovalDecision decision(ApprovalDecisionRecord r) {
        return new ApprovalDecision(r.getId(), r.getSpaceId(), r.getReleaseId(), Verdict.valueOf(r.getVerdict()), r.getComment(),
                StoreTime.instant(r.getDecidedAt()), r.getDecidedBy());
    }
}
