package odcm.persistence.space;

import java.time.Instant;
import odcm.model.cert.CertificateInfo;

/** A certificate a space has or had; {@code retiredAt} is null for the current one. */
public record StoredCertificate(long id, long spaceId, byte[] der, CertificateInfo info, Instant addedAt, Instant retiredAt) {
    public boolean isCurrent() {
        return retiredAt == null;
    }
}
