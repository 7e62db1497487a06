package odcm.model.lifecycle.composite;

import java.util.List;

/**
 * A project's whole pipeline across spaces, as a graph: spaces as groups, phases and environments as nodes,
 * edges for the order of phases, promotions into other spaces, and the way back after a promotion.
 * {@code findings} says what is wrong or unknowable, each in a sentence.
 */
public record CompositeLifecycle(String projectName, long rootSpaceId, List<SpaceGroup> groups, List<Node> nodes, List<Edge> edges,
                                 List<Finding> findings) {

    public CompositeLifecycle {
        groups = List.copyOf(groups);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        findings = List.copyOf(findings);
    }

    /** A space in the picture, with the lifecycle followed there (empty for a remote space). */
    public record SpaceGroup(String id, long spaceId, String spaceName, boolean local, String lifecycleName) {
    }

    public enum NodeKind {
        PHASE, ENVIRONMENT, REMOTE_ENVIRONMENT,
        /** An environment template in a phase (decision 0057); its live instances follow it as {@link #INSTANCE}s. */
        TEMPLATE,
        /** A live instance of an environment template: an environment of the phase, its detail naming the template. */
        INSTANCE,
        /** A remote space's part of the pipeline, as far as it is known here: holds the remote environments known for it. */
        REMOTE_PHASE
    }

    /**
     * @param phaseId for an environment, the phase that holds it; null for a phase
     * @param detail  a phase's progression rule, or what a node stands for
     */
    public record Node(String id, String groupId, NodeKind kind, String label, String detail, String phaseId) {
    }

    public enum EdgeKind {
        /** The next phase of the same lifecycle. */
        NEXT,
        /** A release bundle crosses into another space. */
        PROMOTION,
        /** After the other space is done, the lifecycle goes on here (there and back again). */
        CONTINUES
    }

    public enum TrustState {
        /** Not a crossing. */
        NOT_APPLICABLE,
        TRUSTED,
        NOT_TRUSTED,
        /** The target is a remote space: whether it accepts bundles from here is only known over there. */
        UNKNOWN
    }

    public record Edge(String id, String from, String to, EdgeKind kind, TrustState trust) {
    }

    public enum Severity {
        ERROR, WARNING, INFO
    }

    /** @param nodeId the node the finding is about, or null */
    public record Finding(Severity severity, String sentence, String nodeId) {
    }

    public boolean isValid() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public List<Node> phases(String groupId) {
        return nodes.stream().filter(n -> n.groupId().equals(groupId) && n.kind() == NodeKind.PHASE).toList();
    }

    public List<Node> members(String phaseId) {
        return nodes.stream().filter(n -> phaseId.equals(n.phaseId())).toList();
    }
}
