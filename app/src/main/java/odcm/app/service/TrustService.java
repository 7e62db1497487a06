package odcm.app.service;

import odcm.model.role.Action;
import java.time.Instant;
import java.util.List;
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

    /** {@code trusterName} accepts {@code kind} from {@code trustedName}. */
    public Trust add(String trusterName, String trustedName, TrustKind kind) {
        return store.write(tx -> {
            Space truster = SpaceService.require(tx, trusterName);
            Space trusted = SpaceService.require(tx, trustedName);
            RoleService.check(tx, store, Action.TRUST, truster);
            TrustRules.checkGrant(truster, trusted, kind, tx.trusts().involving(truster.id()), Instant.now(store.clock()));
            if (!trusted.isLocal() && !tx.spaces().certificates(trusted.id()).get(0).isConfirmed()) {
                throw new Refusal("Nobody has confirmed the fingerprint of " + trusted.describe() + " with the other side yet, so it cannot be"
                        + " trusted; confirm it first ('odcm remote confirm', or Confirm fingerprint… under Remote spaces).");
            }
            Trust t = tx.trusts().insert(truster.id(), trusted.id(), kind, Instant.now(store.clock()), store.person().name());
            tx.audit().append("trust.add", "trust " + t.sentence(), (t.isConnected() ? "connected (both spaces in this console)"
                    : "disconnected; certificate fingerprint " + trusted.certificate().fingerprint().grouped()));
            return t;
        });
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
