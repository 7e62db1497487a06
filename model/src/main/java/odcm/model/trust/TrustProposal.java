package odcm.model.trust;

import java.time.Instant;

/**
 * A trust one administrator proposed, pinned to the trusted space's certificate fingerprint, where the truster requires a
 * second administrator (docs/decisions/0043): nothing is trusted until another administrator confirms it.
 */
public record TrustProposal(long id, long trusterId, String trusterName, long trustedId, String trustedName, TrustKind kind,
                            String fingerprint, Instant proposedAt, String proposedBy, State state, Instant decidedAt, String decidedBy,
                            Long trustId) {
    public enum State {
        PENDING, CONFIRMED, DECLINED, WITHDRAWN;

        public String words() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isPending() {
        return state == State.PENDING;
    }

    /** "'Prod Space' accepts release bundles from 'DevTest Space'". */
    public String sentence() {
        return "'" + trusterName + "' accepts " + kind.words() + " from '" + trustedName + "'";
    }
}
