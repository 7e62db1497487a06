package odcm.persistence.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import odcm.model.cert.Fingerprint;

/** Release bundles a space wrote (its Outbox) and accepted. Rows are inserted once and never changed. */
public interface BundleRepository {
    /** The next sequence number for a file to that space, above every one recorded or reserved. Reads only. */
    long nextSequence(long spaceId, long targetSpaceId);

    /**
     * Hands out the next sequence number and records it as reserved: once committed it is never handed out again, whether
     * or not a file with it is ever recorded.
     */
    long reserveSequence(long spaceId, long targetSpaceId);

    void insertOutbox(OutboxEntry entry);

    /** The bundles a space wrote, newest first. */
    List<OutboxEntry> outbox(long spaceId);

    /**
     * The spaces a space wrote bundles of release {@code releaseId} for, each once: by its name now (the name the Outbox row
     * keeps when the space is gone). For lifecycle order (decision 0045), without reading the rest of the Outbox.
     */
    Set<String> promotedTo(long spaceId, long releaseId);

    void insertAccepted(Accepted accepted);

    /** The ids of every bundle a space accepted. */
    Set<UUID> acceptedBundleIds(long spaceId);

    Optional<Accepted> accepted(long spaceId, UUID bundleId);

    /** The bundles a space accepted from one source space, in the order of their sequence. */
    List<Accepted> acceptedFrom(long spaceId, long sourceSpaceId);

    /** The highest sequence a space accepted from a source space, if any. */
    OptionalLong lastAcceptedSequence(long spaceId, long sourceSpaceId);

    /** A bundle written by a space. {@code fileName} is empty when it was delivered directly to a space of this console. */
    record OutboxEntry(UUID bundleId, long spaceId, long releaseId, String project, String version, long targetSpaceId, String targetName,
                       Fingerprint targetCertificate, long sequence, Instant created, Instant expires, String fileName, String fileSha256,
                       long sizeBytes) {
        public OutboxEntry {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(targetName, "targetName");
            Objects.requireNonNull(targetCertificate, "targetCertificate");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(fileSha256, "fileSha256");
            project = project == null ? "" : project;
            version = version == null ? "" : version;
        }

        public boolean deliveredDirectly() {
            return fileName.isEmpty();
        }
    }

    /** A bundle a space accepted from a source space, and the release it became there. */
    record Accepted(UUID bundleId, long spaceId, long sourceSpaceId, Fingerprint sourceCertificate, long sequence, long releaseId,
                    Instant acceptedAt) {
        public Accepted {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(sourceCertificate, "sourceCertificate");
            Objects.requireNonNull(acceptedAt, "acceptedAt");
        }
    }
}
