package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.project.ProjectDraft;
import odcm.model.trust.TrustKind;
import org.junit.jupiter.api.Test;

class LifecycleServiceTest extends ServiceFixture {

    static LifecycleDraft simple(String name, boolean isDefault) {
        return new LifecycleDraft(name, "", isDefault, List.of(phase("Dev", List.of("Development"), List.of(), List.of())));
    }

    @Test
    void membersAreResolvedByNameAndReadBack() {
        organisation();
        Lifecycle l = ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "to prod", false, List.of(
                phase("Dev", List.of("development"), List.of(), List.of()),
                phase("Production", List.of(), List.of("prod space:production"), List.of("PROD SPACE")))));
        assertEquals(l, ctx.lifecycles().find(DEV, "main"));
        assertTrue(l.isDefault(), "the first lifecycle of a space is its default");
        assertEquals(List.of("Development"), l.phases().get(0).members().stream().map(PhaseMember::displayName).toList());
        assertEquals(List.of("Prod Space: Production", "Promote to Prod Space"),
                l.phases().get(1).members().stream().map(PhaseMember::displayName).toList());
        assertEquals("lifecycle.create", lastAudit().action());
        assertEquals("default; Dev [Development] (all must complete) → Production [Prod Space: Production, Promote to Prod Space]"
                + " (all must complete)", lastAudit().detail());
    }

    @Test
    void unknownMembersAreRefusedByName() {
        organisation();
        refused("Phase 'Dev' names environment 'Devlopment', which 'DevTest Space' does not have.", () -> ctx.lifecycles().create(DEV,
                new LifecycleDraft("Main", "", true, List.of(phase("Dev", List.of("Devlopment"), List.of(), List.of())))));
        refused("Phase 'Prod' names remote environment 'Prod Space: Live', which 'DevTest Space' does not have; add it as a remote environment first.",
                () -> ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true,
                        List.of(phase("Prod", List.of(), List.of("Prod Space: Live"), List.of())))));
        refused("Phase 'Prod' names remote environment 'Mars Space: Live', but there is no space named 'Mars Space'.",
                () -> ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true,
                        List.of(phase("Prod", List.of(), List.of("Mars Space: Live"), List.of())))));
        refused("Phase 'Prod' promotes to 'Mars Space', but there is no space named 'Mars Space'.",
                () -> ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true,
                        List.of(phase("Prod", List.of(), List.of(), List.of("Mars Space"))))));
        refused("Phase 'Prod' promotes to 'DevTest Space', its own space; a promotion hands a release to another space.",
                () -> ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true,
                        List.of(phase("Prod", List.of(), List.of(), List.of(DEV))))));
        refused("The lifecycle has two phases named 'dev'; phase names are unique in a lifecycle.",
                () -> ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true,
                        List.of(phase("Dev", List.of("Development"), List.of(), List.of()), phase("dev", List.of("Test"), List.of(), List.of())))));
    }

    @Test
    void duplicateNameRefused() {
        organisation();
        ctx.lifecycles().create(DEV, simple("Main", true));
        refused("'DevTest Space' already has a lifecycle named 'Main'; names in a space differ in more than letter case or look-alike letters.",
                () -> ctx.lifecycles().create(DEV, simple("MAIN", false)));
        ctx.lifecycles().create(DEV, simple("Hotfix", false));
        refused("'DevTest Space' already has a lifecycle named 'Main'; names in a space differ in more than letter case or look-alike letters.",
                () -> ctx.lifecycles().update(DEV, "Hotfix", simple("main", false)));
        refused("'DevTest Space' has no lifecycle named 'Nightly'.", () -> ctx.lifecycles().update(DEV, "Nightly", simple("Nightly", false)));
    }

    @Test
    void exactlyOneDefaultPerSpace() {
        organisation();
        ctx.lifecycles().create(DEV, simple("Main", false));
        ctx.lifecycles().create(DEV, simple("Hotfix", true));
        assertEquals(List.of("Hotfix"), ctx.lifecycles().list(DEV).stream().filter(Lifecycle::isDefault).map(Lifecycle::name).toList());
        ctx.lifecycles().update(DEV, "Main", simple("Main", true));
        assertEquals(List.of("Main"), ctx.lifecycles().list(DEV).stream().filter(Lifecycle::isDefault).map(Lifecycle::name).toList());
        assertEquals("lifecycle.update", lastAudit().action());
        refused("'Main' is the default lifecycle of 'DevTest Space'; make another lifecycle the default instead of clearing it, so the space"
                + " always has one.", () -> ctx.lifecycles().update(DEV, "Main", simple("Main", false)));
        refused("'Main' is the default lifecycle of 'DevTest Space'; make another lifecycle the default before deleting it.",
                () -> ctx.lifecycles().delete(DEV, "Main"));
        ctx.lifecycles().delete(DEV, "Hotfix");
        assertEquals("lifecycle.delete", lastAudit().action());
        assertEquals(1, ctx.lifecycles().list(DEV).size());
    }

    @Test
    void deleteRefusedWhileAProjectUsesIt() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.lifecycles().create(DEV, simple("Hotfix", false));
        ctx.projects().create(DEV, new ProjectDraft("Api", "", "Hotfix", List.of(), List.of(), List.of(), List.of()));
        ctx.projects().create(DEV, new ProjectDraft("Jobs", "", "Hotfix", List.of(), List.of(), List.of(), List.of()));
        refused("Cannot delete lifecycle 'Hotfix' of 'DevTest Space' while project 'Api' and project 'Jobs' use it; give those projects another"
                + " lifecycle first.", () -> ctx.lifecycles().delete(DEV, "Hotfix"));
    }

    @Test
    void compositeThroughTheStoreFollowsAPromotionIntoALocalSpace() {
        // Basic shape: test here, production in another local space that trusts this one for release bundles.
        open();
        local(DEV);
        local(PROD);
        ctx.environments().create(DEV, "Test", "");
        ctx.environments().create(PROD, "Production", "");
        ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                phase("Test", List.of("Test"), List.of(), List.of()), phase("Promote", List.of(), List.of(), List.of(PROD)))));
        ctx.lifecycles().create(PROD, new LifecycleDraft("Production", "", true, List.of(
                phase("Production", List.of("Production"), List.of(), List.of()))));
        ctx.projects().create(DEV, new ProjectDraft("Web", "", "Main", List.of(), List.of(), List.of(), List.of()));

        CompositeLifecycle untrusted = ctx.lifecycles().composite(DEV, "web");
        assertEquals(List.of(DEV, PROD), untrusted.groups().stream().map(CompositeLifecycle.SpaceGroup::spaceName).toList());
        assertEquals(List.of("Main", "Production"), untrusted.groups().stream().map(CompositeLifecycle.SpaceGroup::lifecycleName).toList());
        assertTrue(untrusted.nodes().stream().anyMatch(n -> n.label().equals("Production") && n.kind() == CompositeLifecycle.NodeKind.ENVIRONMENT));
        assertFalse(untrusted.isValid(), "Prod Space does not trust DevTest Space yet");

        ctx.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
        CompositeLifecycle trusted = ctx.lifecycles().composite(DEV, "Web");
        assertTrue(trusted.isValid(), () -> trusted.findings().toString());
        assertTrue(trusted.edges().stream().anyMatch(e -> e.trust() == CompositeLifecycle.TrustState.TRUSTED));

        refused("'DevTest Space' has no project named 'Api'.", () -> ctx.lifecycles().composite(DEV, "Api"));
    }
}
