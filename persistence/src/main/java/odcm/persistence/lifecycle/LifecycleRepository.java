package odcm.persistence.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;

/** Lifecycles with their phases and members. Members arrive resolved (ids); names are read back by joins. */
public interface LifecycleRepository {
    Lifecycle insert(long spaceId, String name, String description, boolean isDefault, List<Phase> phases, Instant at);

    /** Replaces name, description, default flag and all phases. */
    /** Empty, and nothing written, when the lifecycle is no longer at {@code version} (decision 0036). */
    Optional<Lifecycle> replace(long lifecycleId, long version, String name, String description, boolean isDefault, List<Phase> phases);

    /** No lifecycle of the space is its default any more. */
    void clearDefault(long spaceId, long exceptId);

    /** False, and nothing deleted, when the lifecycle is no longer at {@code version}. */
    boolean delete(long lifecycleId, long version);

    /** In the order they were created. */
    List<Lifecycle> findBySpace(long spaceId);

    /** Lifecycles of every space. */
    List<Lifecycle> findAll();

    Optional<Lifecycle> findById(long lifecycleId);

    /** By name, case-insensitively. */
    Optional<Lifecycle> findByName(long spaceId, String name);

    /** Names of the lifecycles with a phase holding this environment. */
    List<String> namesUsingEnvironment(long environmentId);

    /** Names of the lifecycles with a phase holding this remote environment. */
    List<String> namesUsingRemoteEnvironment(long remoteEnvironmentId);
}
