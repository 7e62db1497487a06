package odcm.model.lifecycle.composite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import odcm.model.Refusal;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.composite.CompositeLifecycle.Edge;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.Finding;
import odcm.model.lifecycle.composite.CompositeLifecycle.Node;
import odcm.model.lifecycle.composite.CompositeLifecycle.NodeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.Severity;
import odcm.model.lifecycle.composite.CompositeLifecycle.SpaceGroup;
import odcm.model.lifecycle.composite.CompositeLifecycle.TrustState;
import odcm.model.space.Space;
import odcm.model.trust.TrustKind;

/**
 * Composes a project's lifecycle with the lifecycles of the spaces it promotes to, following promotions:
 * into a local space, along the lifecycle that space uses for the project (matched by name, as
 * {@code <source space>: <project>} or {@code <project>}) or its default lifecycle; into a remote space, as far
 * as the remote environments known here tell. A space reached twice by different paths is drawn once.
 */
public final class LifecycleComposer {
    private final LifecycleCatalog catalog;
    private final String projectName;
    private final Map<String, SpaceGroup> groups = new LinkedHashMap<>();
    private final Map<String, String[]> entryExit = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    private LifecycleComposer(LifecycleCatalog catalog, String projectName) {
        this.catalog = catalog;
        this.projectName = projectName;
    }

    public static CompositeLifecycle compose(LifecycleCatalog catalog, long spaceId, String projectName) {
        Space root = catalog.space(spaceId).orElseThrow(() -> new Refusal("There is no space with id " + spaceId + "."));
        Lifecycle lifecycle = catalog.projectLifecycle(spaceId, List.of(projectName))
                .orElseThrow(() -> new Refusal(root.describe() + " has no project named '" + projectName + "'."));
        LifecycleComposer c = new LifecycleComposer(catalog, projectName);
        c.visitLocal(root, lifecycle, List.of(root));
        return new CompositeLifecycle(projectName, spaceId, List.copyOf(c.groups.values()), c.nodes, c.edges, c.findings);
    }

    private static String groupId(Space s) {
        return "s" + s.id();
    }

    /** Adds a local space's lifecycle; returns {entry node, exit node}. */
    private String[] visitLocal(Space space, Lifecycle lifecycle, List<Space> path) {
        String g = groupId(space);
        groups.put(g, new SpaceGroup(g, space.id(), space.name(), true, lifecycle.name()));
        String where = "lifecycle '" + lifecycle.name() + "' of '" + space.name() + "'";
        if (lifecycle.phases().isEmpty()) {
            String id = g + "/empty";
            nodes.add(new Node(id, g, NodeKind.PHASE, "(no phases)", "", null));
            findings.add(new Finding(Severity.ERROR, "The " + where + " has no phases; add at least one.", id));
            return remember(g, id, id);
        }
        Map<String, String> phaseOfEnvironment = new HashMap<>();
        List<String> phaseIds = new ArrayList<>();
        for (int i = 0; i < lifecycle.phases().size(); i++) {
            Phase phase = lifecycle.phases().get(i);
            String pid = g + "/p" + i;
            phaseIds.add(pid);
            nodes.add(new Node(pid, g, NodeKind.PHASE, phase.name(), phase.rule().words(), null));
            if (i > 0) {
                edge(phaseIds.get(i - 1), pid, EdgeKind.NEXT, TrustState.NOT_APPLICABLE);
            }
            if (phase.members().isEmpty()) {
                findings.add(new Finding(Severity.ERROR, "Phase '" + phase.name() + "' of the " + where
                        + " is empty; add an environment or a promotion, or remove the phase.", pid));
            }
            int j = 0;
            for (PhaseMember m : phase.members()) {
                if (m instanceof PhaseMember.Promotion) {
                    continue;
                }
                String mid = pid + "/m" + j++;
                if (PhaseMember.isTemplate(m)) {
                    nodes.add(new Node(mid, g, NodeKind.TEMPLATE, m.displayName(), m instanceof PhaseMember.RemoteTemplateMember r
                            ? "environment template of '" + r.ownerSpaceName() + "'" : "environment template", pid));
                    continue;
                }
                String template = PhaseMember.instanceOf(m);
                nodes.add(new Node(mid, g, template != null ? NodeKind.INSTANCE : m instanceof PhaseMember.LocalEnvironment ? NodeKind.ENVIRONMENT
                        : NodeKind.REMOTE_ENVIRONMENT, m.displayName(), template == null ? "" : "instance of " + template, pid));
                String earlier = phaseOfEnvironment.putIfAbsent(odcm.model.Names.key(m.displayName()), phase.name());
                if (earlier != null) {
                    findings.add(new Finding(Severity.ERROR, "Environment '" + m.displayName() + "' is in both phase '" + earlier + "' and phase '"
                            + phase.name() + "' of the " + where + "; an environment belongs to one phase.", mid));
                }
            }
        }
        remember(g, phaseIds.get(0), phaseIds.get(phaseIds.size() - 1));
        for (int i = 0; i < lifecycle.phases().size(); i++) {
            for (PhaseMember.Promotion p : lifecycle.phases().get(i).promotions()) {
                promote(space, lifecycle.phases().get(i), phaseIds.get(i), p, path,
                        i + 1 < phaseIds.size() ? Optional.of(phaseIds.get(i + 1)) : Optional.empty());
            }
        }
        return entryExit.get(g);
    }

