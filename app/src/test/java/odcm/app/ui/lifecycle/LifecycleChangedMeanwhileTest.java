package odcm.app.ui.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimistic versions in the lifecycle editor (decision 0036): it keeps the version it loaded; a save after another
 * console changed the lifecycle is refused in the editor with the edits kept; Discard reads it again; a delete of the
 * lifecycle as shown is refused too.
 */
class LifecycleChangedMeanwhileTest {
    static final String DEV = "DevTest Space";
    @TempDir
    Path tmp;
    AppContext ctx;
    CurrentSpace current = new CurrentSpace();
    LifecyclesViewModel vm;

    @BeforeEach
    void store() {
        ctx = TestStores.open(tmp, "store");
        ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
        ctx.environments().create(DEV, "Development", "");
        ctx.lifecycles().create(DEV, draft("as made"));
        vm = new LifecyclesViewModel(ctx.lifecycles(), ctx.environments(), ctx.templates(), ctx.spaces(), new SameThreadTaskRunner(), current);
        current.choose(DEV);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private static LifecycleDraft draft(String description) {
        return new LifecycleDraft("Main", description, true, List.of(new PhaseDraft("Dev", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL)));
    }

    @Test
    void aSaveFromALifecycleChangedMeanwhileIsRefusedKeepingTheEditsAndDiscardReadsItAgain() {
        Lifecycle shown = vm.all().get(0);
        vm.open(shown);
        Lifecycle bobs = ctx.lifecycles().find(DEV, "Main"); // another console on the same store
        ctx.lifecycles().update(DEV, "Main", draft("Bob's words"), bobs.seen());
        int entries = ctx.audit().list(null).size();

        vm.editor().descriptionProperty().set("Alice's words");
        vm.save();
        String error = vm.editor().form().error();
        assertTrue(error.startsWith("Lifecycle 'Main' of 'DevTest Space' was changed by someone else since you opened it ("), error);
        assertTrue(error.endsWith(": lifecycle.update); reload it and try again."), error);
        assertEquals("Alice's words", vm.editor().descriptionProperty().get(), "the edits stay");
        assertEquals("Bob's words", ctx.lifecycles().find(DEV, "Main").description());
        assertEquals(entries, ctx.audit().list(null).size(), "no audit entry for the refused save");

        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(odcm.model.Refusal.class, () -> vm.delete(shown));
        assertTrue(refused.getMessage().startsWith("Lifecycle 'Main' of 'DevTest Space' was changed by someone else"), refused.getMessage());

        vm.discard();
        assertEquals("Bob's words", vm.editor().descriptionProperty().get(), "Discard reads the lifecycle again");
        vm.editor().descriptionProperty().set("Alice's words");
        vm.save();
        assertEquals("", vm.editor().form().error());
        assertEquals("Alice's words", ctx.lifecycles().find(DEV, "Main").description());
    }
}
