package odcm.app.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import odcm.app.graph.GraphLayout.Box;
import odcm.app.graph.GraphLayout.Line;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The layout of the four shapes: nested, separated, left to right, edges where they belong. */
class LifecycleLayoutTest {

    static Stream<Map.Entry<String, CompositeLifecycle>> shapes() {
        return Stream.of(Map.entry("basic", Shapes.basic()), Map.entry("geographic", Shapes.geographic()),
                Map.entry("there-and-back", Shapes.thereAndBack()), Map.entry("through-spaces", Shapes.throughSpaces()));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void everyNodeSitsInsideItsGroupAndPhase(Map.Entry<String, CompositeLifecycle> shape) {
        CompositeLifecycle c = shape.getValue();
        GraphLayout layout = LifecycleLayout.layout(c);

        assertEquals(c.groups().size() + c.nodes().size(), layout.boxes().size(), "one box per space and per node");
        for (Box b : layout.boxes()) {
            assertTrue(b.width() > 0 && b.height() > 0, b.toString());
            if (b.parentId() != null) {
                Box parent = layout.box(b.parentId()).orElseThrow();
                assertTrue(parent.contains(b), b.title() + " lies inside " + parent.title());
            }
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.maxX() <= layout.width() + 0.5 && b.maxY() <= layout.height() + 0.5, "inside the picture: " + b);
        }
        c.nodes().stream().filter(n -> n.phaseId() == null).forEach(n ->
                assertTrue(layout.box(n.groupId()).orElseThrow().contains(layout.box(n.id()).orElseThrow()), n.label() + " inside its space"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void nothingOverlaps(Map.Entry<String, CompositeLifecycle> shape) {
        GraphLayout layout = LifecycleLayout.layout(shape.getValue());
        for (GraphLayout.BoxKind level : List.of(GraphLayout.BoxKind.GROUP, GraphLayout.BoxKind.PHASE, GraphLayout.BoxKind.ENVIRONMENT)) {
            List<Box> same = layout.boxes().stream().filter(b -> sameLevel(b.kind(), level)).toList();
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    assertFalse(same.get(i).overlaps(same.get(j)), same.get(i).title() + " and " + same.get(j).title() + " overlap");
                }
            }
        }
    }

    private static boolean sameLevel(GraphLayout.BoxKind kind, GraphLayout.BoxKind level) {
        return switch (level) {
            case GROUP -> kind.isGroup();
            case PHASE -> kind.isPhase();
            default -> kind.isEnvironment();
        };
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void spacesFollowEachOtherLeftToRightAndPromotionsEndInTheirTarget(Map.Entry<String, CompositeLifecycle> shape) {
        CompositeLifecycle c = shape.getValue();
        GraphLayout layout = LifecycleLayout.layout(c);
        List<Line> promotions = layout.lines().stream().filter(l -> l.kind() == EdgeKind.PROMOTION).toList();
        assertEquals(c.edges().stream().filter(e -> e.kind() == EdgeKind.PROMOTION).count(), promotions.size());
        for (Line l : layout.lines()) {
            assertTrue(l.points().size() >= 2, "routed: " + l);
            Box from = layout.box(l.from()).orElseThrow();
            Box to = layout.box(l.to()).orElseThrow();
            assertTrue(from.contains(l.points().get(0)), l.id() + " starts at " + from.title());
            assertTrue(to.contains(l.points().get(l.points().size() - 1)), l.id() + " ends at " + to.title());
        }
        for (Line l : promotions) {
            Box source = group(layout, l.from());
            Box target = group(layout, l.to());
            assertTrue(target.contains(l.points().get(l.points().size() - 1)), "a promotion ends in its target space");
            assertTrue(target.x() >= source.maxX(), target.title() + " lies right of " + source.title());
            assertEquals("bundle", l.label().substring(0, 6));
        }
    }

    private static Box group(GraphLayout layout, String phaseId) {
        return layout.box(layout.box(phaseId).orElseThrow().parentId()).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void phasesOfALifecycleRunLeftToRight(Map.Entry<String, CompositeLifecycle> shape) {
        GraphLayout layout = LifecycleLayout.layout(shape.getValue());
        layout.lines().stream().filter(l -> l.kind() == EdgeKind.NEXT).forEach(l ->
                assertTrue(layout.box(l.to()).orElseThrow().x() >= layout.box(l.from()).orElseThrow().maxX(), l.toString()));
    }
}
