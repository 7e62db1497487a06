package odcm.packaging.cert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import odcm.model.Refusal;

/**
 * The sentences a data-center manager reads when a certificate file cannot be used. Each case has its
 * own sentence, because each has a different next step (ask again, ask for something else, check a clock).
 */
final class CertificateRefusals {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final String ACCEPTED = "the console accepts RSA keys of 2048 bits or more and EC keys on the curves P-256 and P-384";

    private CertificateRefusals() {
    }

    static Refusal empty() {
        return new Refusal("The file or pasted text is empty; choose the certificate file the other side sent you.");
    }

    static Refusal notACertificate() {
        return new Refusal("This file is not a certificate, or the certificate in it is damaged; "
                + "ask the other side to send their space's certificate file again.");
    }

    static Refusal privateKey() {
        return new Refusal("This file holds a private key, not a certificate. "
                + "Never send a private key; ask the other side for their space's certificate.");
    }

    static Refusal certificateWithPrivateKey() {
        return new Refusal("This file holds a private key next to the certificate. "
                + "A private key must never leave its space; ask the other side for a file with only their space's certificate.");
    }

    static Refusal certificateRequest() {
        return new Refusal("This file holds a certificate request, not a certificate; "
                + "ask the other side for their space's certificate itself.");
    }

    static Refusal severalCertificates(int count) {
        return new Refusal("This file holds " + count + " certificates; add one space per certificate file.");
    }

    static Refusal expired(Instant notAfter) {
        return new Refusal("This certificate expired on " + WHEN.format(notAfter)
                + "; ask the other side to renew their space's certificate and send the new one.");
    }

    static Refusal notYetValid(Instant notBefore) {
        return new Refusal("This certificate is not valid until " + WHEN.format(notBefore)
                + "; check this computer's date and time, or add it from then on.");
    }

    static Refusal weakRsa(int bits) {
        return new Refusal("This certificate's RSA key has only " + bits + " bits, which is too weak; " + ACCEPTED + ".");
    }

    static Refusal unsupportedKey(String algorithm) {
        return new Refusal("This certificate's key is " + algorithm + ", which the console does not accept; " + ACCEPTED + ".");
    }

    static Refusal oversized(String what) {
        return new Refusal("This certificate " + what + "; it is not a space certificate the console can keep.");
    }

    static Refusal brokenSignature() {
        return new Refusal("This certificate's signature does not match its contents, so it was damaged or altered after it was made; "
                + "do not use it, and ask the other side to send it again.");
    }
}
