package odcm.app.ui.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.project.ProjectDraft;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle editor's state on a real store: drafts built from the form, phases reordered, validation, saving, unsaved changes. */
class LifecycleEditorViewModelTest {
    static final String DEV = "DevTest Space";
    @TempDir
    Path tmp;
    AppContext ctx;
    CurrentSpace current = new CurrentSpace();
    LifecyclesViewModel vm;
    LifecycleEditorViewModel editor;

    @BeforeEach
    void store() {
        ctx = TestStores.open(tmp, "store");
        ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
        ctx.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
        ctx.remotes().add("Prod Space", "", TestStores.foreignCertificatePem("Prod Space"), null);
        ctx.environments().create(DEV, "Development", "");
        ctx.environments().create(DEV, "Test", "");
        ctx.environments().createRemote(DEV, "Prod Space", "Production");
        vm = new LifecyclesViewModel(ctx.lifecycles(), ctx.environments(), ctx.templates(), ctx.spaces(), new SameThreadTaskRunner(), current);
        editor = vm.editor();
        current.choose(DEV);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    PhaseEditor phase(int i) {
        return editor.phases().get(i);
    }

    @Test
    void offersTheSpacesMembersAndBuildsTheDraftInPhaseOrder() {
        assertEquals(List.of("Development", "Test"), editor.environments());
        assertEquals(List.of("Prod Space: Production"), editor.remoteEnvironments());
        assertEquals(List.of("Prod Space", "QA Space"), editor.targets().stream().sorted().toList(), "other spaces, local and remote");
        assertEquals(null, editor.editing(), "no lifecycles yet: a new one");
        assertTrue(editor.defaultProperty().get(), "the first lifecycle of a space is its default");

        editor.nameProperty().set("  Test then Prod ");
        PhaseEditor.toggle(phase(0).environments(), "Development", true);
        editor.addPhase();
        phase(1).nameProperty().set("Test");
        PhaseEditor.toggle(phase(1).environments(), "Test", true);
        PhaseEditor.toggle(phase(1).remoteEnvironments(), "Prod Space: Production", true);
        phase(1).ruleProperty().set(ProgressionRule.Kind.AT_LEAST);
        phase(1).atLeastProperty().set(1);
        editor.addPhase();
        phase(2).nameProperty().set("Production");
        PhaseEditor.toggle(phase(2).promotions(), "Prod Space", true);
        PhaseEditor.toggle(phase(2).promotions(), "Prod Space", true); // twice: still once
        phase(2).ruleProperty().set(ProgressionRule.Kind.OPTIONAL);

        assertEquals(new LifecycleDraft("Test then Prod", "", true, List.of(
                new PhaseDraft("Development", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Test", List.of("Test"), List.of("Prod Space: Production"), List.of(), ProgressionRule.atLeast(1)),
                new PhaseDraft("Production", List.of(), List.of(), List.of("Prod Space"), ProgressionRule.OPTIONAL))), editor.draft());
        assertEquals("Test, Prod Space: Production · at least 1 must complete", phase(1).summary());
        assertEquals("promotes to Prod Space · optional", phase(2).summary());
        assertTrue(editor.isDirty());
        assertEquals("", editor.problemProperty().get());
    }

    @Test
    void phasesMoveUpAndDownAndStaySelected() {
        editor.nameProperty().set("Order");
        editor.addPhase();
        editor.addPhase();
        assertEquals(List.of("Development", "Phase 2", "Phase 3"), names());
        assertEquals(phase(2), editor.selectedPhaseProperty().get(), "a new phase is selected");
        assertFalse(editor.canMove(1), "the last phase cannot move later");
        editor.move(-1);
        editor.move(-1);
        assertEquals(List.of("Phase 3", "Development", "Phase 2"), names());
        assertEquals("Phase 3", editor.selectedPhaseProperty().get().nameProperty().get());
        assertFalse(editor.canMove(-1));
        editor.move(-1); // nothing happens at the top
        assertEquals(List.of("Phase 3", "Development", "Phase 2"), names());
        editor.move(1);
        assertEquals(List.of("Development", "Phase 3", "Phase 2"), names());
        editor.selectedPhaseProperty().set(phase(0));
        editor.addPhase();
        assertEquals(List.of("Development", "Phase 4", "Phase 3", "Phase 2"), names(), "added after the selected phase, with a free name");
        editor.removePhase();
        assertEquals(List.of("Development", "Phase 3", "Phase 2"), names());
        assertEquals("Phase 3", editor.selectedPhaseProperty().get().nameProperty().get(), "the next phase is selected");
        assertEquals(List.of("Development", "Phase 3", "Phase 2"), editor.draft().phases().stream().map(PhaseDraft::name).toList());
    }

    List<String> names() {
        return editor.phases().stream().map(p -> p.nameProperty().get()).toList();
    }

    @Test
    void saysWhatToFixBeforeSaving() {
        assertEquals("Give the lifecycle a name.", editor.problemProperty().get());
        editor.nameProperty().set("Main");
        assertEquals("", editor.problemProperty().get());
        editor.addPhase();
        phase(1).nameProperty().set(" development ");
        assertEquals("Two phases are named 'development'; phase names are unique in a lifecycle.", editor.problemProperty().get());
        phase(1).nameProperty().set("");
        assertEquals("Phase 2 has no name.", editor.problemProperty().get());
        phase(1).nameProperty().set("Test");
        phase(1).ruleProperty().set(ProgressionRule.Kind.AT_LEAST);
        phase(1).atLeastProperty().set(2);
        PhaseEditor.toggle(phase(1).environments(), "Test", true);
        assertEquals("Phase 'Test' needs at least 2 environments to complete but holds 1.", editor.problemProperty().get());
        PhaseEditor.toggle(phase(1).remoteEnvironments(), "Prod Space: Production", true);
        assertEquals("", editor.problemProperty().get());
        vm.save();
        Lifecycle saved = ctx.lifecycles().find(DEV, "Main");
        assertTrue(saved.isDefault());
        editor.defaultProperty().set(false);
        assertTrue(editor.problemProperty().get().startsWith("'Main' is the default lifecycle;"), editor.problemProperty().get());
    }

    @Test
    void savesCreatesThenUpdatesAndShowsRefusalsInline() {
        editor.nameProperty().set("Test then Prod");
        PhaseEditor.toggle(phase(0).environments(), "Development", true);
        vm.save();
        assertEquals("Created lifecycle 'Test then Prod' of 'DevTest Space'. It is the space's default lifecycle.", vm.message().text());
        assertEquals("Test then Prod", editor.editing());
        assertFalse(editor.isDirty());
        assertEquals(1, vm.all().size());

        editor.addPhase();
        phase(1).nameProperty().set("Production");
        PhaseEditor.toggle(phase(1).promotions(), "Prod Space", true);
        editor.nameProperty().set("Dev then Prod");
        assertTrue(editor.isDirty());
        vm.refresh(); // a reload (the screen shown again) keeps unsaved changes
        assertTrue(editor.isDirty());
        assertEquals("Dev then Prod", editor.nameProperty().get());
        vm.save();
        Lifecycle l = ctx.lifecycles().find(DEV, "Dev then Prod");
        assertEquals(List.of("Development", "Production"), l.phases().stream().map(p -> p.name()).toList());
        assertEquals("Promote to Prod Space", l.phases().get(1).members().get(0).displayName());
        assertEquals("Saved lifecycle 'Dev then Prod' of 'DevTest Space'. It is the space's default lifecycle.", vm.message().text());

        PhaseEditor.toggle(phase(1).environments(), "Gone", true); // as if deleted in the meantime
        vm.save();
        assertEquals("Phase 'Production' names environment 'Gone', which 'DevTest Space' does not have.", editor.form().error());
        assertTrue(editor.isDirty(), "a refusal keeps the edits");
        vm.discard();
        assertFalse(editor.isDirty());
        assertEquals(List.of(), phase(1).environments());

        ctx.projects().create(DEV, new ProjectDraft("Web", "", "Dev then Prod", List.of(), List.of(), List.of(), List.of()));
        CompositeLifecycle c = ctx.lifecycles().composite(DEV, "Web");
        assertEquals(2, c.groups().size(), "the promotion brings Prod Space into the picture");
    }

    @Test
    void anotherSpaceStartsAfreshAndDeletingNeedsNoProject() {
        editor.nameProperty().set("Dev only");
        vm.save();
        editor.nameProperty().set("Changed");
        current.choose("QA Space");
        assertEquals(null, editor.editing(), "edits of another space do not carry over");
        assertEquals(List.of(), editor.environments());
        assertEquals(0, vm.all().size());
        current.choose(DEV);
        assertEquals("Dev only", editor.editing());
        Lifecycle l = vm.selectedProperty().get();
        vm.delete(l);
        vm.deleted(l);
        assertEquals(0, vm.all().size());
        assertEquals("Deleted lifecycle 'Dev only' of 'DevTest Space'.", vm.message().text());
    }
}
