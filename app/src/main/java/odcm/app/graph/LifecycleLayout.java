package odcm.app.graph;

import static odcm.app.graph.GraphStyle.ENVIRONMENT_GAP;
import static odcm.app.graph.GraphStyle.ENVIRONMENT_HEIGHT;
import static odcm.app.graph.GraphStyle.PAD;
import static odcm.app.graph.GraphStyle.PHASE_HEADER;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import odcm.app.graph.GraphLayout.Box;
import odcm.app.graph.GraphLayout.BoxKind;
import odcm.app.graph.GraphLayout.Line;
import odcm.app.graph.GraphLayout.Point;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.Edge;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.Node;
import odcm.model.lifecycle.composite.CompositeLifecycle.NodeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.Severity;
import odcm.model.lifecycle.composite.CompositeLifecycle.SpaceGroup;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays out a composite lifecycle with ELK layered, left to right: each space is a compound node holding its
 * phases; a phase is one box sized to list its environments (so an environment never drifts away from its phase);
 * edges are routed orthogonally across the whole hierarchy at once ({@code INCLUDE_CHILDREN}). Pure Java: the
 * command line renders headless with it.
 */
public final class LifecycleLayout {
    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private final CompositeLifecycle composite;
    private final Set<String> errors;
    private final Map<String, GraphStatus.Of> status;
    private final Map<String, ElkNode> groupNodes = new LinkedHashMap<>();
    private final Map<String, ElkNode> phaseNodes = new LinkedHashMap<>();
    private final Map<ElkEdge, Edge> edges = new LinkedHashMap<>();
    /** Each phase's environments, in the composite's order: grouped once, not searched for each phase. */
    private final Map<String, List<Node>> members = new java.util.HashMap<>();

    private LifecycleLayout(CompositeLifecycle composite, Map<String, GraphStatus.Of> status) {
        this.composite = composite;
        this.status = Map.copyOf(status);
        this.errors = composite.findings().stream().filter(f -> f.severity() == Severity.ERROR && f.nodeId() != null)
                .map(CompositeLifecycle.Finding::nodeId).collect(Collectors.toSet());
        for (Node n : composite.nodes()) {
            if (n.phaseId() != null) {
                members.computeIfAbsent(n.phaseId(), k -> new ArrayList<>()).add(n);
            }
        }
    }

    private List<Node> members(String phaseId) {
        return members.getOrDefault(phaseId, List.of());
    }

    public static GraphLayout layout(CompositeLifecycle composite) {
        return layout(composite, Map.of());
    }

    /** With the deployment status of environments (by node id, see {@link GraphStatus}) drawn into their boxes. */
    public static GraphLayout layout(CompositeLifecycle composite, Map<String, GraphStatus.Of> status) {
        return new LifecycleLayout(composite, status).run();
    }

    private GraphLayout run() {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(0));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 28.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 44.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 18.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 12.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 12.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        for (SpaceGroup g : composite.groups()) {
            groupNodes.put(g.id(), group(root, g));
        }
        for (Node n : composite.nodes()) {
            if (n.kind() == NodeKind.PHASE || n.kind() == NodeKind.REMOTE_PHASE) {
                ElkNode p = ElkGraphUtil.createNode(groupNodes.get(n.groupId()));
                List<Node> inPhase = members(n.id());
                p.setDimensions(phaseWidth(n, inPhase), phaseHeight(inPhase.size()));
                phaseNodes.put(n.id(), p);
            }
        }
        for (Edge e : composite.edges()) {
            ElkNode from = phaseNodes.get(e.from());
            ElkNode to = phaseNodes.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            // The way back after another space points against the flow: given to ELK reversed, so the spaces still
            // follow each other left to right (Dev, QA, Prod) instead of ELK's cycle breaking moving QA to the left.
            boolean back = e.kind() == EdgeKind.CONTINUES;
            ElkEdge edge = back ? ElkGraphUtil.createSimpleEdge(to, from) : ElkGraphUtil.createSimpleEdge(from, to);
            ElkGraphUtil.updateContainment(edge);
            if (e.kind() == EdgeKind.PROMOTION) {
                String text = GraphStyle.promotionLabel(e.trust());
                ElkLabel label = ElkGraphUtil.createLabel(text, edge);
                label.setDimensions(TextMeasure.width(text, GraphStyle.EDGE_LABEL_SIZE, true) + 10, GraphStyle.EDGE_LABEL_SIZE + 8);
                label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            }
            edges.put(edge, e);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        return collect(root);
    }

