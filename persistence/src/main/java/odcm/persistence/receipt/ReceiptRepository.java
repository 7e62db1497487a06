package odcm.persistence.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import odcm.model.cert.Fingerprint;

/** Deployment receipts written and accepted, and the outcomes of a space's releases known from other spaces. */
public interface ReceiptRepository {
    /** The next sequence number for a file to that space, above every one recorded or reserved. Reads only. */
    long nextSequence(long spaceId, long forSpaceId);

    /**
     * Hands out the next sequence number and records it as reserved: once committed it is never handed out again, whether
     * or not a file with it is ever recorded.
     */
    long reserveSequence(long spaceId, long forSpaceId);

    void insertOutbox(Written receipt);

    /** Receipts a space wrote, newest first. */
    List<Written> outbox(long spaceId);

    void insertAccepted(Accepted receipt);

    Set<UUID> acceptedIds(long spaceId);

    /** The highest sequence a space accepted from a reporting space, if any. */
    OptionalLong lastAcceptedSequence(long spaceId, long reporterSpaceId);

    /**
     * Records what a reporting space says of a release, unless a deployment already known there happened later (or at
     * the same time): an older receipt never overwrites a newer state. True when it was recorded.
     */
    boolean record(RemoteDeployment deployment);

    /** Everything a space knows of its releases elsewhere. */
    List<RemoteDeployment> remoteDeployments(long spaceId);

    /** What a space knows of one of its releases elsewhere (as {@link #remoteDeployments(long)}, that release's rows only). */
    List<RemoteDeployment> remoteDeployments(long spaceId, long releaseId);

    /**
     * What a reporting space said, at {@code at}, of its live instances relevant here (decision 0058): {@code instances} replace
     * all it said before (receipts are cumulative: an instance no longer named is gone), unless a later word was recorded
     * already. One delete and one batch insert.
     */
    void replaceInstances(long spaceId, long reporterSpaceId, List<RemoteInstance> instances, Instant at);

    /** The instances other spaces reported to {@code spaceId}, live ones and de-provisioned ones, by reporter and name. */
    List<RemoteInstance> remoteInstances(long spaceId);

    /** An instance of template {@code template} of space {@code reporterSpaceId}, as that space last said, at {@code reportedAt}. */
    record RemoteInstance(long reporterSpaceId, String environment, String template, boolean live, Instant reportedAt) {
        public RemoteInstance {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(reportedAt, "reportedAt");
        }
    }

    record Written(UUID receiptId, long spaceId, long forSpaceId, String forSpaceName, long sequence, Instant created, Instant expires,
                   int deployments, String fileName, String fileSha256) {
        public Written {
            Objects.requireNonNull(receiptId, "receiptId");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(fileSha256, "fileSha256");
            forSpaceName = forSpaceName == null ? "" : forSpaceName;
        }
    }

    record Accepted(UUID receiptId, long spaceId, long reporterSpaceId, Fingerprint reporterCertificate, long sequence, Instant created,
                    Instant acceptedAt) {
        public Accepted {
            Objects.requireNonNull(receiptId, "receiptId");
            Objects.requireNonNull(reporterCertificate, "reporterCertificate");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(acceptedAt, "acceptedAt");
        }
    }

    /**
     * The latest outcome of {@code releaseId} (a release of {@code spaceId}) in {@code environment} of the reporting space.
     * {@code receiptId} is null when it came directly from a space of this console; {@code reportedAt} is the receipt's
     * creation time, or when it was recorded directly.
     */
    record RemoteDeployment(long spaceId, long releaseId, long reporterSpaceId, String reporterName, String environment, boolean succeeded,
                            Instant deployedAt, String deployedBy, UUID receiptId, Instant reportedAt) {
        public RemoteDeployment {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(deployedAt, "deployedAt");
            Objects.requireNonNull(reportedAt, "reportedAt");
            deployedBy = deployedBy == null ? "" : deployedBy;
            reporterName = reporterName == null ? "" : reporterName;
        }
    }
}
