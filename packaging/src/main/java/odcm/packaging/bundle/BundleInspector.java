package odcm.packaging.bundle;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import odcm.model.cert.Fingerprint;
import odcm.packaging.bundle.BundleReader.Refused;

/**
 * Reads what a bundle says about itself <em>without</em> checking who signed it: for looking inside a file before (or
 * without) a space that could verify it. It uses the verifier's hostile-file reader and strict JSON, so a damaged or
 * hostile file gets the same outcome as from {@link BundleVerifier}; a readable one is {@link Unverified}, never genuine.
 */
public final class BundleInspector {
    private BundleInspector() {
    }

    /** Either the unverified reading or the refusal of a file that cannot be read as a bundle. */
    public sealed interface Inspection {
    }

    /** What the file claims. Nothing here is verified: neither the signature nor who made it, nor whether it is still fresh. */
    public record Unverified(int schemaVersion, String sourceSpace, Fingerprint sourceCertificate, String targetSpace,
                             Fingerprint targetCertificate, BundleContent content) implements Inspection {
        public Unverified {
            Objects.requireNonNull(content, "content");
        }

        public UUID bundleId() {
            return content.bundleId();
        }

        public long sequence() {
            return content.sequence();
        }

        public Instant created() {
            return content.created();
        }

        public Instant expires() {
            return content.expires();
        }
    }

    /** The file is not a readable bundle; {@code outcome} says why, as the verifier would. */
    public record Unreadable(VerificationOutcome outcome) implements Inspection {
    }

    /**
     * What the manifest alone says of a bundle, unverified: who sent it to whom, its id and when it expires. For a look at
     * many files (the expiry of what waits in an Inbox) without reading and checking every part.
     */
    public record Header(UUID bundleId, String sourceSpace, String targetSpace, Instant expires) {
    }

    /** The file's {@link Header}, read with the verifier's hostile-file reader and strict manifest; empty when unreadable. */
    public static java.util.Optional<Header> header(byte[] bytes, Limits limits) {
        try {
            Map<String, byte[]> entries = BundleVerifier.container(bytes, limits == null ? Limits.DEFAULT : limits);
            Dto.Manifest m = BundleVerifier.manifest(BundleVerifier.require(entries, BundleFormat.MANIFEST));
            return java.util.Optional.of(new Header(UUID.fromString(m.bundleId()), m.source().space(), m.target().space(),
                    BundleVerifier.instant(m.expires(), "expires")));
        } catch (Refused r) {
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    public static Inspection inspect(byte[] bytes, Limits limits) {
        try {
            Map<String, byte[]> entries = BundleVerifier.container(bytes, limits == null ? Limits.DEFAULT : limits);
            Dto.Manifest m = BundleVerifier.manifest(BundleVerifier.require(entries, BundleFormat.MANIFEST));
            BundleVerifier.require(entries, BundleFormat.SIGNATURE);
            Fingerprint source = BundleVerifier.fingerprint(m.source().certificateSha256(), "source");
            Fingerprint target = BundleVerifier.fingerprint(m.target().certificateSha256(), "target");
            VerificationOutcome parts = BundleVerifier.parts(entries, m);
            if (parts != null) {
                return new Unreadable(parts);
            }
            Instant created = BundleVerifier.instant(m.created(), "created");
            Instant expires = BundleVerifier.instant(m.expires(), "expires");
            BundleContent content = BundleVerifier.unsealedContent(entries, m, UUID.fromString(m.bundleId()), created, expires);
            return new Unverified(m.schemaVersion(), m.source().space(), source, m.target().space(), target, content);
        } catch (Refused r) {
            return new Unreadable(r.outcome);
        } catch (RuntimeException e) {
            return new Unreadable(new VerificationOutcome.Malformed("its content cannot be read"));
        }
    }
}
