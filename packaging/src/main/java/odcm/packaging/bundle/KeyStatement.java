package odcm.packaging.bundle;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import odcm.model.cert.Fingerprint;

/**
 * What a key statement says (decision 0056): space {@code space} says about its key with certificate {@code certificate}
 * either that it is rotated to {@code newCertificateDer}, the old one still accepted until {@code overlapUntil}
 * ({@link Kind#ROTATION}), or that it is not to be trusted from {@code notTrustedAfter} on ({@link Kind#COMPROMISE}).
 */
public record KeyStatement(UUID statementId, Kind kind, String space, Fingerprint certificate, Instant issued, byte[] newCertificateDer,
                           Instant overlapUntil, Instant notTrustedAfter) {
    public enum Kind { ROTATION, COMPROMISE }

    public KeyStatement {
        Objects.requireNonNull(statementId, "statementId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issued, "issued");
        if (kind == Kind.ROTATION) {
            Objects.requireNonNull(newCertificateDer, "newCertificateDer");
            Objects.requireNonNull(overlapUntil, "overlapUntil");
            if (notTrustedAfter != null) {
                throw new IllegalArgumentException("a rotation statement names no compromise time");
            }
            if (overlapUntil.isBefore(issued)) {
                throw new IllegalArgumentException("a rotation's overlap ends no earlier than the statement is issued");
            }
            newCertificateDer = newCertificateDer.clone();
        } else {
            Objects.requireNonNull(notTrustedAfter, "notTrustedAfter");
            if (newCertificateDer != null || overlapUntil != null) {
                throw new IllegalArgumentException("a compromise statement names no new certificate and no overlap");
            }
        }
    }

    public static KeyStatement rotation(String space, Fingerprint old, Instant issued, byte[] newCertificateDer, Instant overlapUntil) {
        return new KeyStatement(UUID.randomUUID(), Kind.ROTATION, space, old, issued, newCertificateDer, overlapUntil, null);
    }

    public static KeyStatement compromise(String space, Fingerprint compromised, Instant issued, Instant notTrustedAfter) {
        return new KeyStatement(UUID.randomUUID(), Kind.COMPROMISE, space, compromised, issued, null, null, notTrustedAfter);
    }

    @Override
    public byte[] newCertificateDer() {
        return newCertificateDer == null ? null : newCertificateDer.clone();
    }

    /** The new certificate's fingerprint (rotation), else null. */
    public Fingerprint newCertificate() {
        return newCertificateDer == null ? null : odcm.packaging.cert.Certificates.fingerprint(newCertificateDer);
    }

    /** "'Dev Space' rotates its key from certificate … to …, the old one accepted until …" and the like. */
    public String describe() {
        return kind == Kind.ROTATION
                ? "'" + space + "' rotates its key from certificate " + certificate.grouped() + " to " + newCertificate().grouped()
                + ", the old one accepted until " + overlapUntil
                : "'" + space + "' declares the key of certificate " + certificate.grouped() + " compromised from " + notTrustedAfter + " on";
    }
}
