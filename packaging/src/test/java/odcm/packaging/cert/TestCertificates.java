package odcm.packaging.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Real certificate, key and request files made with BouncyCastle, for tests that need a file of a given
 * kind: good ones, and the wrong or hostile ones a user might pick. Key pairs are cached because RSA
 * generation is slow; each file is made fresh.
 */
public final class TestCertificates {
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Provider BC = new BouncyCastleProvider();
    private static final Map<String, KeyPair> KEYS = new HashMap<>();

    private TestCertificates() {
    }

    /** A cached key pair: "EC:secp256r1", "RSA:2048", "DSA:2048", "Ed25519". */
    public static synchronized KeyPair keyPair(String spec) {
        return KEYS.computeIfAbsent(spec, s -> {
            try {
                String[] parts = s.split(":");
                KeyPairGenerator g;
                switch (parts[0]) {
                    case "EC" -> {
                        g = KeyPairGenerator.getInstance("EC", BC);
                        g.initialize(new ECGenParameterSpec(parts[1]));
                    }
                    case "RSA" -> {
                        g = KeyPairGenerator.getInstance("RSA", BC);
                        g.initialize(Integer.parseInt(parts[1]));
                    }
                    // The JDK's DSA generator has precomputed 2048-bit parameters, so it is fast.
                    case "DSA" -> {
                        g = KeyPairGenerator.getInstance("DSA");
                        g.initialize(Integer.parseInt(parts[1]));
                    }
                    default -> g = KeyPairGenerator.getInstance(parts[0], BC);
                }
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Test").addRDN(BCStyle.CN, commonName).build();
    }

    /** A self-signed certificate for {@code keys}, valid from {@code notBefore} to {@code notAfter}. */
    public static byte[] selfSigned(KeyPair keys, String signatureAlgorithm, Instant notBefore, Instant notAfter) {
        return certificate(name("Remote Space"), keys.getPublic(), name("Remote Space"), keys.getPrivate(),
                signatureAlgorithm, notBefore, notAfter);
    }

    /** A self-signed certificate valid a year either side of {@link #NOW}. */
    public static byte[] selfSigned(KeyPair keys, String signatureAlgorithm) {
        return selfSigned(keys, signatureAlgorithm, NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(365)));
    }

    public static byte[] ecP256() {
        return selfSigned(keyPair("EC:secp256r1"), "SHA256withECDSA");
    }

    public static byte[] certificate(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
            String signatureAlgorithm, Instant notBefore, Instant notAfter) {
        try {
            var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            var signer = new JcaContentSignerBuilder(signatureAlgorithm);
            // DSA keys come from the JDK provider and are signed there.
            if (!issuerKey.getAlgorithm().equals("DSA")) {
                signer.setProvider(BC);
            }
            return builder.build(signer.build(issuerKey)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed-looking certificate (issuer = subject) whose signature was made by another key. */
    public static byte[] signedByAnotherKey() {
        return certificate(name("Remote Space"), keyPair("EC:secp256r1").getPublic(), name("Remote Space"),
                keyPair("EC:secp384r1").getPrivate(), "SHA256withECDSA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    }

    /** A valid certificate whose common name was changed afterwards, as an attacker editing the file would. */
    public static byte[] tamperedName() {
        byte[] der = certificate(name("Remote Space"), keyPair("EC:secp256r1").getPublic(), name("Remote Space"),
                keyPair("EC:secp256r1").getPrivate(), "SHA256withECDSA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        byte[] from = "Remote Space".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "Remote Spice".getBytes(StandardCharsets.US_ASCII);
        int replaced = 0;
        for (int i = 0; i + from.length <= der.length; i++) {
            if (java.util.Arrays.equals(der, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, der, i, to.length);
                replaced++;
            }
        }
        if (replaced == 0) {
            throw new IllegalStateException("name not found in the certificate");
        }
        return der;
    }

    public static byte[] csrDer() {
        try {
            KeyPair keys = keyPair("EC:secp256r1");
            return new JcaPKCS10CertificationRequestBuilder(name("Remote Space"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(keys.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pkcs8Der() {
        return keyPair("EC:secp256r1").getPrivate().getEncoded();
    }

    /** The traditional openssl form, "-----BEGIN RSA PRIVATE KEY-----" (PKCS#1). */
    public static byte[] traditionalRsaKeyPem() {
        return pemWriter(keyPair("RSA:2048").getPrivate());
    }

    /** "-----BEGIN EC PRIVATE KEY-----" (SEC 1). */
    public static byte[] traditionalEcKeyPem() {
        return pemWriter(keyPair("EC:secp256r1").getPrivate());
    }

    public static byte[] encryptedPkcs8Pem() {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BC).setPassword("secret".toCharArray()).build();
            return pemWriter(new JcaPKCS8Generator(keyPair("EC:secp256r1").getPrivate(), encryptor));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pemWriter(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A PEM block with 64-character lines. */
    public static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
