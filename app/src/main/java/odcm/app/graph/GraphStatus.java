package odcm.app.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import odcm.model.dashboard.Dashboard;
import odcm.model.dashboard.DashboardText;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.Node;
import odcm.model.lifecycle.composite.CompositeLifecycle.NodeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.SpaceGroup;

/**
 * The deployment status of a composite lifecycle's environments for its project, taken from the project's row of the
 * root space's dashboard, so the graph and the Dashboard screen always agree: an environment of the root space is its
 * local column; an environment of another space drawn in the graph, and a remote environment {@code Prod Space: Production},
 * are the column of that space's environment (known from receipts or reported directly).
 */
public final class GraphStatus {
    /** @param text "1.2.0 ✓" */
    public record Of(boolean succeeded, String text) {
    }

    private GraphStatus() {
    }

    /** By node id; environments without a known deployment are left out. */
    public static Map<String, Of> of(CompositeLifecycle c, Dashboard.Row row) {
        Map<String, SpaceGroup> groups = new HashMap<>();
        c.groups().forEach(g -> groups.put(g.id(), g));
        Map<String, Of> out = new HashMap<>();
        for (Node n : c.nodes()) {
            Optional<Dashboard.Cell> cell = Optional.empty();
            if (n.kind() == NodeKind.ENVIRONMENT || n.kind() == NodeKind.INSTANCE) {
                SpaceGroup g = groups.get(n.groupId());
                cell = g == null ? Optional.empty() : row.cell(g.spaceId() == c.rootSpaceId() ? "" : g.spaceName(), n.label());
            } else if (n.kind() == NodeKind.REMOTE_ENVIRONMENT) {
                int colon = n.label().lastIndexOf(':'); // environment names have no colon; space names may
                if (colon > 0) {
                    cell = row.cell(n.label().substring(0, colon).strip(), n.label().substring(colon + 1).strip());
                }
            }
            cell.ifPresent(x -> out.put(n.id(), new Of(x.succeeded(), x.release() + " " + DashboardText.marker(x.succeeded()))));
        }
        return out;
    }
}
