package odcm.persistence.duty;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.release.ReleaseMaker;
import odcm.model.role.Duties;
import odcm.model.role.DutyProposal;
import odcm.model.trust.TrustKind;
import odcm.model.trust.TrustProposal;

/**
 * Separation of duties (docs/decisions/0043): each space's rules, who made each release, and trusts proposed by one
 * administrator for another to confirm. Every row is keyed-sealed and checked on every read with the master key.
 */
public interface DutyRepository {
    /** The rules of a local space as its row says; empty where it never changed them (the defaults). */
    Optional<Duties> rules(long spaceId);

    /** Sets the rules of a space (sealed); true when that changed something. */
    boolean setRules(long spaceId, Duties duties, Instant at, String by);

    /** Records who made a release, once: a release imported again keeps its first importer. */
    void recordMaker(long releaseId, String by, boolean imported, Instant at);

    Optional<ReleaseMaker> maker(long releaseId);

    TrustProposal propose(long trusterId, long trustedId, TrustKind kind, String fingerprint, Instant at, String by);

    /** The proposal, locked for its decision. */
    Optional<TrustProposal> proposal(long id);

    /** Proposals, newest first; only pending ones unless {@code all}. */
    List<TrustProposal> proposals(boolean all);

    /** Decides a pending proposal: confirmed, declined or withdrawn. */
    TrustProposal decide(long id, TrustProposal.State state, Instant at, String by);

    /** Notes the trust a confirmation made. */
    void madeTrust(long id, long trustId);

    /** Proposes rules for a space that loosen its rules (sealed, pending). */
    DutyProposal proposeDuties(long spaceId, Duties duties, Instant at, String by);

    /** The duty proposal, locked for its decision. */
    Optional<DutyProposal> dutyProposal(long id);

    /** Pending duty proposals of a space, oldest first. */
    List<DutyProposal> dutyProposals(long spaceId);

    /**
     * Decides a pending duty proposal; a confirmation the team store's trigger already noted when its rules were applied (in
     * the name of {@code by}) is kept as it is.
     */
    DutyProposal decideDuties(long id, TrustProposal.State state, Instant at, String by);
}