    private void promote(Space source, Phase phase, String phaseId, PhaseMember.Promotion p, List<Space> path, Optional<String> nextPhase) {
        Optional<Space> found = catalog.space(p.targetSpaceId());
        if (found.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, "Phase '" + phase.name() + "' of '" + source.name() + "' promotes to '"
                    + p.targetSpaceName() + "', which is no longer known here.", phaseId));
            return;
        }
        Space target = found.get();
        TrustState trust = trust(source, target, phase, phaseId);
        if (path.stream().anyMatch(s -> s.id() == target.id())) {
            String loop = path.stream().dropWhile(s -> s.id() != target.id()).map(Space::name).collect(Collectors.joining(" → "));
            findings.add(new Finding(Severity.ERROR, "The promotion from '" + source.name() + "' to '" + target.name() + "' closes a loop ("
                    + loop + " → " + target.name() + ") that can never end.", phaseId));
            String[] existing = entryExit.get(groupId(target));
            if (existing != null) {
                edge(phaseId, existing[0], EdgeKind.PROMOTION, trust);
            }
            return;
        }
        String[] ends = entryExit.containsKey(groupId(target)) ? entryExit.get(groupId(target)) : enter(source, target, path);
        edge(phaseId, ends[0], EdgeKind.PROMOTION, trust);
        nextPhase.ifPresent(next -> edge(ends[1], next, EdgeKind.CONTINUES, TrustState.NOT_APPLICABLE));
    }

    private String[] enter(Space source, Space target, List<Space> path) {
        if (!target.isLocal()) {
            return visitRemote(source, target);
        }
        Optional<Lifecycle> l = catalog.projectLifecycle(target.id(), List.of(source.name() + ": " + projectName, projectName))
                .or(() -> catalog.defaultLifecycle(target.id()));
        if (l.isEmpty()) {
            String g = groupId(target);
            groups.put(g, new SpaceGroup(g, target.id(), target.name(), true, ""));
            String id = g + "/none";
            nodes.add(new Node(id, g, NodeKind.PHASE, "(no lifecycle)", "", null));
            findings.add(new Finding(Severity.ERROR, "'" + target.name() + "' has no lifecycle for project '" + projectName
                    + "' and no default lifecycle, so the promotion from '" + source.name() + "' leads nowhere.", id));
            return remember(g, id, id);
        }
        List<Space> deeper = new ArrayList<>(path);
        deeper.add(target);
        return visitLocal(target, l.get(), deeper);
    }

    private String[] visitRemote(Space source, Space target) {
        String g = groupId(target);
        groups.put(g, new SpaceGroup(g, target.id(), target.name(), false, ""));
        List<RemoteEnvironment> known = catalog.remoteEnvironments(source.id(), target.id());
        String pid = g + "/remote";
        nodes.add(new Node(pid, g, NodeKind.REMOTE_PHASE, target.name(),
                known.isEmpty() ? "no environments known here" : known.size() + (known.size() == 1 ? " environment" : " environments") + " known here",
                null));
        for (int j = 0; j < known.size(); j++) {
            nodes.add(new Node(pid + "/m" + j, g, NodeKind.REMOTE_ENVIRONMENT, known.get(j).displayName(), "", pid));
        }
        return remember(g, pid, pid);
    }

    private TrustState trust(Space source, Space target, Phase phase, String phaseId) {
        if (!target.isLocal()) {
            findings.add(new Finding(Severity.INFO, "Whether '" + target.name() + "' accepts release bundles from '" + source.name()
                    + "' cannot be checked from here; that trust is set in the console that manages '" + target.name() + "'.", phaseId));
            return TrustState.UNKNOWN;
        }
        if (catalog.accepts(target.id(), source.id(), TrustKind.RELEASE_BUNDLES)) {
            return TrustState.TRUSTED;
        }
        findings.add(new Finding(Severity.ERROR, "'" + target.name() + "' does not accept release bundles from '" + source.name()
                + "', so the promotion in phase '" + phase.name() + "' cannot happen; add that trust to '" + target.name() + "'.", phaseId));
        return TrustState.NOT_TRUSTED;
    }

    private String[] remember(String groupId, String entry, String exit) {
        String[] ends = {entry, exit};
        entryExit.put(groupId, ends);
        return ends;
    }

    private void edge(String from, String to, EdgeKind kind, TrustState trust) {
        edges.add(new Edge("e" + edges.size(), from, to, kind, trust));
    }
}
