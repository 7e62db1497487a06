package odcm.packaging.bundle;

/** What this space says about a source certificate fingerprint, for release bundles. */
public sealed interface SourceTrust {
    /** Trusted: {@code pinnedCertificateDer} is the certificate this space pinned; signatures are checked against it alone. */
    record Trusted(byte[] pinnedCertificateDer) implements SourceTrust {
    }

    record Revoked() implements SourceTrust {
    }

    /** The certificate's key was declared compromised from {@code from} on (a compromise statement, decision 0056), which is past. */
    record Compromised(java.time.Instant from) implements SourceTrust {
    }

    /** A space's earlier certificate, no longer accepted since {@code since} (rotated, its overlap over: decision 0056). */
    record Retired(java.time.Instant since) implements SourceTrust {
    }

    record Unknown() implements SourceTrust {
    }
}
