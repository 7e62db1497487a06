package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ButtonType;
import odcm.app.apply.Demo;
import odcm.app.service.BundleService;
import odcm.model.release.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The Promote dialog says before the user tries that a phase comes first (decision 0045), and offers a release manager the
 * override with a reason; a rejected release gets the rejection and no override.
 */
class PromoteOrderDialogTest extends DemoScreensTest {

    private void openPromoteFor(String project) throws Exception {
        selectRelease(project, "2.0.0");
        ui.clickOn("#promote-release");
        ui.idle();
    }

    @Test
    void aSkippedPhaseIsSaidInlineAndAReleaseManagerMayPromoteWithAReason() throws Exception {
        ctx.deployments().deploy(Demo.DEVTEST, "Web Shop", "2.0.0", "Development", true);
        openPromoteFor("Web Shop");
        ComboBox<BundleService.Target> target = ui.node("#promote-target");
        assertEquals(Demo.PROD, target.getValue().name());
        Label problem = ui.node("#promote-problem");
        String skipped = "Release 2.0.0 cannot be promoted to 'Prod Space' yet: phase 'Test' (all must complete) comes first and still needs "
                + "a successful deployment to Test.";
        assertEquals(skipped, problem.getText(), "said before the user tries");
        Button ok = ui.node("#promote-ok");
        assertTrue(ok.isDisabled());
        assertTrue(ui.node("#promote-out-of-order").isVisible(), "this store's one person is a release manager");
        ui.shootDialog("promote", "promote-out-of-order-refused");

        Path file = Files.createDirectories(tmp.resolve("out")).resolve("web-2.0.0.odcmbundle");
        ScreensHarness.fx(() -> {
            ((TextField) ui.node("#promote-file")).setText(file.toString());
            return null;
        });
        ui.clickOn("#promote-out-of-order-reason").write("Test lab down; QA lead signed off");
        ui.idle();
        assertEquals("", problem.getText());
        assertEquals("Skips: " + skipped, ((Label) ui.node("#promote-out-of-order-skips")).getText(), "what is skipped stays in sight");
        assertFalse(ok.isDisabled());
        ui.shootDialog("promote", "promote-out-of-order-override");
        ui.clickOn(ok);
        ui.idle();

        var inspected = ((odcm.packaging.bundle.BundleInspector.Unverified) BundleService.inspect(file)).content();
        assertEquals("Test lab down; QA lead signed off", inspected.outOfOrder().reason());
        assertEquals(skipped, inspected.outOfOrder().skipped());
        DialogPane result = ui.node("#promote-result-dialog");
        ui.clickOn(result.lookupButton(ButtonType.CLOSE));
        ui.idle();
    }

    @Test
    void aRejectedReleaseGetsTheRejectionAndNoOverride() throws Exception {
        ctx.deployments().deploy(Demo.DEVTEST, "Payments", "2.0.0", "Development", true);
        ctx.approvals().decide(Demo.DEVTEST, "Payments", "2.0.0", Verdict.REJECTED, "Fails the load test");
        openPromoteFor("Payments");
        Label problem = ui.node("#promote-problem");
        assertTrue(problem.getText().matches("Release 2\\.0\\.0 of 'Payments' was rejected in 'DevTest Space' by .+ \\(Fails the load test\\), "
                + "so it is not promoted until someone approves it\\."), problem.getText());
        assertFalse(ui.node("#promote-out-of-order").isVisible(), "no override past a rejection");
        ui.shootDialog("promote", "promote-rejected");
    }
}
