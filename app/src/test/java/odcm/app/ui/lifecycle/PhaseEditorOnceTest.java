package odcm.app.ui.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Loading the Lifecycles screen offers the phases' members (environments, remote environments, other spaces) and opens
 * a lifecycle: its phase editor is made once for all of it, not once per list offered and lifecycle opened (each made
 * a name field, a rule box, a spinner and a checklist on the FX thread; decision 0032, fifth pass).
 */
class PhaseEditorOnceTest {
    static final String DEV = "DevTest Space";
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aLoadMakesThePhaseEditorOnceShowingTheOpenedLifecyclesFirstPhase() throws Exception {
        try (AppContext ctx = TestStores.open(tmp, "store")) {
            ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
            ctx.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
            ctx.environments().create(DEV, "Development", "");
            ctx.environments().create(DEV, "Test", "");
            ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                    new PhaseDraft("Dev", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL),
                    new PhaseDraft("Test", List.of("Test"), List.of(), List.of(), ProgressionRule.ALL))));
            CurrentSpace current = new CurrentSpace();
            LifecyclesViewModel vm = new LifecyclesViewModel(ctx.lifecycles(), ctx.environments(), ctx.templates(), ctx.spaces(), new SameThreadTaskRunner(), current);
            int[] made = new int[1];
            PhaseEditorView view = WaitForAsyncUtils.asyncFx(() -> {
                PhaseEditorView v = new PhaseEditorView(vm.editor());
                v.getChildren().addListener((ListChangeListener<Node>) c -> made[0]++);
                current.choose(DEV); // loads: offers the members, opens "Main"
                return v;
            }).get();
            assertEquals(1, made[0], "one phase editor for the load");
            assertEquals("Dev", ((TextField) view.lookup("#phase-name")).getText(), "the opened lifecycle's first phase");
            CheckBox development = (CheckBox) view.lookup("#phase-env-0");
            assertEquals("Development", development.getUserData());
            assertTrue(development.isSelected());
            assertEquals("QA Space", view.lookup("#phase-target-0").getUserData(), "the other space offered");

            WaitForAsyncUtils.asyncFx(() -> vm.refresh()).get();
            assertEquals(2, made[0], "once more for a load again");
            WaitForAsyncUtils.asyncFx(() -> vm.editor().selectedPhaseProperty().set(vm.editor().phases().get(1))).get();
            assertEquals(3, made[0], "and once for another phase chosen");
            assertEquals("Test", ((TextField) view.lookup("#phase-name")).getText());
        }
    }
}
