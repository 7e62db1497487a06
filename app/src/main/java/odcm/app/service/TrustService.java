package odcm.app.service;

import odcm.model.role.Action;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.cert.Fingerprint;
import odcm.model.trust.TrustProposal;
import odcm.model.Refusal;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import odcm.model.trust.TrustRules;
import odcm.persistence.Store;

/** Trusts: which local space accepts release bundles or deployment receipts from which space. */
public final class TrustService {
    private final Store store;

    public TrustService(Store store) {
        this.store = store;
    }

    /**
     * {@code trusterName} accepts {@code kind} from {@code trustedName}. Refused where the truster requires two administrators
     * (decision 0043): there a trust is proposed ({@link #addOrPropose}) and confirmed by another.
     */
    public Trust add(String trusterName, String trustedName, TrustKind kind) {
        return added(trusterName, trustedName, kind, null, false).trust();
    }

    /** A trust made, or (where its truster requires two administrators) a proposal made: exactly one of them. */
    public record Added(Trust trust, TrustProposal proposal) {
        /** "Proposed: … needs a second administrator …" or "Trusted: …", for the command line and the console. */
        public String sentence() {
            return trust != null ? "Trusted: " + trust.sentence() + "."
                    : "Proposed (#" + proposal.id() + "): " + proposal.sentence() + "; it needs a second administrator of '" + proposal.trusterName()
                    + "' to confirm it (odcm trust confirm " + proposal.id() + ", or Confirm… under Trusts) before anything is trusted.";
        }
    }

    /**
     * {@code trusterName} accepts {@code kind} from {@code trustedName}; where the truster requires two administrators, a
     * proposal pinned to the trusted space's current certificate instead. {@code fingerprint}, when given (as typed or
     * pasted), must be that certificate's.
     */
    public Added addOrPropose(String trusterName, String trustedName, TrustKind kind, String fingerprint) {
        return added(trusterName, trustedName, kind, fingerprint, true);
    }

    private Added added(String trusterName, String trustedName, TrustKind kind, String fingerprint, boolean mayPropose) {
        return store.write(tx -> {
            Space truster = SpaceService.require(tx, trusterName);
            Space trusted = SpaceService.require(tx, trustedName);
            RoleService.check(tx, store, Action.TRUST, truster);
            checkGrant(tx, truster, trusted, kind);
            Fingerprint current = trusted.certificate().fingerprint();
            if (fingerprint != null && !fingerprint.isBlank() && !Fingerprint.parse(fingerprint).equals(current)) {
                throw new Refusal("The fingerprint given is not the one of " + trusted.describe() + "'s certificate (" + current.grouped()
                        + "), so nothing is trusted or proposed; check it with its owner.");
            }
            if (truster.isLocal() && DutyService.relied(tx, truster).twoAdminTrust()) {
                if (!mayPropose) {
                    throw new Refusal("'" + truster.name() + "' needs two administrators for a trust (separation of duties): one proposes it"
                            + " (odcm trust add, or Add trust… under Trusts) and another confirms it.");
                }
                tx.duties().proposals(false).stream().filter(p -> p.trusterId() == truster.id() && p.trustedId() == trusted.id() && p.kind() == kind)
                        .findFirst().ifPresent(p -> {
                            throw new Refusal("Trust proposal #" + p.id() + " (" + p.sentence() + ", by " + p.proposedBy() + ") is already waiting for"
                                    + " a second administrator.");
                        });
                TrustProposal p = tx.duties().propose(truster.id(), trusted.id(), kind, current.hex(), Instant.now(store.clock()), store.person().name());
                tx.audit().append("trust.propose", "trust " + p.sentence(), "proposal #" + p.id() + "; certificate fingerprint "
                        + current.grouped() + "; needs a second administrator to confirm it");
                return new Added(null, p);
            }
            return new Added(insert(tx, truster, trusted, kind, ""), null);
        });
    }

