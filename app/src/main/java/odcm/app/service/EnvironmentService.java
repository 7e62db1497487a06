package odcm.app.service;

import java.util.List;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.persistence.Store;

/** Environments of a local space, and remote environments: its placeholders for environments of other spaces. */
public final class EnvironmentService {
    private final Store store;

    public EnvironmentService(Store store) {
        this.store = store;
    }

    /** In the order they were created. */
    public List<Environment> list(String space) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Names unique per space, case-insensitively, across environments (remote ones are namespaced). */
    public Environment create(String space, String name, String description) {
        throw new UnsupportedOperationException("to be written");
    }

    public Environment rename(String space, String name, String newName) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Refused while a lifecycle phase or a scope (steps, variables) refers to it, saying which. */
    public void delete(String space, String name) {
        throw new UnsupportedOperationException("to be written");
    }

    public List<RemoteEnvironment> listRemote(String space) {
        throw new UnsupportedOperationException("to be written");
    }

    /** A placeholder in {@code space} for environment {@code name} of {@code ownerSpace} (another space, local or remote). */
    public RemoteEnvironment createRemote(String space, String ownerSpace, String name) {
        throw new UnsupportedOperationException("to be written");
    }

    /** @param displayName "Prod Space: Production" */
    public void deleteRemote(String space, String displayName) {
        throw new UnsupportedOperationException("to be written");
    }
}
