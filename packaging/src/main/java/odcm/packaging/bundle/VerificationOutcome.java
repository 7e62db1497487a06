package odcm.packaging.bundle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import odcm.model.cert.Fingerprint;

/**
 * What checking a release bundle found: exactly one of these, each with the sentence a person reads.
 * Only {@link Genuine} means the content may be shown as coming from its source.
 */
public sealed interface VerificationOutcome {
    String sentence();

    default boolean genuine() {
        return false;
    }

    /**
     * Signed by a space this space trusts, addressed here, intact, fresh and new. {@code secretsOpened} says whether the
     * sensitive values in {@code content} were decrypted (else they are empty).
     */
    record Genuine(BundleContent content, Fingerprint source, Fingerprint target, boolean secretsOpened) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "Genuine: release " + content.version() + " of " + content.project() + ", signed by " + content.sourceSpace()
                    + " and addressed to " + content.targetSpace() + " (bundle " + content.bundleId() + ", sequence " + content.sequence()
                    + ")" + (secretsOpened ? "; its secrets were decrypted." : "; its secrets stay sealed.");
        }

        @Override
        public boolean genuine() {
            return true;
        }
    }

    record Malformed(String detail) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This file is not a release bundle, or it is truncated or damaged (" + detail + ").";
        }
    }

    record UnsafeContainer(String detail) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This bundle was refused unread because it " + detail + "; a genuine bundle never does.";
        }
    }

    record InvalidPart(String part, String detail) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle's " + part + " " + detail + ", so the bundle was refused.";
        }
    }

    record UnsupportedSchema(String found, List<Integer> supported) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This bundle uses schema version " + found + "; this console reads schema version"
                    + (supported.size() > 1 ? "s " : " ") + supported.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ". Create it again with a matching console.";
        }
    }

    record DisallowedAlgorithm(String what) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle uses a disallowed algorithm (" + what + "); only SHA-256 with ECDSA or RSASSA-PSS signatures and "
                    + "AES-256-GCM encryption are accepted.";
        }
    }

    record SignerNotTrusted(String sourceSpace, Fingerprint claimed) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle claims to come from '" + sourceSpace + "' (certificate " + claimed.grouped()
                    + "), which is not a space this space trusts for release bundles; a certificate inside a bundle proves nothing.";
        }
    }

    record TrustRevoked(String sourceSpace, Fingerprint source) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This space's trust in '" + sourceSpace + "' (certificate " + source.grouped()
                    + ") for release bundles was revoked; its bundles are no longer accepted.";
        }
    }

    record SignatureInvalid() implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle's signature does not verify with the pinned certificate of its source: it was altered or not signed by that space.";
        }
    }

    record AddressedToAnotherSpace(String targetSpace, Fingerprint target) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This bundle is addressed to '" + targetSpace + "' (certificate " + target.grouped() + "), not to this space.";
        }
    }

    record PartMissing(String part) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle lacks its part " + part + ".";
        }
    }

    record PartExtra(String part) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle holds a part its signed manifest does not list: " + part + ".";
        }
    }

    record PartHashMismatch(String part) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle's part " + part + " does not match the hash in its signed manifest: it was changed after signing.";
        }
    }

    record MixedBundles(String part, String otherBundleId) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "The bundle's part " + part + " belongs to another bundle (" + otherBundleId + "): parts of two bundles were mixed.";
        }
    }

    record Expired(Instant expires) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This bundle expired at " + expires + "; ask the source space for a new one.";
        }
    }

    record AlreadyAccepted(UUID bundleId) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This bundle (" + bundleId + ") was already accepted here; there is nothing more to do.";
        }
    }

    record Rollback(long sequence, long lastAccepted) implements VerificationOutcome {
        @Override
        public String sentence() {
            return "This bundle has sequence number " + sequence + ", but number " + lastAccepted
                    + " from the same source was already accepted: an older bundle cannot replace a newer one.";
        }
    }
}
