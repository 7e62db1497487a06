package odcm.packaging.cert;

import static odcm.packaging.cert.TestCertificates.NOW;
import static odcm.packaging.cert.TestCertificates.ascii;
import static odcm.packaging.cert.TestCertificates.concat;
import static odcm.packaging.cert.TestCertificates.ecP256;
import static odcm.packaging.cert.TestCertificates.keyPair;
import static odcm.packaging.cert.TestCertificates.pem;
import static odcm.packaging.cert.TestCertificates.selfSigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import odcm.model.Refusal;
import org.junit.jupiter.api.Test;

/** Each wrong file a user might pick gets its own sentence; one real file per test. */
class ReadRefusalsTest {
    private static final String EMPTY = "The file or pasted text is empty; choose the certificate file the other side sent you.";
    private static final String NOT_A_CERTIFICATE = "This file is not a certificate, or the certificate in it is damaged; "
            + "ask the other side to send their space's certificate file again.";
    private static final String PRIVATE_KEY = "This file holds a private key, not a certificate. "
            + "Never send a private key; ask the other side for their space's certificate.";
    private static final String CERTIFICATE_WITH_KEY = "This file holds a private key next to the certificate. "
            + "A private key must never leave its space; ask the other side for a file with only their space's certificate.";
    private static final String REQUEST = "This file holds a certificate request, not a certificate; "
            + "ask the other side for their space's certificate itself.";
    private static final String ACCEPTED = "the console accepts RSA keys of 2048 bits or more and EC keys on the curves P-256 and P-384.";
    private static final String BROKEN_SIGNATURE = "This certificate's signature does not match its contents, so it was damaged "
            + "or altered after it was made; do not use it, and ask the other side to send it again.";

    private static String refusal(byte[] file) {
        return assertThrows(Refusal.class, () -> Certificates.read(file, NOW)).getMessage();
    }

    // --- empty and not a certificate

    @Test
    void emptyFile() {
        assertEquals(EMPTY, refusal(new byte[0]));
    }

    @Test
    void onlyWhitespacePasted() {
        assertEquals(EMPTY, refusal(ascii("  \r\n\t \n")));
    }

    @Test
    void randomBytes() {
        byte[] noise = new byte[700];
        new Random(42).nextBytes(noise);
        assertEquals(NOT_A_CERTIFICATE, refusal(noise));
    }

    @Test
    void randomBytesStartingLikeDer() {
        byte[] noise = new byte[700];
        new Random(7).nextBytes(noise);
        noise[0] = 0x30;
        noise[1] = (byte) 0x82;
        assertEquals(NOT_A_CERTIFICATE, refusal(noise));
    }

    @Test
    void truncatedDer() {
        byte[] der = ecP256();
        assertEquals(NOT_A_CERTIFICATE, refusal(Arrays.copyOf(der, der.length / 2)));
    }

    @Test
    void derWithTrailingGarbage() {
        assertEquals(NOT_A_CERTIFICATE, refusal(concat(ecP256(), ascii("garbage"))));
    }

    @Test
    void truncatedPem() {
        String pem = pem("CERTIFICATE", ecP256());
        assertEquals(NOT_A_CERTIFICATE, refusal(ascii(pem.substring(0, pem.length() / 2))));
    }

    @Test
    void pemWithBrokenBase64() {
        String pem = pem("CERTIFICATE", ecP256()).replaceFirst("\n(.)", "\n!");
        assertEquals(NOT_A_CERTIFICATE, refusal(ascii(pem)));
    }

    @Test
    void plainText() {
        assertEquals(NOT_A_CERTIFICATE, refusal(ascii("Hello,\r\nhere is our certificate as you asked.\r\nRegards, Ops\r\n")));
    }

    @Test
    void publicKeyPemIsNotACertificate() {
        assertEquals(NOT_A_CERTIFICATE, refusal(ascii(pem("PUBLIC KEY", keyPair("EC:secp256r1").getPublic().getEncoded()))));
    }

    // --- private keys

    @Test
    void pkcs8PrivateKeyPem() {
        assertEquals(PRIVATE_KEY, refusal(ascii(pem("PRIVATE KEY", TestCertificates.pkcs8Der()))));
    }

    @Test
    void pkcs8PrivateKeyDer() {
        assertEquals(PRIVATE_KEY, refusal(TestCertificates.pkcs8Der()));
    }

