package odcm.model.lifecycle.composite;

import java.util.List;
import java.util.Optional;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;

/**
 * The facts a composite lifecycle is made from, read from the store in one go: spaces, lifecycles, which
 * lifecycle each project uses, remote environments, and trusts.
 *
 * @param projects which lifecycle a project of a space uses, by project name
 */
public record LifecycleCatalog(List<Space> spaces, List<Lifecycle> lifecycles, List<ProjectLifecycle> projects,
                               List<RemoteEnvironment> remoteEnvironments, List<Trust> trusts) {

    /** Project {@code projectName} of space {@code spaceId} uses lifecycle {@code lifecycleId}. */
    public record ProjectLifecycle(long spaceId, String projectName, long lifecycleId) {
    }

    public LifecycleCatalog {
        spaces = List.copyOf(spaces);
        lifecycles = List.copyOf(lifecycles);
        projects = List.copyOf(projects);
        remoteEnvironments = List.copyOf(remoteEnvironments);
        trusts = List.copyOf(trusts);
    }

    public Optional<Space> space(long id) {
        return spaces.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<Lifecycle> lifecycle(long id) {
        return lifecycles.stream().filter(l -> l.id() == id).findFirst();
    }

    public Optional<Lifecycle> defaultLifecycle(long spaceId) {
        return lifecycles.stream().filter(l -> l.spaceId() == spaceId && l.isDefault()).findFirst();
    }

    /** The lifecycle a space uses for a project known to it by one of these names (case-insensitive), in order. */
    public Optional<Lifecycle> projectLifecycle(long spaceId, List<String> projectNames) {
        for (String name : projectNames) {
            Optional<Lifecycle> l = projects.stream()
                    .filter(p -> p.spaceId() == spaceId && odcm.model.Names.same(p.projectName(), name))
                    .findFirst().flatMap(p -> lifecycle(p.lifecycleId()));
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }

    /** The placeholders that space {@code holderSpaceId} keeps for environments owned by {@code ownerSpaceId}. */
    public List<RemoteEnvironment> remoteEnvironments(long holderSpaceId, long ownerSpaceId) {
        return remoteEnvironments.stream().filter(r -> r.spaceId() == holderSpaceId && r.ownerSpaceId() == ownerSpaceId).toList();
    }

    public boolean accepts(long trusterId, long trustedId, TrustKind kind) {
        return trusts.stream().anyMatch(t -> t.isActive() && t.trusterId() == trusterId && t.trustedId() == trustedId && t.kind() == kind);
    }
}
