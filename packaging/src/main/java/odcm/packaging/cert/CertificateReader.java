package odcm.packaging.cert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import odcm.model.Refusal;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Finds the one certificate in a file or pasted text, and says clearly what else it found instead:
 * users pick the wrong file from a folder of keys, requests and bundles, and each mistake needs its own answer.
 */
final class CertificateReader {
    /** Far above any certificate; stops a wrongly chosen large file from being parsed at all. */
    private static final int MAX_BYTES = 1 << 20;
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private CertificateReader() {
    }

    /** The DER of the single certificate in {@code bytes}, or a {@link Refusal} saying what is there instead. */
    static byte[] certificateDer(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
            throw CertificateRefusals.empty();
        }
        if (bytes.length > MAX_BYTES) {
            throw CertificateRefusals.notACertificate();
        }
        String text = asText(bytes);
        return text.contains("-----BEGIN ") ? fromPem(text) : fromDer(bytes);
    }

    /**
     * ISO-8859-1 maps every byte to a char, so binary DER never fails to decode, and PEM markers are ASCII.
     * Windows editors save "Unicode" text as UTF-16 with a byte-order mark; that is decoded as such.
     */
    private static String asText(byte[] bytes) {
        boolean utf16 = bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
        return new String(bytes, utf16 ? StandardCharsets.UTF_16 : StandardCharsets.ISO_8859_1);
    }

    private static byte[] fromPem(String text) {
        List<String> labels = new ArrayList<>();
        Matcher begin = BEGIN.matcher(text);
        while (begin.find()) {
            labels.add(begin.group(1));
        }
        boolean key = labels.stream().anyMatch(l -> l.endsWith("PRIVATE KEY"));
        long certificates = labels.stream().filter(CertificateReader::isCertificateLabel).count();
        if (key) {
            throw certificates > 0 ? CertificateRefusals.certificateWithPrivateKey() : CertificateRefusals.privateKey();
        }
        if (labels.stream().anyMatch(l -> l.endsWith("CERTIFICATE REQUEST"))) {
            throw CertificateRefusals.certificateRequest();
        }
        if (certificates > 1) {
            throw CertificateRefusals.severalCertificates((int) certificates);
        }
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            if (isCertificateLabel(block.group(1))) {
                return fromDer(base64(block.group(2)));
            }
        }
        // No certificate block, or one cut off before its END line.
        throw CertificateRefusals.notACertificate();
    }

    private static boolean isCertificateLabel(String label) {
        return label.equals("CERTIFICATE") || label.equals("X509 CERTIFICATE");
    }

    private static byte[] base64(String body) {
        try {
            // Strict after removing line breaks and indentation (CRLF from Windows, spaces from e-mail).
            return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw CertificateRefusals.notACertificate();
        }
    }

    private static byte[] fromDer(byte[] der) {
        List<ASN1Primitive> objects = new ArrayList<>();
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            for (ASN1Primitive o = in.readObject(); o != null; o = in.readObject()) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            // Truncated or random bytes.
            throw CertificateRefusals.notACertificate();
        }
        if (objects.isEmpty()) {
            throw CertificateRefusals.notACertificate();
        }
        if (objects.size() > 1) {
            if (objects.stream().allMatch(CertificateReader::isCertificate)) {
                throw CertificateRefusals.severalCertificates(objects.size());
            }
            throw CertificateRefusals.notACertificate();
        }
        ASN1Primitive only = objects.get(0);
        if (isCertificate(only)) {
            return der;
        }
        if (isCertificateRequest(only)) {
            throw CertificateRefusals.certificateRequest();
        }
        if (isPrivateKey(only)) {
            throw CertificateRefusals.privateKey();
        }
        throw CertificateRefusals.notACertificate();
    }

    /** Parses DER known (or expected) to be one certificate; a {@link Refusal} if it is not. */
    static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw CertificateRefusals.notACertificate();
        }
    }

    private static boolean isCertificate(ASN1Primitive o) {
        try {
            return Certificate.getInstance(o) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isCertificateRequest(ASN1Primitive o) {
        try {
            return CertificationRequest.getInstance(o).getCertificationRequestInfo() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** PKCS#8 (plain or encrypted), or the traditional RSA and EC (SEC 1) private key structures. */
    private static boolean isPrivateKey(ASN1Primitive o) {
        try {
            if (PrivateKeyInfo.getInstance(o) != null) {
                return true;
            }
        } catch (RuntimeException e) {
            // not PKCS#8; try the next form
        }
        try {
            if (EncryptedPrivateKeyInfo.getInstance(o) != null) {
                return true;
            }
        } catch (RuntimeException e) {
            // not encrypted PKCS#8
        }
        try {
            if (RSAPrivateKey.getInstance(o) != null) {
                return true;
            }
        } catch (RuntimeException e) {
            // not PKCS#1
        }
        try {
            return ECPrivateKey.getInstance(o).getKey() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