    @Test
    void traditionalRsaPrivateKeyPem() {
        byte[] file = TestCertificates.traditionalRsaKeyPem();
        assertTrue(new String(file).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertEquals(PRIVATE_KEY, refusal(file));
    }

    @Test
    void traditionalEcPrivateKeyPem() {
        byte[] file = TestCertificates.traditionalEcKeyPem();
        assertTrue(new String(file).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertEquals(PRIVATE_KEY, refusal(file));
    }

    @Test
    void encryptedPrivateKeyPem() {
        byte[] file = TestCertificates.encryptedPkcs8Pem();
        assertTrue(new String(file).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertEquals(PRIVATE_KEY, refusal(file));
    }

    @Test
    void privateKeyPemMislabelledAsCertificate() {
        assertEquals(PRIVATE_KEY, refusal(ascii(pem("CERTIFICATE", TestCertificates.pkcs8Der()))));
    }

    @Test
    void certificateAndPrivateKeyInOnePem() {
        byte[] file = ascii(pem("CERTIFICATE", ecP256()) + pem("PRIVATE KEY", TestCertificates.pkcs8Der()));
        assertEquals(CERTIFICATE_WITH_KEY, refusal(file));
    }

    @Test
    void privateKeyBeforeCertificateInOnePem() {
        byte[] file = concat(TestCertificates.traditionalRsaKeyPem(), ascii(pem("CERTIFICATE", ecP256())));
        assertEquals(CERTIFICATE_WITH_KEY, refusal(file));
    }

    // --- certificate requests

    @Test
    void certificateRequestPem() {
        assertEquals(REQUEST, refusal(ascii(pem("CERTIFICATE REQUEST", TestCertificates.csrDer()))));
    }

    @Test
    void newCertificateRequestPem() {
        assertEquals(REQUEST, refusal(ascii(pem("NEW CERTIFICATE REQUEST", TestCertificates.csrDer()))));
    }

    @Test
    void certificateRequestDer() {
        assertEquals(REQUEST, refusal(TestCertificates.csrDer()));
    }

    // --- several certificates

    @Test
    void twoCertificatesInOnePem() {
        byte[] file = ascii(pem("CERTIFICATE", ecP256()) + "\n" + pem("CERTIFICATE", ecP256()));
        assertEquals("This file holds 2 certificates; add one space per certificate file.", refusal(file));
    }

    @Test
    void threeCertificatesInOnePem() {
        byte[] file = ascii(pem("CERTIFICATE", ecP256()) + pem("CERTIFICATE", ecP256()) + pem("CERTIFICATE", ecP256()));
        assertEquals("This file holds 3 certificates; add one space per certificate file.", refusal(file));
    }

    @Test
    void twoCertificatesConcatenatedAsDer() {
        assertEquals("This file holds 2 certificates; add one space per certificate file.", refusal(concat(ecP256(), ecP256())));
    }

    // --- validity

    @Test
    void expired() {
        byte[] file = selfSigned(keyPair("EC:secp256r1"), "SHA256withECDSA",
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-03-15T09:30:00Z"));
        assertEquals("This certificate expired on 2025-03-15 09:30 UTC; "
                + "ask the other side to renew their space's certificate and send the new one.", refusal(file));
    }

    @Test
    void notYetValid() {
        byte[] file = selfSigned(keyPair("EC:secp256r1"), "SHA256withECDSA",
                Instant.parse("2026-07-04T08:00:00Z"), Instant.parse("2036-07-04T08:00:00Z"));
        assertEquals("This certificate is not valid until 2026-07-04 08:00 UTC; "
                + "check this computer's date and time, or add it from then on.", refusal(file));
    }

    @Test
    void validOnItsLastSecond() {
        Instant end = NOW.plusSeconds(1);
        byte[] file = selfSigned(keyPair("EC:secp256r1"), "SHA256withECDSA", NOW.minus(Duration.ofDays(1)), end);
        assertEquals(end, Certificates.read(file, NOW).info().notAfter());
        Refusal later = assertThrows(Refusal.class, () -> Certificates.read(file, end.plusSeconds(1)));
        assertTrue(later.getMessage().startsWith("This certificate expired on "), later.getMessage());
    }

    // --- keys

    @Test
    void rsa1024() {
        byte[] file = selfSigned(keyPair("RSA:1024"), "SHA256withRSA");
        assertEquals("This certificate's RSA key has only 1024 bits, which is too weak; " + ACCEPTED, refusal(file));
    }

    @Test
    void dsa() {
        byte[] file = selfSigned(keyPair("DSA:2048"), "SHA256withDSA");
        assertEquals("This certificate's key is DSA, which the console does not accept; " + ACCEPTED, refusal(file));
    }

    @Test
    void ed25519() {
        byte[] file = selfSigned(keyPair("Ed25519"), "Ed25519");
        assertEquals("This certificate's key is Ed25519, which the console does not accept; " + ACCEPTED, refusal(file));
    }

    @Test
    void ecP521() {
        byte[] file = selfSigned(keyPair("EC:secp521r1"), "SHA512withECDSA");
        assertEquals("This certificate's key is EC on the curve secp521r1, which the console does not accept; " + ACCEPTED,
                refusal(file));
    }

    @Test
    void ecSecp256k1() {
        byte[] file = selfSigned(keyPair("EC:secp256k1"), "SHA256withECDSA");
        assertEquals("This certificate's key is EC on the curve secp256k1, which the console does not accept; " + ACCEPTED,
                refusal(file));
    }

    // --- signature

    @Test
    void selfSignatureMadeByAnotherKey() {
        assertEquals(BROKEN_SIGNATURE, refusal(TestCertificates.signedByAnotherKey()));
    }

    @Test
    void nameChangedAfterSigning() {
        assertEquals(BROKEN_SIGNATURE, refusal(TestCertificates.tamperedName()));
    }

    @Test
    void brokenSignatureIsFoundInPemToo() {
        assertEquals(BROKEN_SIGNATURE, refusal(ascii(pem("CERTIFICATE", TestCertificates.tamperedName()))));
    }

    // --- all together

    @Test
    void everyKindOfRefusalHasItsOwnSentence() {
        Map<String, Supplier<byte[]>> kinds = new LinkedHashMap<>();
        kinds.put("empty", () -> new byte[0]);
        kinds.put("not a certificate", () -> ascii("hello"));
        kinds.put("private key", TestCertificates::pkcs8Der);
        kinds.put("certificate and key", () -> ascii(pem("CERTIFICATE", ecP256()) + pem("PRIVATE KEY", TestCertificates.pkcs8Der())));
        kinds.put("request", TestCertificates::csrDer);
        kinds.put("several", () -> concat(ecP256(), ecP256()));
        kinds.put("expired", () -> selfSigned(keyPair("EC:secp256r1"), "SHA256withECDSA",
                NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))));
        kinds.put("not yet valid", () -> selfSigned(keyPair("EC:secp256r1"), "SHA256withECDSA",
                NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))));
        kinds.put("weak RSA", () -> selfSigned(keyPair("RSA:1024"), "SHA256withRSA"));
        kinds.put("unsupported key", () -> selfSigned(keyPair("DSA:2048"), "SHA256withDSA"));
        kinds.put("broken signature", TestCertificates::signedByAnotherKey);

        var sentences = new HashSet<String>();
        kinds.forEach((kind, file) -> {
            String sentence = refusal(file.get());
            assertFalse(sentence.contains("\n"), kind + ": " + sentence);
            assertTrue(sentence.endsWith("."), kind + ": " + sentence);
            assertTrue(sentences.add(sentence), kind + " repeats another refusal: " + sentence);
        });
        assertEquals(kinds.size(), sentences.size());
    }

    @Test
    void subjectTooLongForTheStore() {
        var keys = TestCertificates.keyPair("EC:secp256r1");
        // Each RDN within the RFC 5280 bounds, the whole name beyond what the store keeps.
        var builder = new org.bouncycastle.asn1.x500.X500NameBuilder();
        for (int i = 0; i < 40; i++) {
            builder.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.OU, "unit-" + i + "-" + "x".repeat(50));
        }
        var subject = builder.build();
        byte[] der = TestCertificates.certificate(subject, keys.getPublic(), subject, keys.getPrivate(), "SHA256withECDSA",
                TestCertificates.NOW.minusSeconds(60), TestCertificates.NOW.plusSeconds(86400));
        assertEquals("This certificate names a subject or issuer longer than 2000 characters; it is not a space certificate the console can keep.",
                refusal(der));
    }
}
