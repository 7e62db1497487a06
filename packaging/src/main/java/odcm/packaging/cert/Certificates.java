package odcm.packaging.cert;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import odcm.model.Secret;
import odcm.model.cert.CertificateFormat;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;
import odcm.model.space.SpaceName;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Creating, reading and writing space certificates with BouncyCastle. */
public final class Certificates {
    /**
     * One provider instance used explicitly; it is never registered globally, so other code keeps the
     * JDK's providers. Creating it is costly, hence a constant.
     */
    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ORGANISATION = "ODCM Console";

    private Certificates() {
    }

    /** A new key pair and self-signed certificate for the local space {@code spaceName}. */
    public static SpaceIdentity generate(String spaceName, KeyAlgorithm algorithm, Instant now) {
        String name = SpaceName.of(spaceName).value();
        KeyAlgorithm alg = algorithm == null ? KeyAlgorithm.EC_P256 : algorithm;
        try {
            KeyPair keys = newKeyPair(alg);
            // O first, then CN: the usual most-significant-first order, so the RFC 4514 form reads
            // "CN=<name>, O=ODCM Console". The builder encodes CN as UTF8String, so any name fits.
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, ORGANISATION)
                    .addRDN(BCStyle.CN, name)
                    .build();
            Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            // A minute back, so a peer whose clock is slightly behind does not see a not-yet-valid certificate.
            Date notBefore = Date.from(start.minus(Duration.ofMinutes(1)));
            Date notAfter = Date.from(start.atZone(ZoneOffset.UTC).plusYears(10).toInstant());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, randomSerial(), notBefore, notAfter, subject, keys.getPublic());
            int usage = KeyUsage.digitalSignature
                    | (alg == KeyAlgorithm.RSA_3072 ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(alg))
                    .setProvider(BC).build(keys.getPrivate());
            byte[] der = builder.build(signer).getEncoded();
            byte[] pkcs8 = keys.getPrivate().getEncoded();
            try {
                return new SpaceIdentity(der, describe(der), alg, new Secret(pkcs8));
            } finally {
                java.util.Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            // Only a broken Java installation gets here; the user cannot fix it by changing input.
            throw new IllegalStateException("could not create a " + alg + " key pair and certificate", e);
        }
    }

    /** RSASSA-PSS for RSA (the modern RSA signature; openssl 3 reads it), ECDSA for EC. */
    static String signatureAlgorithm(KeyAlgorithm algorithm) {
        return algorithm == KeyAlgorithm.RSA_3072 ? "SHA256withRSAandMGF1" : "SHA256withECDSA";
    }

    /**
     * Test-only: with this system property true, RSA key pairs (about a second each) come in turn from a few made
     * once in this JVM, as real as any other; tests make hundreds of spaces (docs/decisions/0025). Never set by ./odcm.
     */
    static final String REUSE_RSA_KEYS_FOR_TESTS = "odcm.test.reuseRsaKeys";
    static final int REUSED_RSA_KEYS = 4;
    private static final KeyPair[] RSA_KEYS = new KeyPair[REUSED_RSA_KEYS];
    private static int nextRsaKey;

    private static KeyPair newKeyPair(KeyAlgorithm algorithm) throws GeneralSecurityException {
        if (algorithm == KeyAlgorithm.RSA_3072 && Boolean.getBoolean(REUSE_RSA_KEYS_FOR_TESTS)) {
            synchronized (RSA_KEYS) {
                int i = nextRsaKey++ % REUSED_RSA_KEYS;
                if (RSA_KEYS[i] == null) {
                    String folder = System.getProperty(RSA_KEY_FOLDER_FOR_TESTS, "");
                    RSA_KEYS[i] = folder.isBlank() ? generateKeyPair(algorithm) : keptRsaKey(Path.of(folder), i);
                }
                return RSA_KEYS[i];
            }
        }
        return generateKeyPair(algorithm);
    }

    /**
     * Test-only, beside {@link #REUSE_RSA_KEYS_FOR_TESTS}: a folder (the build's own, under target) where the four are kept
     * for every test JVM of a build, so each JVM reads them instead of making them (several seconds each in a test JVM
     * without C2). The first JVM that needs one makes it there, under a file lock; a key is written whole or not at all.
     */
    static final String RSA_KEY_FOLDER_FOR_TESTS = "odcm.test.rsaKeyFolder";

    /** Key pair {@code i} of the test keys kept in {@code folder}, made and kept there first if it is not yet. */
    static KeyPair keptRsaKey(Path folder, int i) throws GeneralSecurityException {
        Path file = folder.resolve("rsa-3072-" + i + ".pk8");
        try {
            Files.createDirectories(folder);
            try (FileChannel lock = FileChannel.open(folder.resolve("lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                if (Files.exists(file)) {
                    KeyFactory rsa = KeyFactory.getInstance("RSA", BC);
                    var key = (RSAPrivateCrtKey) rsa.generatePrivate(
                            new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
                    return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
                }
                KeyPair made = generateKeyPair(KeyAlgorithm.RSA_3072);
                Path part = folder.resolve(file.getFileName() + ".part");
                Files.deleteIfExists(part); // left by a JVM killed while writing it
                if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(part, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))); // test keys, still only the owner's
                }
                Files.write(part, made.getPrivate().getEncoded());
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                return made;
            }
        } catch (IOException e) {
            throw new IllegalStateException("the test keys in " + folder + " could not be read or kept", e);
        }
    }

    private static KeyPair generateKeyPair(KeyAlgorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator;
        if (algorithm == KeyAlgorithm.RSA_3072) {
            generator = KeyPairGenerator.getInstance("RSA", BC);
            generator.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), RANDOM);
        } else {
            generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        }
        return generator.generateKeyPair();
    }

    /** 128 random bits, positive and non-zero as RFC 5280 asks. */
    private static BigInteger randomSerial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    /**
     * Reads one certificate from a file's bytes or pasted text (PEM or DER). Refuses with its own clear
     * sentence (an {@link odcm.model.Refusal}): not a certificate; a private key; a certificate request;
     * several certificates; expired or not yet valid at {@code now}; RSA under 2048 bits or an unsupported
     * algorithm; a broken self-signature.
     */
    public static ReadCertificate read(byte[] bytes, Instant now) {
        byte[] der = CertificateReader.certificateDer(bytes);
        CertificateChecks.check(der, now);
        return new ReadCertificate(der.clone(), describe(der));
    }

    public static CertificateInfo describe(byte[] der) {
        X509CertificateHolder cert = CertificateReader.holder(der);
        KeyDescription key = KeyDescription.of(cert.getSubjectPublicKeyInfo());
        return new CertificateInfo(
                distinguishedName(cert.getSubject()),
                distinguishedName(cert.getIssuer()),
                cert.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                key.algorithm(),
                key.detail(),
                fingerprint(der));
    }

    public static Fingerprint fingerprint(byte[] der) {
        try {
            return Fingerprint.ofDigest(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** PEM text (as UTF-8 bytes) or the DER bytes themselves. */
    public static byte[] encode(byte[] der, CertificateFormat format) {
        if (format == CertificateFormat.DER) {
            return der.clone();
        }
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 4514 order (last RDN first, so "CN=Prod Space, O=ODCM Console") and escaping (commas, quotes,
     * leading '#'), with a space after each comma so people can read it.
     */
    static String distinguishedName(X500Name name) {
        var rdns = name.getRDNs();
        StringBuilder sb = new StringBuilder();
        for (int i = rdns.length - 1; i >= 0; i--) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(BCStyle.INSTANCE.toString(new X500Name(new RDN[] {rdns[i]})));
        }
        return sb.toString();
    }
}
