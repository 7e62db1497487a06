package odcm.persistence.space;

import java.time.Instant;
import odcm.model.cert.CertificateInfo;

/**
 * A certificate a space has or had; {@code retiredAt} is null for the current one, {@code confirmedAt} null while
 * nobody has confirmed its fingerprint with the other side.
 */
public record StoredCertificate(long id, long spaceId, byte[] der, CertificateInfo info, Instant addedAt, Instant retiredAt,
                                Instant confirmedAt) {
    public boolean isCurrent() {
        return retiredAt == null;
    }

    public boolean isConfirmed() {
        return confirmedAt != null;
    }
}
