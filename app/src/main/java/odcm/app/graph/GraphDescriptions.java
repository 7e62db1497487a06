package odcm.app.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.Edge;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.Finding;
import odcm.model.lifecycle.composite.CompositeLifecycle.Node;
import odcm.model.lifecycle.composite.CompositeLifecycle.NodeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.SpaceGroup;

/** What the graph view's details pane says about a selected space, phase, environment or edge, in sentences. */
public final class GraphDescriptions {

    /** @param findings the findings about this element */
    public record Description(String title, List<String> lines, List<Finding> findings) {
        public Description {
            lines = List.copyOf(lines);
            findings = List.copyOf(findings);
        }
    }

    private GraphDescriptions() {
    }

    public static Optional<Description> describe(CompositeLifecycle c, String id) {
        Optional<SpaceGroup> group = c.groups().stream().filter(g -> g.id().equals(id)).findFirst();
        if (group.isPresent()) {
            return group.map(g -> space(c, g));
        }
        Optional<Node> node = node(c, id);
        if (node.isPresent()) {
            return node.map(n -> n.kind() == NodeKind.PHASE || n.kind() == NodeKind.REMOTE_PHASE ? phase(c, n) : environment(c, n));
        }
        return c.edges().stream().filter(e -> e.id().equals(id)).findFirst().map(e -> edge(c, e));
    }

    private static Description space(CompositeLifecycle c, SpaceGroup g) {
        List<String> lines = new ArrayList<>();
        lines.add(g.local() ? "A local space, managed in this console." : "A remote space, managed in another console.");
        if (g.local()) {
            lines.add(g.lifecycleName().isEmpty() ? "No lifecycle is followed here." : "Lifecycle followed here: " + g.lifecycleName() + ".");
        }
        lines.add("Phases: " + names(c.phases(g.id())) + ".");
        return new Description(g.spaceName(), lines, findings(c, g.id()));
    }

    private static Description phase(CompositeLifecycle c, Node n) {
        SpaceGroup g = group(c, n);
        List<String> lines = new ArrayList<>();
        if (n.kind() == NodeKind.REMOTE_PHASE) {
            lines.add("The part of the pipeline in remote space '" + g.spaceName() + "', as far as it is known here: " + n.detail() + ".");
        } else {
            lines.add("In space '" + g.spaceName() + "', lifecycle '" + g.lifecycleName() + "'.");
            if (!n.detail().isEmpty()) {
                lines.add("Progression: " + n.detail() + ".");
            }
        }
        List<Node> members = c.members(n.id());
        boolean promotes = c.edges().stream().anyMatch(e -> e.from().equals(n.id()) && e.kind() == EdgeKind.PROMOTION);
        if (!members.isEmpty() || !promotes) {
            lines.add(members.isEmpty() ? "No environments." : "Environments: " + names(members) + ".");
        }
        c.edges().stream().filter(e -> e.from().equals(n.id()) && e.kind() == EdgeKind.PROMOTION)
                .forEach(e -> lines.add("Promotes to '" + group(c, node(c, e.to()).orElseThrow()).spaceName() + "' (" + words(e) + ")."));
        return new Description((n.kind() == NodeKind.REMOTE_PHASE ? "Remote space " : "Phase ") + "'" + n.label() + "'", lines, findings(c, n.id()));
    }

    private static Description environment(CompositeLifecycle c, Node n) {
        Node phase = node(c, n.phaseId()).orElseThrow();
        SpaceGroup g = group(c, n);
        List<String> lines = new ArrayList<>();
        lines.add("In phase '" + phase.label() + "' of space '" + g.spaceName() + "'.");
        if (n.kind() == NodeKind.REMOTE_ENVIRONMENT) {
            lines.add("A remote environment: a placeholder here for an environment that another space owns.");
        } else if (n.kind() == NodeKind.TEMPLATE) {
            lines.add("An environment template: a release reaching the phase gets an instance; its live instances follow it.");
        } else if (n.kind() == NodeKind.INSTANCE) {
            lines.add("A live " + n.detail() + ", made on demand (decision 0057).");
        }
        String what = switch (n.kind()) {
            case REMOTE_ENVIRONMENT -> "Remote environment '";
            case TEMPLATE -> "Environment template '";
            default -> "Environment '";
        };
        return new Description(what + n.label() + "'", lines, findings(c, n.id()));
    }

    private static Description edge(CompositeLifecycle c, Edge e) {
        Node from = node(c, e.from()).orElseThrow();
        Node to = node(c, e.to()).orElseThrow();
        String source = group(c, from).spaceName();
        String target = group(c, to).spaceName();
        List<String> lines = new ArrayList<>();
        return switch (e.kind()) {
            case NEXT -> new Description("Next phase", List.of("After phase '" + from.label() + "' comes phase '" + to.label() + "'."), List.of());
            case CONTINUES -> new Description("Back to '" + target + "'",
                    List.of("When '" + source + "' is done, the lifecycle goes on in phase '" + to.label() + "' of '" + target + "'."), List.of());
            case PROMOTION -> {
                lines.add("Phase '" + from.label() + "' of '" + source + "' sends a release bundle to '" + target + "'.");
                lines.add(switch (e.trust()) {
                    case TRUSTED -> "Trusted: '" + target + "' accepts release bundles from '" + source + "'.";
                    case NOT_TRUSTED -> "Not trusted: '" + target + "' does not accept release bundles from '" + source
                            + "', so this promotion cannot happen until that trust is added in '" + target + "'.";
                    default -> "Whether '" + target + "' accepts release bundles from '" + source
                            + "' cannot be checked from here; that trust is set in the console that manages '" + target + "'.";
                });
                List<Finding> about = c.findings().stream()
                        .filter(f -> e.from().equals(f.nodeId()) && f.sentence().contains("'" + target + "'")).toList();
                yield new Description("Promotion to '" + target + "'", lines, about);
            }
        };
    }

    private static String words(Edge e) {
        return switch (e.trust()) {
            case TRUSTED -> GraphStyle.TRUSTED_WORDS;
            case NOT_TRUSTED -> GraphStyle.NOT_TRUSTED_WORDS;
            default -> GraphStyle.UNKNOWN_WORDS;
        };
    }

    private static Optional<Node> node(CompositeLifecycle c, String id) {
        return c.nodes().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private static SpaceGroup group(CompositeLifecycle c, Node n) {
        return c.groups().stream().filter(g -> g.id().equals(n.groupId())).findFirst().orElseThrow();
    }

    private static String names(List<Node> nodes) {
        return nodes.stream().map(Node::label).collect(Collectors.joining(", "));
    }

    private static List<Finding> findings(CompositeLifecycle c, String id) {
        return c.findings().stream().filter(f -> id.equals(f.nodeId())).toList();
    }
}
