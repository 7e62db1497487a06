package odcm.packaging.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import odcm.model.cert.Fingerprint;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The checks and writing of a signed statement, as bundles and receipts make them, for the documents of other packages
 * (the package archive and inventory of {@code odcm.packaging.pkg}, decision 0060): canonical JSON, the detached CMS
 * signature in its one form, the trust and pinned certificate of the signer, the canonical container of small files.
 * One implementation: these only hand on to {@link BundleVerifier}, {@link BundleReader}, {@link Json} and {@link Cms}.
 */
public final class SignedStatements {
    /** The signed statement of a package archive; its first entry. */
    public static final String ARCHIVE = "archive.json";
    /** The signed statement of a package inventory; its first entry. */
    public static final String INVENTORY = "inventory.json";

    private SignedStatements() {
    }

    /** A refusal; {@link #outcome} says why, in the words of the kind of file read. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient VerificationOutcome outcome;

        public Refused(VerificationOutcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }

        public VerificationOutcome outcome() {
            return outcome;
        }
    }

    /** A check that refuses by throwing. */
    public interface Check<T> {
        T run() throws Refused;
    }

    /** Runs {@code check}; any parser surprise on hostile input is a damaged file ({@link VerificationOutcome.Malformed}), never a crash. */
    public static <T> T guarded(Check<T> check) throws Refused {
        try {
            return check.run();
        } catch (RuntimeException e) {
            throw new Refused(new VerificationOutcome.Malformed("its content cannot be read"));
        }
    }

    /** {@code value} (a record of public records, lists, strings and numbers) as canonical JSON: keys sorted, no spaces. */
    public static byte[] json(Object value) {
        return Json.write(value);
    }

    /** The detached CMS signature of {@code statement} by {@code signer}, in its one form. */
    public static byte[] sign(byte[] statement, SourceKey signer) throws IOException {
        X509CertificateHolder cert = new X509CertificateHolder(signer.certificateDer());
        return Cms.sign(statement, Cms.privateKey(signer.privateKeyPkcs8()), cert, Cms.signatureAlgorithm(cert));
    }

    /** The canonical container (stored entries, fixed time, in order) of small entries held in memory. */
    public static void writeZip(Map<String, byte[]> entries, OutputStream out) throws IOException {
        BundleWriter.writeZip(entries, out);
    }

    /** The entries of a small file read whole, within {@code limits}, refused unless it is exactly their canonical container. */
    public static Map<String, byte[]> container(byte[] bytes, Limits limits) throws Refused {
        try {
            return BundleVerifier.container(bytes, limits);
        } catch (BundleReader.Refused r) {
            throw new Refused(r.outcome);
        }
    }

    /** The entry {@code name} of {@code entries}; refused as missing, or as a file of another kind when it holds that kind's statement. */
    public static byte[] require(Map<String, byte[]> entries, String name) throws Refused {
        try {
            return BundleVerifier.require(entries, name);
        } catch (BundleReader.Refused r) {
            throw new Refused(r.outcome);
        }
    }

    /** A file of another kind than {@code expected}, known by its first entry {@code name}: that outcome, or null. */
    public static VerificationOutcome otherKind(String name, VerificationOutcome.Kind expected) {
        VerificationOutcome.Kind k = BundleVerifier.kindOf(name);
        return k == null || k == expected ? null : new VerificationOutcome.OtherKind(k);
    }

    /** A statement read strictly: a schema of {@code schemas}, valid JSON of {@code type}, byte-for-byte canonical. */
    public static <T> T read(byte[] bytes, Class<T> type, List<Integer> schemas, String part) throws Refused {
        try {
            return BundleVerifier.signedJson(bytes, type, schemas, part, x -> {
            });
        } catch (BundleReader.Refused r) {
            throw new Refused(r.outcome);
        }
    }

    /**
     * The detached signature {@code signature} (entry {@code signatureName}) over {@code statement}: its CMS structure within
     * the limits, allowed algorithms, its one form, a signer {@code sourceSpace} this context trusts (its kind of trust),
     * checked with the pinned certificate {@code source} alone, valid now. Null when all holds, else the outcome.
     */
    public static VerificationOutcome signedByTrustedSource(byte[] statement, byte[] signature, String signatureName, String sourceSpace,
                                                            Fingerprint source, VerificationContext ctx) throws Refused {
        try {
            BundleReader.checkCms(signatureName, signature);
            return BundleVerifier.signedByTrustedSource(statement, signature, signatureName, sourceSpace, source, ctx);
        } catch (BundleReader.Refused r) {
            throw new Refused(r.outcome);
        }
    }

    public static Fingerprint fingerprint(String hex, String which, String part) throws Refused {
        try {
            return BundleVerifier.fingerprint(hex, which, part);
        } catch (BundleReader.Refused r) {
            throw new Refused(r.outcome);
        }
    }

    public static Instant instant(String text, String field, String part) throws Refused {
        try {
            return BundleVerifier.instant(text, field, part);
        } catch (BundleReader.Refused r) {
            throw new Refused(r.outcome);
        }
    }

    /**
     * The checks every signed statement shares once its signature holds: addressed here, not expired, not created in the
     * future beyond the clock skew. Null when all holds, else the outcome.
     */
    public static VerificationOutcome fresh(String targetSpace, Fingerprint target, Instant created, Instant expires, VerificationContext ctx)
            throws Refused {
        VerificationOutcome elsewhere = ctx.notAddressedHere(targetSpace, target);
        if (elsewhere != null) {
            return elsewhere;
        }
        if (!ctx.clock().instant().isBefore(expires)) {
            return new VerificationOutcome.Expired(expires);
        }
        try {
            BundleVerifier.notInFuture(created, ctx);
        } catch (BundleReader.Refused r) {
            throw new Refused(r.outcome);
        }
        return null;
    }
}
