package odcm.app.service;

import java.util.List;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.persistence.Store;

/** Releases: a version of a project with its snapshot frozen at creation. Nothing here changes a release afterwards. */
public final class ReleaseService {
    private final Store store;

    public ReleaseService(Store store) {
        this.store = store;
    }

    /** Newest first. */
    public List<Release> list(String space, String project) {
        throw new UnsupportedOperationException("to be written");
    }

    public Release find(String space, String project, String version) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Freezes the project's current process, variables and templates with the given package versions.
     * Refuses: a version already used in the project; an unknown channel; a package a step needs but not given,
     * or given but needed by no step.
     *
     * @param channel null for the project's default channel
     */
    public Release create(String space, String project, String version, String notes, String channel, List<PackageVersion> packages) {
        throw new UnsupportedOperationException("to be written");
    }
}
