package odcm.persistence.deployment;

import java.time.Instant;
import java.util.List;
import odcm.model.deployment.Deployment;
import odcm.model.deployment.UpstreamDeployment;

/** Deployments recorded in a space (never changed), and the upstream history an imported release arrived with. */
public interface DeploymentRepository {
    Deployment insert(long spaceId, long releaseId, long environmentId, boolean succeeded, Instant at, String by);

    /** Newest first. */
    List<Deployment> findByRelease(long releaseId);

    /** Of every release (every revision) of the project, newest first. */
    List<Deployment> findByProject(long projectId);

    /** When the environment was last deployed to, if ever. */
    java.util.Optional<Instant> lastAt(long environmentId);

    void insertUpstream(long releaseId, List<UpstreamDeployment> history);

    /** In the order the bundle listed them. */
    List<UpstreamDeployment> upstream(long releaseId);

    /** {@link #upstream} of every release (every revision) of the project, by release id, in one read. */
    java.util.Map<Long, List<UpstreamDeployment>> upstreamOfProject(long projectId);
}
