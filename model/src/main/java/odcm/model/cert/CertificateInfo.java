package odcm.model.cert;

import java.time.Instant;

/**
 * What a person checks about a certificate before trusting it: who it names, who issued it,
 * when it is valid, its key, and its fingerprint.
 *
 * @param keyAlgorithm "RSA" or "EC"
 * @param keyDetail    "3072 bits" for RSA, the curve name for EC
 */
public record CertificateInfo(
        String subject,
        String issuer,
        String serial,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        String keyDetail,
        Fingerprint fingerprint) {

    public boolean isValidAt(Instant when) {
        return !when.isBefore(notBefore) && !when.isAfter(notAfter);
    }

    /** "RSA 3072 bits", "EC secp256r1". */
    public String keyDescription() {
        return keyAlgorithm + " " + keyDetail;
    }
}
