package odcm.packaging.cert;

import static odcm.packaging.cert.TestCertificates.NOW;
import static odcm.packaging.cert.TestCertificates.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.ZoneOffset;
import odcm.model.Refusal;
import odcm.model.cert.CertificateFormat;
import odcm.model.cert.CertificateInfo;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificatesTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generatedCertificateRoundTripsThroughPemAndDer(KeyAlgorithm algorithm) {
        SpaceIdentity id = Certificates.generate("Prod Space", algorithm, NOW);
        for (CertificateFormat format : CertificateFormat.values()) {
            ReadCertificate read = Certificates.read(Certificates.encode(id.certificateDer(), format), NOW);
            assertArrayEquals(id.certificateDer(), read.der(), format.name());
            assertEquals(id.info(), read.info(), format.name());
            assertEquals(Certificates.fingerprint(id.certificateDer()), read.info().fingerprint());
        }
        assertEquals(algorithm, id.algorithm());
    }

    @Test
    void ecIdentityDescribesItself() throws Exception {
        SpaceIdentity id = Certificates.generate("Prod Space", KeyAlgorithm.EC_P256, NOW);
        CertificateInfo info = id.info();
        assertEquals("CN=Prod Space, O=ODCM Console", info.subject());
        assertEquals(info.subject(), info.issuer());
        assertEquals("EC", info.keyAlgorithm());
        assertEquals("secp256r1", info.keyDetail());
        assertEquals(NOW.minus(Duration.ofMinutes(1)), info.notBefore());
        assertEquals(NOW.atZone(ZoneOffset.UTC).plusYears(10).toInstant(), info.notAfter());
        assertTrue(info.serial().matches("[0-9A-F]+"), info.serial());
        assertTrue(new BigInteger(info.serial(), 16).bitLength() > 64, "a random 128-bit serial");

        X509CertificateHolder cert = new X509CertificateHolder(id.certificateDer());
        assertEquals(3, cert.getVersionNumber());
        assertEquals("1.2.840.10045.4.3.2", cert.getSignatureAlgorithm().getAlgorithm().getId(), "ecdsa-with-SHA256");
        Extension bc = cert.getExtension(Extension.basicConstraints);
        assertTrue(bc.isCritical());
        assertFalse(BasicConstraints.getInstance(bc.getParsedValue()).isCA());
        Extension ku = cert.getExtension(Extension.keyUsage);
        assertTrue(ku.isCritical());
        KeyUsage usage = KeyUsage.getInstance(ku.getParsedValue());
        assertTrue(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        assertFalse(usage.hasUsages(KeyUsage.keyEncipherment));
        assertFalse(usage.hasUsages(KeyUsage.keyCertSign));
        assertTrue(cert.getExtension(Extension.subjectKeyIdentifier) != null);
    }

    @Test
    void rsaIdentityUsesPssAndKeyEncipherment() throws Exception {
        SpaceIdentity id = Certificates.generate("Prod Space", KeyAlgorithm.RSA_3072, NOW);
        assertEquals("RSA", id.info().keyAlgorithm());
        assertEquals("3072 bits", id.info().keyDetail());
        X509CertificateHolder cert = new X509CertificateHolder(id.certificateDer());
        assertEquals("1.2.840.113549.1.1.10", cert.getSignatureAlgorithm().getAlgorithm().getId(), "RSASSA-PSS");
        KeyUsage usage = KeyUsage.getInstance(cert.getExtension(Extension.keyUsage).getParsedValue());
        assertTrue(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        assertFalse(usage.hasUsages(KeyUsage.keyAgreement));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void privateKeyIsPkcs8AndMatchesTheCertificate(KeyAlgorithm algorithm) throws Exception {
        SpaceIdentity id = Certificates.generate("Prod Space", algorithm, NOW);
        String keyType = algorithm == KeyAlgorithm.RSA_3072 ? "RSA" : "EC";
        var privateKey = KeyFactory.getInstance(keyType, BC).generatePrivate(new PKCS8EncodedKeySpec(id.privateKeyPkcs8().reveal()));
        var publicKey = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(new X509CertificateHolder(id.certificateDer())).getPublicKey();
        String sigAlg = algorithm == KeyAlgorithm.RSA_3072 ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(sigAlg, BC);
        signer.initSign(privateKey);
        signer.update(ascii("release bundle"));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(sigAlg, BC);
        verifier.initVerify(publicKey);
        verifier.update(ascii("release bundle"));
        assertTrue(verifier.verify(signature));
        assertEquals("Secret[****]", id.privateKeyPkcs8().toString());
    }

    @Test
    void twoIdentitiesDiffer() {
        SpaceIdentity a = Certificates.generate("Prod Space", KeyAlgorithm.EC_P256, NOW);
        SpaceIdentity b = Certificates.generate("Prod Space", KeyAlgorithm.EC_P256, NOW);
        assertNotEquals(a.info().serial(), b.info().serial());
        assertNotEquals(a.info().fingerprint(), b.info().fingerprint());
    }

    @Test
    void nameWithCommaQuotesAndUnicodeRoundTripsInTheCommonName() throws Exception {
        String name = "Prod, \"Zürich\" + Ünïcødé 空间 #1;";
        SpaceIdentity id = Certificates.generate(name, KeyAlgorithm.EC_P256, NOW);
        byte[] pem = Certificates.encode(id.certificateDer(), CertificateFormat.PEM);
        ReadCertificate read = Certificates.read(pem, NOW);
        X509CertificateHolder cert = new X509CertificateHolder(read.der());
        var cn = cert.getSubject().getRDNs(BCStyle.CN);
        assertEquals(1, cn.length, "the comma did not split the name into two RDNs");
        assertEquals(name, cn[0].getFirst().getValue().toString());
        assertEquals(2, cert.getSubject().getRDNs().length);
        // The displayed form escapes the comma, quotes and plus so it still reads as CN then O.
        assertTrue(read.info().subject().startsWith("CN=Prod\\, \\\"Zürich\\\" \\+ Ünïcødé 空间 #1\\;"), read.info().subject());
        assertTrue(read.info().subject().endsWith(", O=ODCM Console"), read.info().subject());
    }

    @Test
    void spaceNameIsCheckedBeforeAKeyIsMade() {
        assertThrows(Refusal.class, () -> Certificates.generate("  ", KeyAlgorithm.EC_P256, NOW));
        assertThrows(Refusal.class, () -> Certificates.generate("Prod: Space", KeyAlgorithm.EC_P256, NOW));
    }

    @Test
    void pemEncodingIsStandard() {
        byte[] der = Certificates.generate("Prod Space", KeyAlgorithm.RSA_3072, NOW).certificateDer();
        String pem = new String(Certificates.encode(der, CertificateFormat.PEM), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(pem.endsWith("\n-----END CERTIFICATE-----\n"));
        String[] lines = pem.split("\n");
        for (int i = 1; i < lines.length - 2; i++) {
            assertEquals(64, lines[i].length(), "line " + i);
        }
        assertTrue(lines[lines.length - 2].length() <= 64);
        assertFalse(pem.contains("\r"));
        assertArrayEquals(der, Certificates.encode(der, CertificateFormat.DER));
    }

    @Test
    void pastedPemWithTextAroundItAndWindowsLineEndings() {
        byte[] der = TestCertificates.ecP256();
        String pasted = "  Hi, here is our certificate:\r\n\r\n"
                + TestCertificates.pem("CERTIFICATE", der).replace("\n", "\r\n")
                + "\r\nRegards, the Prod team\r\n  ";
        assertArrayEquals(der, Certificates.read(ascii(pasted), NOW).der());
    }

    @Test
    void pemSavedAsUtf16ByAWindowsEditor() {
        byte[] der = TestCertificates.ecP256();
        String pem = TestCertificates.pem("CERTIFICATE", der).replace("\n", "\r\n");
        byte[] littleEndianWithBom = TestCertificates.concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, pem.getBytes(StandardCharsets.UTF_16LE));
        assertArrayEquals(der, Certificates.read(littleEndianWithBom, NOW).der());
        assertArrayEquals(der, Certificates.read(pem.getBytes(StandardCharsets.UTF_16), NOW).der(), "big-endian with BOM");
    }

    @Test
    void pemWithIndentedLinesFromAnEmail() {
        byte[] der = TestCertificates.ecP256();
        String indented = TestCertificates.pem("CERTIFICATE", der).replace("\n", "\n    ");
        assertArrayEquals(der, Certificates.read(ascii(indented), NOW).der());
    }

    @Test
    void acceptsRsa2048AndEcP384() {
        CertificateInfo rsa = Certificates.read(TestCertificates.selfSigned(TestCertificates.keyPair("RSA:2048"), "SHA256withRSA"), NOW).info();
        assertEquals("RSA 2048 bits", rsa.keyDescription());
        CertificateInfo p384 = Certificates.read(TestCertificates.selfSigned(TestCertificates.keyPair("EC:secp384r1"), "SHA384withECDSA"), NOW).info();
        assertEquals("EC secp384r1", p384.keyDescription());
        assertEquals("CN=Remote Space, O=Test", p384.subject());
    }

    @Test
    void certificateIssuedByACaIsAcceptedWithoutCheckingTheCa() {
        var ca = TestCertificates.keyPair("EC:secp384r1");
        byte[] der = TestCertificates.certificate(TestCertificates.name("Remote Space"), TestCertificates.keyPair("EC:secp256r1").getPublic(),
                TestCertificates.name("Corporate CA"), ca.getPrivate(), "SHA384withECDSA",
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        CertificateInfo info = Certificates.read(der, NOW).info();
        assertEquals("CN=Corporate CA, O=Test", info.issuer());
        assertEquals("CN=Remote Space, O=Test", info.subject());
    }

    @Test
    void fingerprintIsSha256OfTheDer() throws Exception {
        byte[] der = TestCertificates.ecP256();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(der);
        assertEquals(java.util.HexFormat.of().withUpperCase().formatHex(digest), Certificates.fingerprint(der).hex());
    }

    @Test
    void readReturnsACopy() {
        byte[] der = TestCertificates.ecP256();
        ReadCertificate read = Certificates.read(der, NOW);
        der[10] ^= 1;
        assertNotEquals(Certificates.fingerprint(der), Certificates.fingerprint(read.der()));
    }
}
