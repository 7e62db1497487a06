package odcm.packaging.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a deployment receipt says: {@code sourceSpace} (where the deployments happened, the signer) reports to
 * {@code targetSpace} (the space the releases came from) the latest outcome of each release in each of its environments.
 * Receipts are cumulative: each one repeats everything still known, so a lost receipt costs nothing.
 */
public record ReceiptContent(UUID receiptId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                             List<Deployment> deployments, List<Instance> instances) {
    /** The most instances one receipt names. */
    public static final int MAX_INSTANCES = 10_000;

    /** A receipt naming no instance of an environment template. */
    public ReceiptContent(UUID receiptId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                          List<Deployment> deployments) {
        this(receiptId, sourceSpace, targetSpace, sequence, created, expires, deployments, List.of());
    }

    public ReceiptContent {
        instances = instances == null ? List.of() : List.copyOf(instances);
        if (instances.size() > MAX_INSTANCES) {
            throw new IllegalArgumentException("a receipt names at most " + MAX_INSTANCES + " instances");
        }
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(sourceSpace, "sourceSpace");
        Objects.requireNonNull(targetSpace, "targetSpace");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        deployments = List.copyOf(deployments);
        if (sequence < 1) {
            throw new IllegalArgumentException("a receipt's sequence number starts at 1");
        }
        if (!expires.isAfter(created)) {
            throw new IllegalArgumentException("a receipt expires after it is created");
        }
    }

    /**
     * An environment of the reporting space that is an instance of its environment template {@code template} (decision 0058),
     * live there or de-provisioned: the space the releases came from draws it beside its remote template.
     */
    public record Instance(String environment, String template, boolean live) {
        public Instance {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(template, "template");
            odcm.model.environment.EnvironmentTemplate.checkName(template);
            odcm.model.environment.Environment.checkName(environment);
        }
    }

    /**
     * A deployment in the reporting space of a release that arrived in {@code bundleId}; {@code project} is the project's
     * name in the space it came from, {@code outcome} SUCCEEDED or FAILED.
     */
    public record Deployment(UUID bundleId, String project, String version, String environment, String outcome, Instant deployedAt,
                             String deployedBy) {
        public Deployment {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(deployedAt, "deployedAt");
            deployedBy = deployedBy == null ? "" : deployedBy;
            if (!outcome.equals("SUCCEEDED") && !outcome.equals("FAILED")) {
                throw new IllegalArgumentException("a deployment outcome is SUCCEEDED or FAILED");
            }
        }
    }
}
