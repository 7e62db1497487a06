package odcm.packaging.cert;

import java.time.Instant;
import odcm.model.cert.CertificateFormat;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;

/** Creating, reading and writing space certificates with BouncyCastle. */
public final class Certificates {
    private Certificates() {
    }

    /** A new key pair and self-signed certificate for the local space {@code spaceName}. */
    public static SpaceIdentity generate(String spaceName, KeyAlgorithm algorithm, Instant now) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Reads one certificate from a file's bytes or pasted text (PEM or DER). Refuses with its own clear
     * sentence (an {@link odcm.model.Refusal}): not a certificate; a private key; a certificate request;
     * several certificates; expired or not yet valid at {@code now}; RSA under 2048 bits or an unsupported
     * algorithm; a broken self-signature.
     */
    public static ReadCertificate read(byte[] bytes, Instant now) {
        throw new UnsupportedOperationException("to be written");
    }

    public static CertificateInfo describe(byte[] der) {
        throw new UnsupportedOperationException("to be written");
    }

    public static Fingerprint fingerprint(byte[] der) {
        throw new UnsupportedOperationException("to be written");
    }

    /** PEM text (as UTF-8 bytes) or the DER bytes themselves. */
    public static byte[] encode(byte[] der, CertificateFormat format) {
        throw new UnsupportedOperationException("to be written");
    }
}
