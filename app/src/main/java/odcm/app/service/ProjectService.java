package odcm.app.service;

import java.util.List;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.persistence.Store;

/** Projects of a local space: lifecycle, deployment process, variables (sensitive ones sealed at rest), templates, channels. */
public final class ProjectService {
    private final Store store;

    public ProjectService(Store store) {
        this.store = store;
    }

    public List<Project> list(String space) {
        throw new UnsupportedOperationException("to be written");
    }

    public Project find(String space, String name) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Refuses: name taken; unknown lifecycle; a scope naming no environment of the space; duplicate step or template names. */
    public Project create(String space, ProjectDraft draft) {
        throw new UnsupportedOperationException("to be written");
    }

    public Project update(String space, String currentName, ProjectDraft draft) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Refused while the project has releases. */
    public void delete(String space, String name) {
        throw new UnsupportedOperationException("to be written");
    }
}
