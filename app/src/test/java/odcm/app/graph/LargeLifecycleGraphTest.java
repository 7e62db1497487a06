package odcm.app.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import odcm.app.bench.LifecycleGraphBench;
import odcm.app.graph.GraphLayout.Box;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.Node;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's graph (20 spaces, 100 phases, 1,000 environments) laid out as the small shapes are: since the
 * layout groups each phase's environments once (decision 0023), every environment still sits in its own phase, in
 * the phase's order, and every edge is drawn.
 */
class LargeLifecycleGraphTest {
    @Test
    void aThousandEnvironmentsEachInItsPhaseInOrder() {
        CompositeLifecycle c = LifecycleGraphBench.composite();
        GraphLayout layout = LifecycleLayout.layout(c);
        assertEquals(c.groups().size() + c.nodes().size(), layout.boxes().size(), "one box per space and per node");
        assertEquals(1000, layout.boxes().stream().filter(b -> b.kind() == GraphLayout.BoxKind.ENVIRONMENT).count());
        assertEquals(c.edges().size(), layout.lines().size(), "every edge drawn");
        for (Node phase : c.nodes()) {
            if (phase.phaseId() != null) {
                continue;
            }
            Box box = layout.box(phase.id()).orElseThrow();
            List<Node> members = c.members(phase.id());
            List<Box> drawn = layout.boxes().stream().filter(b -> phase.id().equals(b.parentId())).toList();
            assertEquals(members.stream().map(Node::id).toList(), drawn.stream().map(Box::id).toList(), phase.label() + ": its environments");
            double y = -1;
            for (Box b : drawn) {
                assertTrue(box.contains(b), b.title() + " inside " + phase.label());
                assertTrue(b.y() > y, b.title() + " below the one before");
                y = b.y();
            }
        }
    }
}