    /**
     * Confirms proposal {@code id}: another administrator of its truster than its proposer, while the trusted space's
     * certificate is still the one proposed; makes the trust (sealed and recorded as any other).
     */
    public Trust confirm(long id) {
        return store.write(tx -> {
            TrustProposal p = pending(tx, id);
            Space truster = tx.spaces().findById(p.trusterId()).orElseThrow();
            Space trusted = tx.spaces().findById(p.trustedId()).orElseThrow();
            RoleService.check(tx, store, Action.TRUST, truster);
            String me = RoleService.who(store).name();
            if (p.proposedBy().equals(me)) {
                throw new Refusal(me + " proposed this trust, so another administrator must confirm it (separation of duties in '"
                        + truster.name() + "').");
            }
            if (!trusted.certificate().fingerprint().hex().equalsIgnoreCase(p.fingerprint())) {
                throw new Refusal("The certificate of " + trusted.describe() + " is no longer the one proposed (fingerprint "
                        + new Fingerprint(p.fingerprint()).grouped() + ", now " + trusted.certificate().fingerprint().grouped()
                        + "), so nothing is trusted: decline the proposal and propose it again.");
            }
            checkGrant(tx, truster, trusted, p.kind());
            tx.duties().decide(p.id(), TrustProposal.State.CONFIRMED, Instant.now(store.clock()), store.person().name());
            Trust t = insert(tx, truster, trusted, p.kind(), "; proposed by " + p.proposedBy() + " (proposal #" + p.id() + "), confirmed by "
                    + store.person().name());
            tx.duties().madeTrust(p.id(), t.id());
            return t;
        });
    }

    /** Declines proposal {@code id} (another administrator), or withdraws it (its proposer); nothing is trusted. */
    public TrustProposal decline(long id, String reason) {
        return store.write(tx -> {
            TrustProposal p = pending(tx, id);
            Space truster = tx.spaces().findById(p.trusterId()).orElseThrow();
            RoleService.check(tx, store, Action.TRUST, truster);
            boolean own = p.proposedBy().equals(RoleService.who(store).name());
            String why = reason == null ? "" : reason.strip();
            TrustProposal d = tx.duties().decide(p.id(), own ? TrustProposal.State.WITHDRAWN : TrustProposal.State.DECLINED,
                    Instant.now(store.clock()), store.person().name());
            tx.audit().append(own ? "trust.withdraw" : "trust.decline", "trust " + p.sentence(), "proposal #" + p.id() + " by "
                    + p.proposedBy() + (own ? " withdrawn" : " declined") + (why.isEmpty() ? "" : ": " + why));
            return d;
        });
    }

    /** Pending proposals (or every one when {@code all}), newest first. */
    public List<TrustProposal> proposals(boolean all) {
        return store.read(tx -> tx.duties().proposals(all));
    }

    /**
     * Why the person acting may not confirm or decline proposal {@code p} now, or empty (for the console's buttons): only
     * its proposer's own confirmation is refused here; the roles are the gate's.
     */
    public Optional<String> confirmRefusal(TrustProposal p) {
        String me = RoleService.who(store).name();
        return p.proposedBy().equals(me) ? Optional.of(me + " proposed this trust, so another administrator must confirm it"
                + " (separation of duties in '" + p.trusterName() + "').") : Optional.empty();
    }

    private static TrustProposal pending(odcm.persistence.StoreTx tx, long id) {
        TrustProposal p = tx.duties().proposal(id).orElseThrow(() -> new Refusal("There is no trust proposal #" + id + "."));
        if (!p.isPending()) {
            throw new Refusal("Trust proposal #" + id + " (" + p.sentence() + ") was already " + p.state().words() + " by " + p.decidedBy() + ".");
        }
        return p;
    }

