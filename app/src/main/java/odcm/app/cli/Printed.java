package odcm.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import odcm.model.audit.AuditEntry;
import odcm.model.cert.CertificateInfo;
import odcm.model.space.Space;
import odcm.model.trust.Trust;

/** How spaces, certificates, trusts and audit entries appear on the command line: JSON objects and text lines. */
final class Printed {
    private Printed() {
    }

    /**
     * Text from the store or from a certificate as one safe terminal line: control characters (a line break,
     * an escape sequence) are shown escaped, so no name or subject can forge lines or repaint the terminal.
     */
    static String clean(String text) {
        return odcm.app.io.TerminalText.oneLine(text);
    }

    /** A JSON object whose fields keep the order given. */
    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** "", or a warning when a certificate is not valid now. */
    static String validity(CertificateInfo c) {
        java.time.Instant now = java.time.Instant.now();
        if (now.isAfter(c.notAfter())) {
            return "\tEXPIRED " + c.notAfter();
        }
        return now.isBefore(c.notBefore()) ? "\tNOT YET VALID until " + c.notBefore() : "";
    }

    static Map<String, Object> json(Space s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("description", s.description());
        m.put("createdAt", s.createdAt().toString());
        m.put("certificate", json(s.certificate()));
        return m;
    }

    static Map<String, Object> json(CertificateInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("serial", c.serial());
        m.put("notBefore", c.notBefore().toString());
        m.put("notAfter", c.notAfter().toString());
        m.put("key", c.keyDescription());
        m.put("sha256", c.fingerprint().grouped());
        return m;
    }

    static Map<String, Object> json(Trust t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("space", t.trusterName());
        m.put("accepts", t.kind().shortName());
        m.put("from", t.trustedName());
        m.put("connected", t.isConnected());
        m.put("grantedAt", t.createdAt().toString());
        m.put("grantedBy", t.createdBy());
        m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        m.put("revokedBy", t.revokedBy());
        m.put("revokeReason", t.revokeReason());
        return m;
    }

    static Map<String, Object> json(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("at", e.at().toString());
        m.put("osUser", e.osUser());
        m.put("action", e.action());
        m.put("subject", e.subject());
        m.put("detail", e.detail());
        m.put("hash", e.hash());
        return m;
    }

    static String line(Space s) {
        return clean(s.name()) + "\t" + s.certificate().keyDescription() + "\t" + s.certificate().fingerprint().grouped()
                + validity(s.certificate()) + (s.description().isEmpty() ? "" : "\t" + clean(s.description()));
    }

    static String lines(CertificateInfo c) {
        return "Subject:     " + clean(c.subject()) + "\n"
                + "Issuer:      " + clean(c.issuer()) + "\n"
                + "Valid:       " + c.notBefore() + " to " + c.notAfter() + "\n"
                + "Key:         " + c.keyDescription() + "\n"
                + "SHA-256:     " + c.fingerprint().grouped();
    }

    static String line(Trust t) {
        return "#" + t.id() + "\t" + clean(t.sentence()) + "\t" + (t.isConnected() ? "connected" : "disconnected")
                + "\tgranted " + t.createdAt() + " by " + clean(t.createdBy())
                + (t.isActive() ? "" : "\trevoked " + t.revokedAt() + " by " + clean(t.revokedBy()) + ": " + clean(t.revokeReason()));
    }

    static String line(AuditEntry e) {
        return e.seq() + "\t" + e.at() + "\t" + clean(e.osUser()) + "\t" + e.action() + "\t" + clean(e.subject()) + "\t" + clean(e.detail());
    }
}
