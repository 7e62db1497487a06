package odcm.packaging.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import odcm.packaging.cert.Certificates;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Writes a key statement (decision 0056): the canonical container of release bundles and receipts holding
 * {@code statement.json}, its detached CMS signature by the key the statement is about ({@code statement.sig}) and, for a
 * rotation, the same by the new key ({@code statement-new.sig}). Nothing in it is secret.
 */
public final class KeyStatementWriter {
    private KeyStatementWriter() {
    }

    /** {@code subjectKey}: the key the statement is about (the old one of a rotation); {@code newKey}: a rotation's new key, else null. */
    public static void write(KeyStatement statement, SourceKey subjectKey, SourceKey newKey, OutputStream out) throws IOException {
        if (!Certificates.fingerprint(subjectKey.certificateDer()).equals(statement.certificate())) {
            throw new IllegalArgumentException("a key statement is signed by the key it is about");
        }
        if ((statement.kind() == KeyStatement.Kind.ROTATION) != (newKey != null)) {
            throw new IllegalArgumentException("a rotation, and only a rotation, is signed by the new key as well");
        }
        byte[] json = json(statement);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(KeyStatementFormat.STATEMENT, json);
        entries.put(KeyStatementFormat.SIGNATURE, sign(json, subjectKey));
        if (newKey != null) {
            if (!java.util.Arrays.equals(newKey.certificateDer(), statement.newCertificateDer())) {
                throw new IllegalArgumentException("the new key's certificate is the one the rotation names");
            }
            entries.put(KeyStatementFormat.NEW_KEY_SIGNATURE, sign(json, newKey));
        }
        BundleWriter.writeZip(entries, out);
    }

    static byte[] json(KeyStatement s) {
        byte[] der = s.newCertificateDer();
        return Json.write(new Dto.KeyStatement(KeyStatementFormat.SCHEMA_VERSION, s.statementId().toString(), s.kind().name(),
                new Dto.Party(s.space(), s.certificate().hex()), s.issued().toString(),
                der == null ? null : Base64.getEncoder().encodeToString(der), s.overlapUntil() == null ? null : s.overlapUntil().toString(),
                s.notTrustedAfter() == null ? null : s.notTrustedAfter().toString()));
    }

    private static byte[] sign(byte[] json, SourceKey key) throws IOException {
        X509CertificateHolder cert = new X509CertificateHolder(key.certificateDer());
        return Cms.sign(json, Cms.privateKey(key.privateKeyPkcs8()), cert, Cms.signatureAlgorithm(cert));
    }
}
