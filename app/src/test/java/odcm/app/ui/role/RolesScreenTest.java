package odcm.app.ui.role;

import odcm.app.ui.DirectRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.RoleGate;
import odcm.app.ui.common.Screen;
import odcm.app.ui.release.ScreensHarness;
import odcm.app.ui.task.FxTaskRunner;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The People & roles screen (decision 0041), as bob: administrator of 'DevTest Space' only. He grants a role there with
 * the keyboard through Grant…; what he may not do is disabled, its wrapper's tooltip naming the missing role.
 *
 * <p>Bob is another person: until the people slice lands, the store opened under another name (the lead switches this
 * to a second login on a team store once {@code RoleService.who} is the authenticated person).
 */
class RolesScreenTest extends DirectRobot {
    private static final String DEV = "DevTest Space";
    private static final String PROD = "Prod Space";

    @TempDir
    Path tmp;
    AppContext bob;
    FxTaskRunner runner;
    Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void store() throws Exception {
        try (AppContext me = TestStores.open(tmp, "s")) {
            me.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
            me.spaces().create(PROD, "", KeyAlgorithm.EC_P256);
            me.roles().grant(DEV, Role.ADMINISTRATOR, null, Grantee.person("bob"));
            me.roles().grant(PROD, Role.VIEWER, null, Grantee.person("bob"));
        }
        bob = new AppContext(Store.open(TestStores.location(tmp, "s"), Clock.systemUTC(), "bob"));
        runner = new FxTaskRunner();
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void close() throws Exception {
        odcm.app.ui.ScreenStage.close(stage, runner, bob::close);
    }

    private void idle() throws Exception {
        odcm.app.ui.ScreenStage.idle(runner);
    }

    private static String tooltipOf(Node button) {
        Tooltip tip = (Tooltip) button.getParent().getProperties().get("javafx.scene.control.Tooltip");
        return tip == null ? null : tip.getText();
    }

    @Test
    void bobGrantsARoleWhereHeIsAdministratorAndMayNotRevokeElsewhere() throws Exception {
        RolesView view = new RolesView(new RolesViewModel(bob.roles(), bob.spaces(), bob.environments(), runner, new RoleGate(bob.roles(), runner)));
        Screen screen = view.screen();
        odcm.app.ui.ScreenStage.show(stage, screen, runner);
        assertEquals("You are bob. The grants below are the rules for you: what you may not do is disabled, saying why.",
                lookup("#roles-who").<Label>query().getText());
        TableView<RoleGrant> table = lookup("#roles-table").query();
        int before = table.getItems().size();

        // Grant… with the keyboard: the dialog opens on the space, then role, environment, person's name; Enter grants.
        clickOn("#grant-role");
        idle();
        ComboBox<String> space = lookup("#grant-role-space").query();
        WaitForAsyncUtils.asyncFx(() -> space.setValue(DEV)).get(5, TimeUnit.SECONDS);
        ComboBox<Role> role = lookup("#grant-role-role").query();
        WaitForAsyncUtils.asyncFx(() -> role.setValue(Role.APPROVER)).get(5, TimeUnit.SECONDS);
        Button ok = lookup("#grant-role-ok").query();
        assertTrue(ok.isDisabled(), "no Grant without a name");
        assertEquals("Name the person (their login on a team store).", lookup("#grant-role-preview").<Label>query().getText());
        clickOn("#grant-role-name");
        ConsoleDriver.write(this, "carol");
        assertEquals("carol will be approver of 'DevTest Space': " + Role.APPROVER.permits() + ".", lookup("#grant-role-preview").<Label>query().getText());
        type(KeyCode.ENTER);
        idle();
        assertTrue(lookup("#grant-role-dialog").tryQuery().isEmpty(), "the dialog closed once granted");
        assertEquals(before + 1, table.getItems().size());
        assertTrue(table.getItems().stream().anyMatch(g -> g.sentence().equals("carol is approver of 'DevTest Space'")), table.getItems().toString());
        assertEquals("Granted: carol is approver of 'DevTest Space'.", lookup("#roles-message").<Label>query().getText());
        assertEquals("role.grant", bob.audit().list(odcm.model.audit.AuditFilter.ALL).stream()
                .max(java.util.Comparator.comparingLong(odcm.model.audit.AuditEntry::seq)).orElseThrow().action());

        // A grant of Prod Space, where bob is only a viewer: Revoke… disabled, saying why.
        RoleGrant prodGrant = table.getItems().stream().filter(g -> g.spaceName().equals(PROD)).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(prodGrant)).get(5, TimeUnit.SECONDS);
        idle();
        Button revoke = lookup("#revoke-role").query();
        assertTrue(revoke.isDisabled());
        assertEquals("bob may not grant or revoke roles in 'Prod Space': that needs the administrator role of 'Prod Space'.", tooltipOf(revoke));
        RoleGrant carol = table.getItems().stream().filter(g -> g.grantee().name().equals("carol")).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(carol)).get(5, TimeUnit.SECONDS);
        idle();
        assertFalse(revoke.isDisabled(), "bob administers DevTest Space");
        assertEquals(null, tooltipOf(revoke), "no reason shown for a button that works");
    }

    @Test
    void theProjectEditorsSaveIsDisabledWithTheMissingRole() throws Exception {
        try (ScreensHarness ui = new ScreensHarness(bob)) {
            ui.chooseSpace(PROD).show(ui.projects);
            Button save = ui.node("#project-save");
            assertTrue(save.isDisabled());
            assertEquals("bob may not change projects in 'Prod Space': that needs the release manager role of 'Prod Space'.", tooltipOf(save));
        }
    }

    /** Where bob is only a viewer, Create release…, Promote… and Deploy… are disabled, each saying the role it needs. */
    @Test
    void theReleasesButtonsAreDisabledWithTheMissingRole() throws Exception {
        try (ScreensHarness ui = new ScreensHarness(bob)) {
            ui.chooseSpace(PROD).show(ui.releases);
            Button create = ui.node("#new-release");
            Button promote = ui.node("#promote-release");
            Button deploy = ui.node("#deploy");
            assertTrue(create.isDisabled() && promote.isDisabled() && deploy.isDisabled());
            assertEquals("bob may not create a release in 'Prod Space': that needs the release manager role of 'Prod Space'.", tooltipOf(create));
            assertEquals("bob may not promote a release (write a release bundle) in 'Prod Space': that needs the release manager role of"
                    + " 'Prod Space'.", tooltipOf(promote));
            assertEquals("bob may not record a deployment in 'Prod Space': that needs the deployer role of 'Prod Space'.", tooltipOf(deploy));
            ui.chooseSpace(DEV).show(ui.releases); // bob administers DevTest Space, and deploys nowhere: the reason follows the space
            assertEquals("bob may not record a deployment in 'DevTest Space': that needs the deployer role of 'DevTest Space'.", tooltipOf(deploy));
        }
    }

    /** Carol holds no role anywhere: Add trust… and Add remote space… are disabled, each saying the role it needs. */
    @Test
    void withoutAnAdministratorRoleAddTrustAndAddRemoteSpaceAreDisabledSayingWhy() throws Exception {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        AppContext first = bob;
        WaitForAsyncUtils.asyncFx(() -> runner.shutdown(() -> {
            first.close();
            closed.countDown();
        })).get(20, TimeUnit.SECONDS);
        assertTrue(closed.await(20, TimeUnit.SECONDS), "bob's store closed before carol's opens");
        bob = new AppContext(Store.open(TestStores.location(tmp, "s"), Clock.systemUTC(), "carol")); // another person, as bob is
        runner = new FxTaskRunner();
        RoleGate gate = new RoleGate(bob.roles(), runner);
        show(new odcm.app.ui.trust.TrustsView(new odcm.app.ui.trust.TrustsViewModel(bob.trusts(), bob.spaces(), runner), gate).screen());
        Button addTrust = lookup("#add-trust").query();
        assertTrue(addTrust.isDisabled());
        assertEquals("carol may not trust a space: that needs the administrator role of a local space.", tooltipOf(addTrust));
        show(new odcm.app.ui.remote.RemoteSpacesView(new odcm.app.ui.remote.RemoteSpacesViewModel(bob.remotes(), bob.keys(), bob.spaces(), runner),
                new odcm.app.ui.ScriptedFilePicker(), gate).screen());
        Button addRemote = lookup("#add-remote").query();
        assertTrue(addRemote.isDisabled());
        assertEquals("carol may not add or change a remote space: that needs the administrator role of a local space.", tooltipOf(addRemote));
    }

    /**
     * Bob administers DevTest Space and only views Prod Space: the Spaces, Environments and Lifecycles screens disable what
     * he may not change there, each saying the role it needs, and leave usable what he may.
     */
    @Test
    void spacesEnvironmentsAndLifecyclesDisableWhatBobMayNotChange() throws Exception {
        RoleGate gate = new RoleGate(bob.roles(), runner);
        odcm.app.ui.space.SpacesViewModel spaces = new odcm.app.ui.space.SpacesViewModel(bob.spaces(), bob.keys(), runner);
        show(new odcm.app.ui.space.SpacesView(spaces, new odcm.app.ui.ScriptedFilePicker(), gate).screen());
        TableView<odcm.model.space.Space> table = lookup("#spaces-table").query();
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(s -> s.name().equals(PROD)).findFirst().orElseThrow())).get(5, TimeUnit.SECONDS);
        idle();
        Button rename = lookup("#rename-space").query();
        Button delete = lookup("#delete-space").query();
        assertTrue(rename.isDisabled() && delete.isDisabled());
        assertEquals("bob may not change the space in 'Prod Space': that needs the administrator role of 'Prod Space'.", tooltipOf(rename));
        assertFalse(lookup("#save-certificate").<Button>query().isDisabled(), "reading a certificate needs no role");
        clickOn(PROD); // the Delete key asks too: refused on the screen, no dialog
        type(KeyCode.DELETE);
        idle();
        assertTrue(lookup("#delete-space-dialog").tryQuery().isEmpty() && lookup(".dialog-pane").tryQuery().isEmpty(), "no dialog");
        assertEquals("bob may not change the space in 'Prod Space': that needs the administrator role of 'Prod Space'.",
                lookup("#spaces-message").<Label>query().getText());
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(s -> s.name().equals(DEV)).findFirst().orElseThrow())).get(5, TimeUnit.SECONDS);
        idle();
        assertFalse(rename.isDisabled() || delete.isDisabled(), "bob administers DevTest Space");
        assertEquals(null, tooltipOf(rename));

        odcm.app.ui.common.CurrentSpace current = new odcm.app.ui.common.CurrentSpace();
        WaitForAsyncUtils.asyncFx(() -> current.choose(PROD)).get(5, TimeUnit.SECONDS);
        show(new odcm.app.ui.environment.EnvironmentsView(new odcm.app.ui.environment.EnvironmentsViewModel(bob.environments(), bob.templates(), bob.remoteTemplates(), bob.spaces(),
                runner, current), current, () -> { }, gate).screen());
        Button newEnvironment = lookup("#new-environment").query();
        assertTrue(newEnvironment.isDisabled() && lookup("#new-remote-environment").<Button>query().isDisabled());
        assertEquals("bob may not change the environments in 'Prod Space': that needs the administrator role of 'Prod Space'.",
                tooltipOf(newEnvironment));
        WaitForAsyncUtils.asyncFx(() -> current.choose(DEV)).get(5, TimeUnit.SECONDS);
        idle();
        assertFalse(newEnvironment.isDisabled(), "the reason follows the space");

        WaitForAsyncUtils.asyncFx(() -> current.choose(PROD)).get(5, TimeUnit.SECONDS);
        show(new odcm.app.ui.lifecycle.LifecyclesView(new odcm.app.ui.lifecycle.LifecyclesViewModel(bob.lifecycles(), bob.environments(), bob.templates(),
                bob.spaces(), runner, current), current, () -> { }, gate).screen());
        Button newLifecycle = lookup("#new-lifecycle").query();
        Button save = lookup("#lifecycle-save").query();
        assertTrue(newLifecycle.isDisabled() && save.isDisabled());
        String lifecycles = "bob may not change lifecycles in 'Prod Space': that needs the release manager role of 'Prod Space'.";
        assertEquals(lifecycles, tooltipOf(newLifecycle));
        assertEquals(lifecycles, tooltipOf(save));
    }

    private void show(Screen screen) throws Exception {
        odcm.app.ui.ScreenStage.show(stage, screen, runner);
    }
}
