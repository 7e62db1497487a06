package odcm.app.service;

import java.util.List;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.persistence.Store;

/** Lifecycles of a local space, and the composite lifecycle of a project across spaces. */
public final class LifecycleService {
    private final Store store;

    public LifecycleService(Store store) {
        this.store = store;
    }

    public List<Lifecycle> list(String space) {
        throw new UnsupportedOperationException("to be written");
    }

    public Lifecycle find(String space, String name) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Resolves members by name; refuses unknown environments, remote environments or spaces, a name taken. */
    public Lifecycle create(String space, LifecycleDraft draft) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Replaces the lifecycle named {@code currentName} (its phases, name, default flag). */
    public Lifecycle update(String space, String currentName, LifecycleDraft draft) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Refused while a project uses it. */
    public void delete(String space, String name) {
        throw new UnsupportedOperationException("to be written");
    }

    /** The project's lifecycle composed with those of the spaces it promotes to (LifecycleComposer over one read of the store). */
    public CompositeLifecycle composite(String space, String project) {
        throw new UnsupportedOperationException("to be written");
    }
}