    private static ElkNode group(ElkNode root, SpaceGroup g) {
        ElkNode n = ElkGraphUtil.createNode(root);
        double side = PAD * 1.6;
        n.setProperty(CoreOptions.PADDING, new ElkPadding(GraphStyle.GROUP_HEADER, side, side, side));
        n.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.of(SizeConstraint.MINIMUM_SIZE));
        double titles = Math.max(TextMeasure.width(g.spaceName(), GraphStyle.GROUP_TITLE_SIZE, true),
                TextMeasure.width(groupSubtitle(g), GraphStyle.GROUP_SUBTITLE_SIZE, false));
        n.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new KVector(titles + 2 * side, GraphStyle.GROUP_HEADER + 40));
        return n;
    }

    static String groupSubtitle(SpaceGroup g) {
        if (!g.local()) {
            return "remote space, managed elsewhere";
        }
        return g.lifecycleName().isEmpty() ? "no lifecycle" : "lifecycle: " + g.lifecycleName();
    }

    private double phaseWidth(Node phase, List<Node> members) {
        double w = Math.max(TextMeasure.width(phase.label(), GraphStyle.PHASE_TITLE_SIZE, true),
                TextMeasure.width(phase.detail(), GraphStyle.PHASE_SUBTITLE_SIZE, false));
        for (Node m : members) {
            GraphStatus.Of st = status.get(m.id());
            double extra = st == null ? 0 : TextMeasure.width(st.text(), GraphStyle.STATUS_SIZE, true) + PAD * 1.5;
            w = Math.max(w, TextMeasure.width(m.label(), GraphStyle.ENVIRONMENT_SIZE, false) + extra + 2 * PAD);
        }
        return Math.ceil(Math.max(GraphStyle.MIN_PHASE_WIDTH, w + 2 * PAD + 4));
    }

    private static double phaseHeight(int members) {
        return members == 0 ? PHASE_HEADER + 4 : PHASE_HEADER + members * ENVIRONMENT_HEIGHT + (members - 1) * ENVIRONMENT_GAP + PAD;
    }

    private GraphLayout collect(ElkNode root) {
        List<Box> boxes = new ArrayList<>();
        for (SpaceGroup g : composite.groups()) {
            ElkNode n = groupNodes.get(g.id());
            Point at = absolute(n);
            boxes.add(new Box(g.id(), null, g.local() ? BoxKind.GROUP : BoxKind.REMOTE_GROUP, at.x(), at.y(), n.getWidth(), n.getHeight(),
                    g.spaceName(), groupSubtitle(g), false, null, null));
        }
        for (Node phase : composite.nodes()) {
            ElkNode n = phaseNodes.get(phase.id());
            if (n == null) {
                continue;
            }
            Point at = absolute(n);
            boxes.add(new Box(phase.id(), phase.groupId(), phase.kind() == NodeKind.PHASE ? BoxKind.PHASE : BoxKind.REMOTE_PHASE, at.x(), at.y(),
                    n.getWidth(), n.getHeight(), phase.label(), phase.detail(), errors.contains(phase.id()), null, null));
            List<Node> inPhase = members(phase.id());
            for (int i = 0; i < inPhase.size(); i++) {
                Node m = inPhase.get(i);
                boxes.add(new Box(m.id(), phase.id(), switch (m.kind()) {
                    case ENVIRONMENT -> BoxKind.ENVIRONMENT;
                    case TEMPLATE -> BoxKind.TEMPLATE;
                    case INSTANCE -> BoxKind.INSTANCE;
                    default -> BoxKind.REMOTE_ENVIRONMENT;
                },
                        at.x() + PAD, at.y() + PHASE_HEADER + i * (ENVIRONMENT_HEIGHT + ENVIRONMENT_GAP), n.getWidth() - 2 * PAD, ENVIRONMENT_HEIGHT,
                        m.label(), m.detail(), errors.contains(m.id()), statusOf(m.id()), textOf(m.id())));
            }
        }
        List<Line> lines = new ArrayList<>();
        edges.forEach((edge, e) -> lines.add(line(edge, e)));
        return new GraphLayout(Math.ceil(root.getWidth()), Math.ceil(root.getHeight()), boxes, lines);
    }

    private GraphLayout.Status statusOf(String id) {
        GraphStatus.Of st = status.get(id);
        return st == null ? GraphLayout.Status.NONE : st.succeeded() ? GraphLayout.Status.SUCCEEDED : GraphLayout.Status.FAILED;
    }

    private String textOf(String id) {
        GraphStatus.Of st = status.get(id);
        return st == null ? "" : st.text();
    }

    private static Line line(ElkEdge edge, Edge e) {
        Point origin = absolute(edge.getContainingNode());
        List<Point> points = new ArrayList<>();
        for (ElkEdgeSection s : edge.getSections()) {
            points.add(new Point(origin.x() + s.getStartX(), origin.y() + s.getStartY()));
            s.getBendPoints().forEach(b -> points.add(new Point(origin.x() + b.getX(), origin.y() + b.getY())));
            points.add(new Point(origin.x() + s.getEndX(), origin.y() + s.getEndY()));
        }
        if (e.kind() == EdgeKind.CONTINUES) {
            java.util.Collections.reverse(points);
        }
        String label = "";
        Point labelAt = null;
        if (!edge.getLabels().isEmpty()) {
            ElkLabel l = edge.getLabels().get(0);
            label = l.getText();
            labelAt = new Point(origin.x() + l.getX(), origin.y() + l.getY());
        }
        return new Line(e.id(), e.from(), e.to(), e.kind(), e.trust(), points, label, labelAt);
    }

    /** Top left corner of a node in the root's coordinates; the root itself is the origin. */
    private static Point absolute(ElkNode node) {
        double x = 0;
        double y = 0;
        for (ElkNode n = node; n != null && n.getParent() != null; n = n.getParent()) {
            x += n.getX();
            y += n.getY();
        }
        return new Point(x, y);
    }
}
