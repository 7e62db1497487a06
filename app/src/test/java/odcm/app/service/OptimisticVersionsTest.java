package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import odcm.model.Refusal;
import odcm.model.environment.Environment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.space.Space;
import odcm.model.trust.TrustKind;
import odcm.persistence.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Optimistic versions (decision 0036): two consoles read the same thing, both change it; the second change, made from
 * the version both read, is refused with a sentence naming who changed it and how, and the first is kept, with no
 * audit entry for the refused one. On H2 the two consoles are two service contexts on the one opened store (its file
 * is one process's); on a team store ({@code -Dodcm.test.engine=postgresql}) they are two stores, opened as two users.
 */
class OptimisticVersionsTest extends ServiceFixture {
    /** Bob's console, beside {@link #ctx} (Alice's). */
    private AppContext bob;

    private void twoConsoles() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        if (location().onServer()) {
            // Bob is another person on a team store (until the people slice: the name the store is opened with): he needs
            // his roles in the space (decision 0041) to make the changes these tests race.
            for (odcm.model.role.Role r : java.util.List.of(odcm.model.role.Role.ADMINISTRATOR, odcm.model.role.Role.RELEASE_MANAGER)) {
                ctx.roles().grant(DEV, r, null, odcm.model.role.Grantee.person("bob"));
            }
        }
        bob = location().onServer() ? new AppContext(Store.open(location(), Clock.systemUTC(), "bob")) : new AppContext(ctx.store());
    }

    @AfterEach
    void closeBob() {
        if (bob != null && location().onServer()) {
            bob.close();
        }
    }

    /** Refused with the sentence naming Bob's last change of it, and nothing changed (listings, audit log). */
    private void refusedAsChanged(String what, String action, Executable change) {
        List<Object> before = state();
        Refusal r = assertThrows(Refusal.class, change);
        String user = bob.store().person().name();
        assertTrue(Pattern.matches(Pattern.quote(what + " was changed by someone else since you opened it (" + user + ", ")
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d" + Pattern.quote(": " + action + "); reload it and try again."), r.getMessage()), r.getMessage());
        assertEquals(before, state(), "the refused change left listings and audit log as they were");
    }

    private static ProjectDraft described(Project p, String description) {
        return new ProjectDraft(p.name(), description, p.lifecycleName(), p.process(), p.variables(), p.templates(), p.channels());
    }

    /** The lifecycle of {@link #mainLifecycle()} with another description. */
    private static LifecycleDraft described(Lifecycle l, String description, boolean isDefault) {
        return new LifecycleDraft(l.name(), description, isDefault, mainLifecycle().phases());
    }

    @Test
    void theSecondOfTwoProjectSavesFromOneVersionIsRefusedAndTheFirstKept() {
        twoConsoles();
        Project alices = ctx.projects().find(DEV, "Web");
        Project bobs = bob.projects().find(DEV, "Web");
        assertEquals(alices.seen(), bobs.seen());

        Project saved = bob.projects().update(DEV, "Web", described(bobs, "Bob's words"), bobs.seen());
        assertEquals(bobs.version() + 1, saved.version(), "a change moves the version on");
        int entries = audit().size();
        refusedAsChanged("Project 'Web' of 'DevTest Space'", "project.update",
                () -> ctx.projects().update(DEV, "Web", described(alices, "Alice's words"), alices.seen()));
        assertEquals("Bob's words", ctx.projects().find(DEV, "Web").description(), "the first change is kept");
        assertEquals(entries, audit().size(), "no audit entry for the refused change");

        Project reloaded = ctx.projects().find(DEV, "Web");
        assertEquals("Alice's words", ctx.projects().update(DEV, "Web", described(reloaded, "Alice's words"), reloaded.seen()).description(),
                "after a reload the change is made");
        assertEquals("project.update", lastAudit().action());
    }

    @Test
    void twoSavesAtOnceFromOneVersionMakeOneChange() throws Exception {
        twoConsoles();
        Project alices = ctx.projects().find(DEV, "Web");
        Project bobs = bob.projects().find(DEV, "Web");
        int entries = audit().size();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<String> a = two.submit(() -> saveAfter(go, ctx, alices, "Alice's words"));
            java.util.concurrent.Future<String> b = two.submit(() -> saveAfter(go, bob, bobs, "Bob's words"));
            go.countDown();
            List<String> outcomes = List.of(a.get(), b.get());
            assertEquals(1, outcomes.stream().filter(o -> o.startsWith("saved ")).count(), outcomes.toString());
            String refused = outcomes.stream().filter(o -> !o.startsWith("saved ")).findFirst().orElseThrow();
            assertTrue(refused.startsWith("Project 'Web' of 'DevTest Space' was changed by someone else since you opened it ("), refused);
            String kept = outcomes.stream().filter(o -> o.startsWith("saved ")).findFirst().orElseThrow().substring("saved ".length());
            assertEquals(kept, ctx.projects().find(DEV, "Web").description(), "the one change made is the one kept");
            assertEquals(entries + 1, audit().size(), "one audit entry: the change made");
        } finally {
            two.shutdownNow();
        }
    }

    private static String saveAfter(java.util.concurrent.CountDownLatch go, AppContext console, Project seen, String description) throws Exception {
        go.await();
        try {
            return "saved " + console.projects().update(DEV, "Web", described(seen, description), seen.seen()).description();
        } catch (Refusal r) {
            return r.getMessage();
        }
    }

    @Test
    void aProjectDeletedAndMadeAgainUnderItsNameIsNotTheOneSeen() {
        twoConsoles();
        Project alices = ctx.projects().find(DEV, "Web");
        bob.projects().delete(DEV, "Web");
        bob.projects().create(DEV, webProject());
        refusedAsChanged("Project 'Web' of 'DevTest Space'", "project.create",
                () -> ctx.projects().update(DEV, "Web", described(alices, "Alice's words"), alices.seen()));
        refusedAsChanged("Project 'Web' of 'DevTest Space'", "project.create", () -> ctx.projects().delete(DEV, "Web", alices.seen()));
    }

    @Test
    void aProjectChangedSinceItWasShownIsNotDeleted() {
        twoConsoles();
        Project alices = ctx.projects().find(DEV, "Web");
        Project bobs = bob.projects().find(DEV, "Web");
        bob.projects().update(DEV, "Web", described(bobs, "Bob's words"), bobs.seen());
        refusedAsChanged("Project 'Web' of 'DevTest Space'", "project.update", () -> ctx.projects().delete(DEV, "Web", alices.seen()));
        assertEquals("Bob's words", ctx.projects().find(DEV, "Web").description());
    }

    @Test
    void aCommandChangesTheProjectAsItIsNow() {
        twoConsoles();
        Project bobs = bob.projects().find(DEV, "Web");
        bob.projects().update(DEV, "Web", described(bobs, "Bob's words"), bobs.seen());
        // A command reads and writes in one transaction: it saw what is there now.
        assertEquals("Alice's words", ctx.projects().update(DEV, "Web", described(bobs, "Alice's words")).description());
    }

    @Test
    void theSecondOfTwoLifecycleSavesFromOneVersionIsRefusedAndTheFirstKept() {
        twoConsoles();
        Lifecycle alices = ctx.lifecycles().find(DEV, "Main");
        Lifecycle bobs = bob.lifecycles().find(DEV, "Main");
        bob.lifecycles().update(DEV, "Main", described(bobs, "Bob's words", true), bobs.seen());
        refusedAsChanged("Lifecycle 'Main' of 'DevTest Space'", "lifecycle.update",
                () -> ctx.lifecycles().update(DEV, "Main", described(alices, "Alice's words", true), alices.seen()));
        assertEquals("Bob's words", ctx.lifecycles().find(DEV, "Main").description(), "the first change is kept");
        refusedAsChanged("Lifecycle 'Main' of 'DevTest Space'", "lifecycle.update", () -> ctx.lifecycles().delete(DEV, "Main", alices.seen()));
    }

    @Test
    void aLifecycleThatLostItsDefaultMeanwhileIsNotMadeTheDefaultAgain() {
        twoConsoles();
        Lifecycle alices = ctx.lifecycles().find(DEV, "Main");
        bob.lifecycles().create(DEV, new LifecycleDraft("Hotfix", "", true, List.of(phase("Dev", List.of("Development"), List.of(), List.of()))));
        assertEquals(false, ctx.lifecycles().find(DEV, "Main").isDefault());
        // Bob's new default changed Main; the last entry about Main itself is Alice's creation of it.
        List<Object> before = state();
        Refusal r = assertThrows(Refusal.class, () -> ctx.lifecycles().update(DEV, "Main", described(alices, "Alice's words", true), alices.seen()));
        assertTrue(r.getMessage().startsWith("Lifecycle 'Main' of 'DevTest Space' was changed by someone else since you opened it ("), r.getMessage());
        assertTrue(r.getMessage().endsWith(": lifecycle.create); reload it and try again."), r.getMessage());
        assertEquals(before, state());
        assertEquals("Hotfix", ctx.lifecycles().list(DEV).stream().filter(Lifecycle::isDefault).map(Lifecycle::name).findFirst().orElseThrow());
    }

    @Test
    void theSecondOfTwoEnvironmentRenamesFromOneVersionIsRefused() {
        twoConsoles();
        Environment alices = ctx.environments().list(DEV).get(0);
        Environment bobs = bob.environments().list(DEV).get(0);
        bob.environments().rename(DEV, "Development", "Dev", bobs.seen());
        // Bob renamed it: Alice's console no longer finds it by the name it showed.
        refused("'DevTest Space' has no environment named 'Development'.",
                () -> ctx.environments().rename(DEV, "Development", "Build", alices.seen()));
        Environment renamed = ctx.environments().list(DEV).get(0);
        refusedAsChanged("Environment 'Dev' of 'DevTest Space'", "environment.rename",
                () -> ctx.environments().rename(DEV, "Dev", "Build", alices.seen()));
        refusedAsChanged("Environment 'Dev' of 'DevTest Space'", "environment.rename", () -> ctx.environments().delete(DEV, "Dev", alices.seen()));
        assertEquals("Build", ctx.environments().rename(DEV, "Dev", "Build", renamed.seen()).name(), "after a reload the change is made");
    }

    /** A trust changes once, from active to revoked: the row shown is named by its id, and its state is its version. */
    @Test
    void theSecondOfTwoRevocationsOfOneTrustIsRefusedNamingWhoRevokedIt() {
        twoConsoles();
        local(QA);
        long shown = ctx.trusts().add(DEV, QA, TrustKind.RELEASE_BUNDLES).id();
        bob.trusts().revoke(shown, "Bob's reason");
        refused("The trust 'DevTest Space' accepts release bundles from 'QA Space' was already revoked by " + bob.store().person().name() + ".",
                () -> ctx.trusts().revoke(shown, "Alice's reason"));
        long again = ctx.trusts().add(DEV, QA, TrustKind.RELEASE_BUNDLES).id();
        refused("The trust 'DevTest Space' accepts release bundles from 'QA Space' was already revoked by " + bob.store().person().name() + ".",
                () -> ctx.trusts().revoke(shown, "Alice's reason")); // not the new trust of the same two spaces, which Alice never saw
        assertTrue(ctx.trusts().list(false).stream().anyMatch(t -> t.id() == again && t.isActive()));
    }

    @Test
    void theSecondOfTwoSpaceChangesFromOneVersionIsRefusedAndTheFirstKept() {
        twoConsoles();
        Space alices = ctx.spaces().list().stream().filter(s -> s.name().equals(DEV)).findFirst().orElseThrow();
        Space bobs = bob.spaces().list().stream().filter(s -> s.name().equals(DEV)).findFirst().orElseThrow();
        bob.spaces().describe(DEV, "Bob's words", bobs.seen());
        refusedAsChanged("Space 'DevTest Space'", "space.describe", () -> ctx.spaces().describe(DEV, "Alice's words", alices.seen()));
        refusedAsChanged("Space 'DevTest Space'", "space.describe", () -> ctx.spaces().rename(DEV, "Dev Space", alices.seen()));
        assertEquals("Bob's words", ctx.spaces().list().stream().filter(s -> s.name().equals(DEV)).findFirst().orElseThrow().description());
    }
}
