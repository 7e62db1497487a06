package odcm.model.deployment;

import java.time.Instant;
import java.util.Objects;

/** A deployment of a release to an environment of this space, recorded once and never changed. */
public record Deployment(long id, long releaseId, String version, String environment, boolean succeeded, Instant deployedAt,
                         String deployedBy) {
    public Deployment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(deployedAt, "deployedAt");
        deployedBy = deployedBy == null ? "" : deployedBy;
    }

    public String outcome() {
        return succeeded ? "succeeded" : "failed";
    }
}
