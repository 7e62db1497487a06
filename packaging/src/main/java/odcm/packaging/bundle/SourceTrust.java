package odcm.packaging.bundle;

/** What this space says about a source certificate fingerprint, for release bundles. */
public sealed interface SourceTrust {
    /** Trusted: {@code pinnedCertificateDer} is the certificate this space pinned; signatures are checked against it alone. */
    record Trusted(byte[] pinnedCertificateDer) implements SourceTrust {
    }

    record Revoked() implements SourceTrust {
    }

    record Unknown() implements SourceTrust {
    }
}
