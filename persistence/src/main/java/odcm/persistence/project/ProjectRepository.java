package odcm.persistence.project;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.lifecycle.composite.LifecycleCatalog;
import odcm.model.project.Project;

/**
 * Projects with their process, variables, templates and channels. Sensitive variable values are sealed under
 * the master key on write (refused when it is missing) and read back empty when the master key is not available.
 */
public interface ProjectRepository {
    default Project insert(long spaceId, ProjectData data, Instant at) {
        return insert(spaceId, data, at, null);
    }

    /**
     * As {@link #insert(long, ProjectData, Instant)}; with {@code sourceSpaceId} a remote project, imported from that space, so
     * marked from its first write (an importer of a team store writes no project without its source, V20).
     */
    Project insert(long spaceId, ProjectData data, Instant at, Long sourceSpaceId);

    /** Replaces everything of the project but its space and id. */
    /** Empty, and nothing written, when the project is no longer at {@code version} (decision 0036). */
    Optional<Project> update(long projectId, long version, ProjectData data);

    /** Callers check for releases first; the foreign key is the last line. */
    /** False, and nothing deleted, when the project is no longer at {@code version}. */
    boolean delete(long projectId, long version);

    /** In the order they were created. */
    List<Project> findBySpace(long spaceId);

    Optional<Project> findById(long projectId);

    /** By name, case-insensitively. */
    Optional<Project> findByName(long spaceId, String name);

    /**
     * By name, case-insensitively, without reading its documents: process, variables and templates are empty. For callers
     * that need only its id, name, lifecycle and channels (a bundle's route), whatever the size of the project.
     */
    Optional<Project> findHeadByName(long spaceId, String name);

    /** The project's variables alone, sealed values opened (empty when the master key is not available); its process is not read. */
    List<odcm.model.project.Variable> variables(long projectId);

    /** The space's projects as {@link #findHeadByName} reads one (no documents), in the order they were created. */
    List<Project> findHeadsBySpace(long spaceId);

    /** Which lifecycle every project of every space uses (no process or variables read). */
    List<LifecycleCatalog.ProjectLifecycle> lifecycles();

    /** Names of the space's projects with a step or variable scoped to this environment (name or "Space: Name"), ignoring case. */
    List<String> namesScopedTo(long spaceId, String environment);

    /** Renames an environment in every scope of the space's projects (sealed values untouched, so no master key is needed). */
    void renameInScopes(long spaceId, String from, String to);

    /** Marks a project as remote: made by importing a release bundle from {@code sourceSpaceId}. */
    void markRemote(long projectId, long sourceSpaceId);

    /** The space a remote project was imported from; empty for a project made in its own space. */
    Optional<Long> sourceSpace(long projectId);

    /** Names of the projects of any space using this lifecycle. */
    List<String> namesUsingLifecycle(long lifecycleId);
}
