package odcm.persistence.duty;

import static odcm.persistence.jooq.Tables.DUTY_PROPOSAL;
import static odcm.persistence.jooq.Tables.DUTY_RULE;
import static odcm.persistence.jooq.Tables.RELEASE_MAKER;
import static odcm.persistence.jooq.Tables.SPACE;
import static odcm.persistence.jooq.Tables.TRUST_PROPOSAL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.release.ReleaseMaker;
import odcm.model.role.Duties;
import odcm.model.role.DutyProposal;
import odcm.model.trust.TrustKind;
import odcm.model.trust.TrustProposal;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.DutyProposalRecord;
import odcm.persistence.jooq.tables.records.DutyRuleRecord;
import odcm.persistence.jooq.tables.records.ReleaseMakerRecord;
import odcm.persistence.jooq.tables.records.TrustProposalRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Separation of duties in jOOQ; every row is sealed when written and checked when read (decisions 0039, 0043). */
public final class JooqDutyRepository implements DutyRepository {
    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqDutyRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public Optional<Duties> rules(long spaceId) {
        return dsl.selectFrom(DUTY_RULE).where(DUTY_RULE.SPACE_ID.eq(spaceId)).fetchOptional().map(r -> {
            seals.check(r, () -> "The separation of duties of " + RowSeals.spaceName(dsl, spaceId) + " (set by " + r.getSetBy() + ")");
            return new Duties(r.getApproverNotMaker(), r.getApprovals(), r.getTwoAdminTrust());
        });
    }

    @Override
    public boolean setRules(long spaceId, Duties duties, Instant at, String by) {
        DutyRuleRecord r = dsl.selectFrom(DUTY_RULE).where(DUTY_RULE.SPACE_ID.eq(spaceId)).forUpdate().fetchOptional().orElse(null);
        if (r != null && rules(spaceId).orElseThrow().equals(duties)) {
            return false;
        }
        if (r == null && duties.equals(Duties.DEFAULT)) {
            return false;
        }
        if (r == null) {
            r = dsl.newRecord(DUTY_RULE);
            r.setSpaceId(spaceId);
        }
        r.setApproverNotMaker(duties.approverNotMaker());
        r.setApprovals(duties.approvals());
        r.setTwoAdminTrust(duties.twoAdminTrust());
        r.setSetAt(StoreTime.column(at));
        r.setSetBy(by);
        r.store();
        seals.seal(dsl, DUTY_RULE, DUTY_RULE.SPACE_ID.eq(spaceId));
        return true;
    }

    @Override
    public void recordMaker(long releaseId, String by, boolean imported, Instant at) {
        if (dsl.fetchExists(RELEASE_MAKER, RELEASE_MAKER.RELEASE_ID.eq(releaseId))) {
            return;
        }
        dsl.insertInto(RELEASE_MAKER).set(RELEASE_MAKER.RELEASE_ID, releaseId).set(RELEASE_MAKER.MADE_BY, by)
                .set(RELEASE_MAKER.HOW, imported ? "IMPORTED" : "CREATED").set(RELEASE_MAKER.MADE_AT, StoreTime.column(at)).execute();
        seals.seal(dsl, RELEASE_MAKER, RELEASE_MAKER.RELEASE_ID.eq(releaseId));
    }

    @Override
    public Optional<ReleaseMaker> maker(long releaseId) {
        return dsl.selectFrom(RELEASE_MAKER).where(RELEASE_MAKER.RELEASE_ID.eq(releaseId)).fetchOptional().map(this::maker);
    }

    private ReleaseMaker maker(ReleaseMakerRecord r) {
        seals.check(r, () -> "The record that " + r.getMadeBy() + " made release #" + r.getReleaseId());
        return new ReleaseMaker(r.getReleaseId(), r.getMadeBy(), "IMPORTED".equals(r.getHow()), StoreTime.instant(r.getMadeAt()));
    }

    @Override
    public TrustProposal propose(long trusterId, long trustedId, TrustKind kind, String fingerprint, Instant at, String by) {
        TrustProposalRecord r = dsl.newRecord(TRUST_PROPOSAL);
        r.setTrusterId(trusterId);
        r.setTrustedId(trustedId);
        r.setKind(kind.name());
        r.setFingerprint(fingerprint);
        r.setProposedAt(StoreTime.column(at));
        r.setProposedBy(by);
        r.setState(TrustProposal.State.PENDING.name());
        r.store();
        seals.seal(dsl, TRUST_PROPOSAL, TRUST_PROPOSAL.ID, r.getId());
        return proposal(r.getId()).orElseThrow();
    }

    @Override
    public Optional<TrustProposal> proposal(long id) {
        dsl.selectFrom(TRUST_PROPOSAL).where(TRUST_PROPOSAL.ID.eq(id)).forUpdate().fetchOptional();
        return select(TRUST_PROPOSAL.ID.eq(id)).stream().findFirst();
    }

    @Override
    public List<TrustProposal> proposals(boolean all) {
        return select(all ? DSL.noCondition() : TRUST_PROPOSAL.STATE.eq(TrustProposal.State.PENDING.name()));
    }

    @Override
    public TrustProposal decide(long id, TrustProposal.State state, Instant at, String by) {
        int changed = dsl.update(TRUST_PROPOSAL).set(TRUST_PROPOSAL.STATE, state.name()).set(TRUST_PROPOSAL.DECIDED_AT, StoreTime.column(at))
                .set(TRUST_PROPOSAL.DECIDED_BY, by).where(TRUST_PROPOSAL.ID.eq(id))
                .and(TRUST_PROPOSAL.STATE.eq(TrustProposal.State.PENDING.name())).execute();
        if (changed == 0) {
            throw new Refusal("Trust proposal #" + id + " was already decided.");
        }
        seals.seal(dsl, TRUST_PROPOSAL, TRUST_PROPOSAL.ID, id);
        return proposal(id).orElseThrow();
    }

