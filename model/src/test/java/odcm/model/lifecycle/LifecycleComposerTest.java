package odcm.model.lifecycle;

import static odcm.model.lifecycle.Organisation.env;
import static odcm.model.lifecycle.Organisation.phase;
import static odcm.model.lifecycle.Organisation.promote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import odcm.model.Refusal;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.Edge;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.NodeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.Severity;
import odcm.model.lifecycle.composite.CompositeLifecycle.TrustState;
import odcm.model.lifecycle.composite.LifecycleComposer;
import odcm.model.space.Space;
import org.junit.jupiter.api.Test;

/** The four shapes of composite lifecycle from the source notes, and every validation rule. */
class LifecycleComposerTest {
    final Organisation org = new Organisation();

    static Set<String> groups(CompositeLifecycle c) {
        return c.groups().stream().map(CompositeLifecycle.SpaceGroup::spaceName).collect(Collectors.toSet());
    }

    static List<Edge> edges(CompositeLifecycle c, EdgeKind kind) {
        return c.edges().stream().filter(e -> e.kind() == kind).toList();
    }

    static String group(CompositeLifecycle c, String nodeId) {
        return c.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst().orElseThrow().groupId();
    }

    static List<String> sentences(CompositeLifecycle c, Severity severity) {
        return c.findings().stream().filter(f -> f.severity() == severity).map(CompositeLifecycle.Finding::sentence).toList();
    }

    /** A template in a phase is drawn as such, its live instances after it (decision 0057); an empty-looking phase is not an error. */
    @Test
    void aTemplateAndItsLiveInstancesAreNodesOfTheirOwnKinds() {
        Space dev = org.local("DevTest Space");
        Lifecycle stored = new Lifecycle(99, dev.id(), "Branches", "", true, List.of(phase("Review", new PhaseMember.TemplateMember(7, "Feature")),
                phase("Test", env("Test"))), 1);
        Lifecycle l = org.add(stored.withInstances(java.util.Map.of(7L, List.of(new odcm.model.environment.Environment(20, dev.id(), "feature-a-1.0",
                "", 1, 7L, "Feature", null)))));
        org.project(dev, "Web", l);
        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");
        assertEquals(List.of("PHASE Review", "TEMPLATE Feature (template)", "INSTANCE feature-a-1.0", "PHASE Test", "ENVIRONMENT Test"),
                c.nodes().stream().map(n -> n.kind() + " " + n.label()).toList());
        assertEquals("instance of Feature", c.nodes().get(2).detail());
        assertTrue(c.isValid(), c.findings().toString());
    }

    /** A remote template (decision 0058) is drawn as a template, its instances its space reported after it as instances. */
    @Test
    void aRemoteTemplateAndTheInstancesItsSpaceReportedAreNodesOfTheirOwnKinds() {
        Space dev = org.local("DevTest Space");
        Space prod = org.remote("Prod Space");
        Lifecycle stored = new Lifecycle(98, dev.id(), "Branches", "", true, List.of(phase("Test", env("Test")),
                phase("Prod", new PhaseMember.RemoteTemplateMember(9, prod.id(), "Prod Space", "Feature"), promote(prod))), 1);
        Lifecycle l = org.add(stored.withInstances(java.util.Map.of(), java.util.Map.of(9L, List.of("feature-1.2"))));
        org.project(dev, "Web", l);
        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");
        assertEquals(List.of("TEMPLATE Prod Space: Feature (template) environment template of 'Prod Space'",
                        "INSTANCE Prod Space: feature-1.2 instance of Feature"),
                c.nodes().stream().filter(n -> n.kind() == NodeKind.TEMPLATE || n.kind() == NodeKind.INSTANCE)
                        .map(n -> n.kind() + " " + n.label() + " " + n.detail()).toList());
    }