    private void checkGrant(odcm.persistence.StoreTx tx, Space truster, Space trusted, TrustKind kind) {
        TrustRules.checkGrant(truster, trusted, kind, tx.trusts().involving(truster.id()), Instant.now(store.clock()));
        if (!trusted.isLocal() && !tx.spaces().certificates(trusted.id()).get(0).isConfirmed()) {
            throw new Refusal("Nobody has confirmed the fingerprint of " + trusted.describe() + " with the other side yet, so it cannot be"
                    + " trusted; confirm it first ('odcm remote confirm', or Confirm fingerprint… under Remote spaces).");
        }
    }

    private Trust insert(odcm.persistence.StoreTx tx, Space truster, Space trusted, TrustKind kind, String how) {
        Trust t = tx.trusts().insert(truster.id(), trusted.id(), kind, Instant.now(store.clock()), store.person().name());
        tx.audit().append("trust.add", "trust " + t.sentence(), (t.isConnected() ? "connected (both spaces in this console)"
                : "disconnected; certificate fingerprint " + trusted.certificate().fingerprint().grouped()) + how);
        return t;
    }

    public Trust revoke(long trustId, String reason) {
        return store.write(tx -> {
            Trust t = tx.trusts().findById(trustId).orElseThrow(() -> new Refusal("There is no trust with id " + trustId + "."));
            RoleService.check(tx, store, Action.REVOKE_TRUST, tx.spaces().findById(t.trusterId()).orElseThrow());
            String why = TrustRules.checkRevocation(t, reason);
            Trust revoked = tx.trusts().revoke(t.id(), Instant.now(store.clock()), store.person().name(), why);
            tx.audit().append("trust.revoke", "trust " + t.sentence(), "revoked: " + why);
            return revoked;
        });
    }

    /** Revokes the active trust by which {@code trusterName} accepts {@code kind} from {@code trustedName}. */
    public Trust revoke(String trusterName, String trustedName, TrustKind kind, String reason) {
        long id = store.read(tx -> {
            Space truster = SpaceService.require(tx, trusterName);
            Space trusted = SpaceService.require(tx, trustedName);
            return tx.trusts().involving(truster.id()).stream()
                    .filter(t -> t.isActive() && t.trusterId() == truster.id() && t.trustedId() == trusted.id() && t.kind() == kind)
                    .findFirst()
                    .orElseThrow(() -> new Refusal("'" + truster.name() + "' does not accept " + kind.words() + " from '" + trusted.name()
                            + "'" + lastRevocation(tx.trusts().involving(truster.id()), trusted.id(), kind) + ", so there is nothing to revoke."))
                    .id();
        });
        return revoke(id, reason);
    }

    private static String lastRevocation(List<Trust> trusts, long trustedId, TrustKind kind) {
        return trusts.stream().filter(t -> !t.isActive() && t.trustedId() == trustedId && t.kind() == kind).findFirst()
                .map(t -> " (that trust was revoked on " + t.revokedAt() + " by " + t.revokedBy() + ")").orElse("");
    }

    /** Active trusts, or all including revoked ones, newest first. */
    public List<Trust> list(boolean includeRevoked) {
        return store.read(tx -> tx.trusts().findAll()).stream().filter(t -> includeRevoked || t.isActive()).toList();
    }

    /** What a space accepts, and from whom: active trusts in which it is the truster. */
    public List<Trust> trustsOf(String spaceName) {
        return store.read(tx -> {
            Space s = SpaceService.require(tx, spaceName);
            return tx.trusts().involving(s.id()).stream().filter(t -> t.isActive() && t.trusterId() == s.id()).toList();
        });
    }

    /** Who accepts what from a space: active trusts in which it is the trusted one. */
    public List<Trust> trustedBy(String spaceName) {
        return store.read(tx -> {
            Space s = SpaceService.require(tx, spaceName);
            return tx.trusts().involving(s.id()).stream().filter(t -> t.isActive() && t.trustedId() == s.id()).toList();
        });
    }
}