    /** On a team store the database's trigger has noted it already (the same value). */
    @Override
    public void madeTrust(long id, long trustId) {
        dsl.update(TRUST_PROPOSAL).set(TRUST_PROPOSAL.TRUST_ID, trustId).where(TRUST_PROPOSAL.ID.eq(id))
                .and(TRUST_PROPOSAL.TRUST_ID.isNull()).execute();
        seals.seal(dsl, TRUST_PROPOSAL, TRUST_PROPOSAL.ID, id);
    }

    private List<TrustProposal> select(Condition where) {
        var truster = SPACE.as("TRUSTER");
        var trusted = SPACE.as("TRUSTED");
        return dsl.select(TRUST_PROPOSAL.fields()).select(truster.NAME, trusted.NAME).from(TRUST_PROPOSAL)
                .join(truster).on(truster.ID.eq(TRUST_PROPOSAL.TRUSTER_ID)).join(trusted).on(trusted.ID.eq(TRUST_PROPOSAL.TRUSTED_ID))
                .where(where).orderBy(TRUST_PROPOSAL.PROPOSED_AT.desc(), TRUST_PROPOSAL.ID.desc())
                .fetch(rec -> {
                    TrustProposalRecord r = rec.into(TRUST_PROPOSAL);
                    seals.check(r, () -> "The trust proposal #" + r.getId() + " by " + r.getProposedBy());
                    return new TrustProposal(r.getId(), r.getTrusterId(), rec.get(truster.NAME), r.getTrustedId(), rec.get(trusted.NAME),
                            TrustKind.valueOf(r.getKind()), r.getFingerprint(), StoreTime.instant(r.getProposedAt()), r.getProposedBy(),
                            TrustProposal.State.valueOf(r.getState()), r.getDecidedAt() == null ? null : StoreTime.instant(r.getDecidedAt()),
                            r.getDecidedBy(), r.getTrustId());
                });
    }

    @Override
    public DutyProposal proposeDuties(long spaceId, Duties duties, Instant at, String by) {
        DutyProposalRecord r = dsl.newRecord(DUTY_PROPOSAL);
        r.setSpaceId(spaceId);
        r.setApproverNotMaker(duties.approverNotMaker());
        r.setApprovals(duties.approvals());
        r.setTwoAdminTrust(duties.twoAdminTrust());
        r.setProposedAt(StoreTime.column(at));
        r.setProposedBy(by);
        r.setState(TrustProposal.State.PENDING.name());
        r.store();
        seals.seal(dsl, DUTY_PROPOSAL, DUTY_PROPOSAL.ID, r.getId());
        return dutyProposal(r.getId()).orElseThrow();
    }

    @Override
    public Optional<DutyProposal> dutyProposal(long id) {
        dsl.selectFrom(DUTY_PROPOSAL).where(DUTY_PROPOSAL.ID.eq(id)).forUpdate().fetchOptional();
        return dutyProposals(DUTY_PROPOSAL.ID.eq(id)).stream().findFirst();
    }

    @Override
    public List<DutyProposal> dutyProposals(long spaceId) {
        return dutyProposals(DUTY_PROPOSAL.SPACE_ID.eq(spaceId).and(DUTY_PROPOSAL.STATE.eq(TrustProposal.State.PENDING.name())));
    }

    @Override
    public DutyProposal decideDuties(long id, TrustProposal.State state, Instant at, String by) {
        int changed = dsl.update(DUTY_PROPOSAL).set(DUTY_PROPOSAL.STATE, state.name()).set(DUTY_PROPOSAL.DECIDED_AT, StoreTime.column(at))
                .set(DUTY_PROPOSAL.DECIDED_BY, by).where(DUTY_PROPOSAL.ID.eq(id))
                .and(DUTY_PROPOSAL.STATE.eq(TrustProposal.State.PENDING.name())).execute();
        if (changed == 0 && !(state == TrustProposal.State.CONFIRMED && dsl.fetchExists(DUTY_PROPOSAL, DUTY_PROPOSAL.ID.eq(id),
                DUTY_PROPOSAL.STATE.eq(state.name()), DUTY_PROPOSAL.DECIDED_BY.eq(by)))) {
            throw new Refusal("Proposal #" + id + " of separation of duties was already decided.");
        }
        seals.seal(dsl, DUTY_PROPOSAL, DUTY_PROPOSAL.ID, id);
        return dutyProposal(id).orElseThrow();
    }

    private List<DutyProposal> dutyProposals(Condition where) {
        return dsl.select(DUTY_PROPOSAL.fields()).select(SPACE.NAME).from(DUTY_PROPOSAL).join(SPACE).on(SPACE.ID.eq(DUTY_PROPOSAL.SPACE_ID))
                .where(where).orderBy(DUTY_PROPOSAL.ID).fetch(rec -> {
                    DutyProposalRecord r = rec.into(DUTY_PROPOSAL);
                    seals.check(r, () -> "The proposal #" + r.getId() + " of separation of duties by " + r.getProposedBy());
                    return new DutyProposal(r.getId(), r.getSpaceId(), rec.get(SPACE.NAME), new Duties(r.getApproverNotMaker(), r.getApprovals(),
                            r.getTwoAdminTrust()), StoreTime.instant(r.getProposedAt()), r.getProposedBy(), TrustProposal.State.valueOf(r.getState()),
                            r.getDecidedAt() == null ? null : StoreTime.instant(r.getDecidedAt()), r.getDecidedBy());
                });
    }
}
