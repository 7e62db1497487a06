package odcm.packaging.pkg;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import odcm.model.cert.Fingerprint;
import odcm.packaging.bundle.Limits;
import odcm.packaging.bundle.SignedStatements;
import odcm.packaging.bundle.SignedStatements.Refused;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.bundle.VerificationContext;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.cert.Certificates;

/**
 * A package inventory (docs/package-archive-format.md, decision 0060): which packages a space holds, signed by that space for
 * the space that sends it packages, so that a package archive holds only what is lacking. It flows as a deployment receipt
 * does (from the space that has the packages back to their source) and is read with a trust for receipts: the container of
 * bundles holding {@code inventory.json} and its detached signature {@code inventory.sig}, nothing else.
 */
public final class PackageInventory {
    public static final int SCHEMA_VERSION = 1;
    public static final String STATEMENT = SignedStatements.INVENTORY;
    public static final String SIGNATURE = "inventory.sig";

    private PackageInventory() {
    }

    /** The signed statement, as written: keys sorted alphabetically. {@code source} holds the packages, {@code target} reads it. */
    public record Statement(String created, String expires, String inventoryId, List<Held> packages, int schemaVersion,
                            PackageArchive.Party source, PackageArchive.Party target) {
    }

    /** One package the signer holds: its id and version there, its SHA-256 and size. */
    public record Held(String id, long size, String sha256, String version) {
    }

    /** What a genuine inventory says, and the signer's certificate it was checked with. */
    public record Read(Statement statement, Fingerprint signer) {
        public Set<String> sha256s() {
            Set<String> out = new HashSet<>();
            statement.packages().forEach(p -> out.add(p.sha256()));
            return out;
        }
    }

    /** Writes the inventory {@code statement} (its source and target fingerprints as given), signed by {@code signer}. */
    public static void write(String inventoryId, String sourceSpace, String targetSpace, byte[] targetCertificateDer, Instant created,
                             Instant expires, List<Held> packages, SourceKey signer, OutputStream out) throws IOException {
        byte[] json = SignedStatements.json(new Statement(created.toString(), expires.toString(), inventoryId, List.copyOf(packages),
                SCHEMA_VERSION, new PackageArchive.Party(Certificates.fingerprint(signer.certificateDer()).hex(), sourceSpace),
                new PackageArchive.Party(Certificates.fingerprint(targetCertificateDer).hex(), targetSpace)));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(STATEMENT, json);
        entries.put(SIGNATURE, SignedStatements.sign(json, signer));
        SignedStatements.writeZip(entries, out);
    }

    /**
     * Checks an inventory file read whole (it is small: {@link Limits#DEFAULT} bounds it) as the space of {@code ctx} sees it, with
     * its trusts for deployment receipts: container, statement, signature, addressee, expiry. Changes nothing.
     */
    public static Read verify(byte[] bytes, VerificationContext ctx) throws Refused {
        return SignedStatements.guarded(() -> check(bytes, ctx));
    }

    private static Read check(byte[] bytes, VerificationContext ctx) throws Refused {
        Map<String, byte[]> entries = SignedStatements.container(bytes, ctx.limits());
        byte[] json = SignedStatements.require(entries, STATEMENT);
        byte[] signature = SignedStatements.require(entries, SIGNATURE);
        for (String name : entries.keySet()) {
            if (!name.equals(STATEMENT) && !name.equals(SIGNATURE)) {
                throw new Refused(new VerificationOutcome.PartExtra(name));
            }
        }
        Statement s = SignedStatements.read(json, Statement.class, List.of(SCHEMA_VERSION), STATEMENT);
        if (s.source() == null || s.target() == null || s.packages() == null || s.inventoryId() == null || s.source().space() == null
                || s.target().space() == null) {
            throw new Refused(new VerificationOutcome.InvalidPart(STATEMENT, "lacks a required field"));
        }
        Fingerprint source = PackageArchive.signedAndFresh(json, signature, STATEMENT, SIGNATURE, s.source(), s.target(), s.created(),
                s.expires(), ctx);
        if (s.packages().size() > Limits.MAX_PACKAGES) {
            throw new Refused(new VerificationOutcome.InvalidPart(STATEMENT, "lists more than the " + Limits.MAX_PACKAGES + " packages this console reads"));
        }
        for (Held h : s.packages()) {
            if (h == null || h.id() == null || h.version() == null || !PackageArchive.isSha256(h.sha256()) || h.size() < 0) {
                throw new Refused(new VerificationOutcome.InvalidPart(STATEMENT, "lists a package without its id, version, SHA-256 or size"));
            }
        }
        return new Read(s, source);
    }
}
