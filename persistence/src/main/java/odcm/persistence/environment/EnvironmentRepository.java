package odcm.persistence.environment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;

/** Environments of local spaces, and remote environments (placeholders for environments of other spaces). */
public interface EnvironmentRepository {
    Environment insert(long spaceId, String name, String description, Instant at);

    /** Empty, and nothing written, when the environment is no longer at {@code version} (decision 0036). */
    Optional<Environment> rename(long environmentId, long version, String newName);

    /** Callers check references (phases, scopes) first; foreign keys are the last line. */
    /** False, and nothing deleted, when the environment is no longer at {@code version}. */
    boolean delete(long environmentId, long version);

    /** In the order they were created; de-provisioned instances are not (docs/decisions/0057). */
    List<Environment> findBySpace(long spaceId);

    /** By name, case-insensitively; also a de-provisioned instance (its name is taken: it may be provisioned again). */
    Optional<Environment> findByName(long spaceId, String name);

    RemoteEnvironment insertRemote(long spaceId, long ownerSpaceId, String name, Instant at);

    void deleteRemote(long remoteEnvironmentId);

    /** The space's remote environments, by owner name then name. */
    List<RemoteEnvironment> findRemoteBySpace(long spaceId);

    /** Every remote environment of every space. */
    List<RemoteEnvironment> findAllRemote();

    /** By owner space and environment name, case-insensitively. */
    Optional<RemoteEnvironment> findRemote(long spaceId, long ownerSpaceId, String name);
}