    @Test
    void basicTestHereProductionThere() {
        Space dev = org.local("DevTest Space");
        Space prod = org.remote("Prod Space");
        org.remoteEnvironment(dev, prod, "Production");
        Lifecycle l = org.lifecycle(dev, "Dev to Prod", true, phase("Dev", env("Development")), phase("Test", env("Test")), phase("Prod", promote(prod)));
        org.project(dev, "Web", l);

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        assertEquals(Set.of("DevTest Space", "Prod Space"), groups(c));
        assertEquals(2, edges(c, EdgeKind.NEXT).size());
        Edge promotion = edges(c, EdgeKind.PROMOTION).get(0);
        assertEquals(TrustState.UNKNOWN, promotion.trust());
        assertEquals("s" + prod.id(), group(c, promotion.to()));
        assertTrue(c.nodes().stream().anyMatch(n -> n.label().equals("Prod Space: Production")));
        assertTrue(c.isValid());
        assertTrue(sentences(c, Severity.INFO).get(0).contains("cannot be checked from here"));
    }

    @Test
    void geographicFanOutToSeveralProductionSpaces() {
        Space dev = org.local("DevTest Space");
        Space eu = org.remote("Prod EU");
        Space us = org.remote("Prod US");
        Lifecycle l = org.lifecycle(dev, "Global", true, phase("Test", env("Test")), phase("Production", promote(eu), promote(us)));
        org.project(dev, "Web", l);

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        List<Edge> promotions = edges(c, EdgeKind.PROMOTION);
        assertEquals(2, promotions.size());
        assertEquals(promotions.get(0).from(), promotions.get(1).from(), "both leave the same phase");
        assertEquals(Set.of("s" + eu.id(), "s" + us.id()), promotions.stream().map(e -> group(c, e.to())).collect(Collectors.toSet()));
        assertTrue(edges(c, EdgeKind.CONTINUES).isEmpty());
        assertTrue(c.isValid());
    }

    @Test
    void thereAndBackAgain() {
        Space dev = org.local("DevTest Space");
        Space qa = org.local("QA Space");
        Space prod = org.remote("Prod Space");
        Lifecycle devLife = org.lifecycle(dev, "Dev", true, phase("Dev", env("Development")), phase("QA", promote(qa)), phase("Prod", promote(prod)));
        Lifecycle qaLife = org.lifecycle(qa, "QA", true, phase("Testing", env("QA Test")), phase("Sign-off", env("UAT")));
        org.project(dev, "Web", devLife);
        org.accepts(qa, dev);

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        assertEquals(Set.of("DevTest Space", "QA Space", "Prod Space"), groups(c));
        Edge toQa = edges(c, EdgeKind.PROMOTION).stream().filter(e -> group(c, e.to()).equals("s" + qa.id())).findFirst().orElseThrow();
        assertEquals(TrustState.TRUSTED, toQa.trust());
        Edge back = edges(c, EdgeKind.CONTINUES).get(0);
        assertEquals("s" + qa.id(), group(c, back.from()));
        assertEquals("s" + dev.id() + "/p2", back.to(), "after QA, Dev's Prod phase follows");
        assertTrue(c.nodes().stream().anyMatch(n -> n.label().equals("Sign-off")), "QA's default lifecycle is drawn");
        assertTrue(c.isValid(), c.findings().toString());
        assertTrue(qaLife.isDefault());
    }

