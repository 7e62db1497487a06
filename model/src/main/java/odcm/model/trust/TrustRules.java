package odcm.model.trust;

import java.util.Collection;
import odcm.model.Refusal;
import odcm.model.space.Space;

/** Which trusts may be set up. */
public final class TrustRules {
    public static final int MAX_REASON = 2000;

    private TrustRules() {
    }

    /**
     * Refuses a trust that cannot be granted: a remote truster, a space trusting itself, a duplicate, or a
     * trusted space whose certificate is not valid {@code now} (nothing it signs could be checked).
     */
    public static void checkGrant(Space truster, Space trusted, TrustKind kind, Collection<Trust> existing, java.time.Instant now) {
        if (!truster.isLocal()) {
            throw new Refusal("Only a local space can accept anything; '" + truster.name()
                    + "' is a remote space, managed by another console.");
        }
        if (truster.id() == trusted.id()) {
            throw new Refusal("A space cannot trust itself; choose another space to accept " + kind.words() + " from.");
        }
        if (!trusted.certificate().isValidAt(now)) {
            boolean expired = now.isAfter(trusted.certificate().notAfter());
            throw new Refusal("The certificate of " + trusted.describe() + (expired ? " expired on " + trusted.certificate().notAfter()
                    : " is not valid until " + trusted.certificate().notBefore()) + ", so nothing it signs can be checked; "
                    + (trusted.isLocal() ? "it cannot be trusted." : "replace its certificate first."));
        }
        for (Trust t : existing) {
            if (t.isActive() && t.trusterId() == truster.id() && t.trustedId() == trusted.id() && t.kind() == kind) {
                throw new Refusal("'" + truster.name() + "' already accepts " + kind.words() + " from '" + trusted.name() + "'.");
            }
        }
    }

    /** A revocation needs a reason, so nobody later wonders why a trust ended. */
    public static String checkRevocation(Trust trust, String reason) {
        if (!trust.isActive()) {
            // Someone else may have revoked it since it was shown: say who (decision 0036).
            throw new Refusal("The trust " + trust.sentence() + " was already revoked" + (trust.revokedBy() == null ? "" : " by " + trust.revokedBy()) + ".");
        }
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new Refusal("Say why the trust is revoked; the reason goes into the audit log.");
        }
        return odcm.model.Names.text("A reason", r, MAX_REASON); // no control or invisible characters, as in every text
    }
}
