package odcm.packaging.cert;

import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ContentVerifierProviderBuilder;

/**
 * What a remote space's certificate must satisfy before the console stores it: a key it can use safely,
 * an intact self-signature, and validity now. Trust itself comes from comparing the fingerprint with the
 * other side, so a certificate issued by a CA is accepted without checking the CA's signature.
 */
final class CertificateChecks {
    static final int MIN_RSA_BITS = 2048;
    /** Space certificates are a few hundred bytes; the store keeps at most this much of one. */
    static final int MAX_DER_BYTES = 64 * 1024;
    /** Names longer than this are not what a space's certificate carries; the store keeps at most this much. */
    static final int MAX_NAME_CHARS = 2000;
    /** RFC 5280: a serial number is at most 20 octets. */
    static final int MAX_SERIAL_BYTES = 20;

    private CertificateChecks() {
    }

    static void check(byte[] der, Instant now) {
        if (der.length > MAX_DER_BYTES) {
            throw CertificateRefusals.oversized("is " + der.length / 1024 + " KiB, larger than the " + MAX_DER_BYTES / 1024 + " KiB a space certificate may be");
        }
        X509CertificateHolder cert = CertificateReader.holder(der);
        if (cert.getSubject().toString().length() > MAX_NAME_CHARS || cert.getIssuer().toString().length() > MAX_NAME_CHARS) {
            throw CertificateRefusals.oversized("names a subject or issuer longer than " + MAX_NAME_CHARS + " characters");
        }
        if (cert.getSerialNumber().toByteArray().length > MAX_SERIAL_BYTES + 1) {
            throw CertificateRefusals.oversized("has a serial number longer than the " + MAX_SERIAL_BYTES + " octets a certificate may have");
        }
        KeyDescription key = KeyDescription.of(cert.getSubjectPublicKeyInfo());
        if (key.algorithm().equals("RSA")) {
            if (key.rsaBits() < MIN_RSA_BITS) {
                throw CertificateRefusals.weakRsa(key.rsaBits());
            }
        } else if (!key.acceptedCurve()) {
            throw CertificateRefusals.unsupportedKey(key.spoken());
        }
        // Key checks first: a signature cannot be checked with a key the console does not support.
        if (cert.getSubject().equals(cert.getIssuer()) && !selfSignatureValid(cert)) {
            throw CertificateRefusals.brokenSignature();
        }
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw CertificateRefusals.expired(notAfter);
        }
        if (now.isBefore(notBefore)) {
            throw CertificateRefusals.notYetValid(notBefore);
        }
    }

    private static boolean selfSignatureValid(X509CertificateHolder cert) {
        try {
            return cert.isSignatureValid(new JcaX509ContentVerifierProviderBuilder()
                    .setProvider(Certificates.BC).build(cert.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            // An unreadable public key or signature counts as a broken signature: either way it does not verify.
            return false;
        }
    }
}
