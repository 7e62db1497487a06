package odcm.model.trust;

import java.time.Instant;

/**
 * {@code trusterName} accepts {@code kind} from {@code trustedName}. The truster is always a local space;
 * the trusted one is local ("connected") or remote ("disconnected").
 */
public record Trust(
        long id,
        long trusterId,
        String trusterName,
        long trustedId,
        String trustedName,
        boolean trustedIsLocal,
        TrustKind kind,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy,
        String revokeReason) {

    public boolean isActive() {
        return revokedAt == null;
    }

    /** Between two spaces of this console no certificate exchange is needed. */
    public boolean isConnected() {
        return trustedIsLocal;
    }

    /** "'Prod Space' accepts release bundles from 'DevTest Space'". */
    public String sentence() {
        return "'" + trusterName + "' accepts " + kind.words() + " from '" + trustedName + "'";
    }
}
