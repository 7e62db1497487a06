package odcm.model.deployment;

import java.time.Instant;
import java.util.Objects;

/** A deployment of an imported release done before it arrived here, in the space that sent it or earlier: as the bundle said. */
public record UpstreamDeployment(String space, String environment, Instant deployedAt, String outcome) {
    public UpstreamDeployment {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(deployedAt, "deployedAt");
        Objects.requireNonNull(outcome, "outcome");
    }
}