    @Test
    void throughSpacesWithoutComingBack() {
        Space dev = org.local("DevTest Space");
        Space qa = org.local("QA Space");
        Space prod = org.local("Prod Space");
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("Dev", env("Development")), phase("To QA", promote(qa))));
        Lifecycle qaForWeb = org.lifecycle(qa, "QA for Web", false, phase("QA", env("QA")), phase("To Prod", promote(prod)));
        org.lifecycle(qa, "QA default", true, phase("Other", env("Other")));
        org.project(qa, "DevTest Space: Web", qaForWeb);
        org.lifecycle(prod, "Prod", true, phase("Production", env("Production")));
        org.accepts(qa, dev);
        org.accepts(prod, qa);

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        assertEquals("QA for Web", c.groups().stream().filter(g -> g.spaceId() == qa.id()).findFirst().orElseThrow().lifecycleName(),
                "the remote project's own lifecycle wins over the default");
        assertEquals(2, edges(c, EdgeKind.PROMOTION).size());
        assertTrue(edges(c, EdgeKind.PROMOTION).stream().allMatch(e -> e.trust() == TrustState.TRUSTED));
        assertTrue(edges(c, EdgeKind.CONTINUES).isEmpty());
        assertTrue(c.isValid(), c.findings().toString());
    }

    @Test
    void promotionToLocalSpaceThatDoesNotTrustTheSource() {
        Space dev = org.local("DevTest Space");
        Space qa = org.local("QA Space");
        org.lifecycle(qa, "QA", true, phase("QA", env("QA")));
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("To QA", promote(qa))));

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        assertEquals(TrustState.NOT_TRUSTED, edges(c, EdgeKind.PROMOTION).get(0).trust());
        assertEquals(List.of("'QA Space' does not accept release bundles from 'DevTest Space', so the promotion in phase 'To QA' cannot happen;"
                + " add that trust to 'QA Space'."), sentences(c, Severity.ERROR));
    }

    @Test
    void environmentInTwoPhases() {
        Space dev = org.local("DevTest Space");
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("A", env("Test")), phase("B", env("test"))));

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        assertEquals(List.of("Environment 'test' is in both phase 'A' and phase 'B' of the lifecycle 'Dev' of 'DevTest Space';"
                + " an environment belongs to one phase."), sentences(c, Severity.ERROR));
    }

    @Test
    void promotionLoopThatCanNeverEnd() {
        Space dev = org.local("DevTest Space");
        Space qa = org.local("QA Space");
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("Dev", env("Dev")), phase("To QA", promote(qa))));
        org.lifecycle(qa, "QA", true, phase("QA", env("QA")), phase("Back", promote(dev)));
        org.accepts(qa, dev);
        org.accepts(dev, qa);

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        assertEquals(List.of("The promotion from 'QA Space' to 'DevTest Space' closes a loop (DevTest Space → QA Space → DevTest Space)"
                + " that can never end."), sentences(c, Severity.ERROR));
        assertEquals(2, edges(c, EdgeKind.PROMOTION).size(), "the loop is drawn so it can be seen");
    }

    @Test
    void promotionToItself() {
        Space dev = org.local("DevTest Space");
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("Dev", env("Dev"), promote(dev))));
        org.accepts(dev, dev);

        assertTrue(sentences(LifecycleComposer.compose(org.catalog(), dev.id(), "Web"), Severity.ERROR).get(0).contains("closes a loop"));
    }

    @Test
    void emptyPhase() {
        Space dev = org.local("DevTest Space");
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("Dev", env("Dev")), phase("Later")));

        assertEquals(List.of("Phase 'Later' of the lifecycle 'Dev' of 'DevTest Space' is empty; add an environment or a promotion, or remove the phase."),
                sentences(LifecycleComposer.compose(org.catalog(), dev.id(), "Web"), Severity.ERROR));
    }

    @Test
    void localTargetWithoutAnyLifecycle() {
        Space dev = org.local("DevTest Space");
        Space qa = org.local("QA Space");
        org.accepts(qa, dev);
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("To QA", promote(qa))));

        assertTrue(sentences(LifecycleComposer.compose(org.catalog(), dev.id(), "Web"), Severity.ERROR).get(0)
                .startsWith("'QA Space' has no lifecycle for project 'Web' and no default lifecycle"));
    }

    @Test
    void spaceReachedTwiceIsDrawnOnce() {
        Space dev = org.local("DevTest Space");
        Space a = org.local("A Space");
        Space b = org.local("B Space");
        Space prod = org.remote("Prod Space");
        org.project(dev, "Web", org.lifecycle(dev, "Dev", true, phase("Out", promote(a), promote(b))));
        org.lifecycle(a, "A", true, phase("A", env("A"), promote(prod)));
        org.lifecycle(b, "B", true, phase("B", env("B"), promote(prod)));
        org.accepts(a, dev);
        org.accepts(b, dev);

        CompositeLifecycle c = LifecycleComposer.compose(org.catalog(), dev.id(), "Web");

        assertEquals(4, c.groups().size());
        assertEquals(4, edges(c, EdgeKind.PROMOTION).size());
        assertTrue(c.isValid());
    }

    @Test
    void unknownProjectIsRefused() {
        Space dev = org.local("DevTest Space");
        assertEquals("local space 'DevTest Space' has no project named 'Nope'.",
                assertThrows(Refusal.class, () -> LifecycleComposer.compose(org.catalog(), dev.id(), "Nope")).getMessage());
    }
}
