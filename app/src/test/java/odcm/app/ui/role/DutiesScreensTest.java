package odcm.app.ui.role;

import odcm.app.ui.DirectRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.app.service.ApprovalService;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.TestStores;
import odcm.app.ui.Theme;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.RoleGate;
import odcm.app.ui.common.Screen;
import odcm.app.ui.release.ScreensHarness;
import odcm.app.ui.task.FxTaskRunner;
import odcm.app.ui.trust.TrustsView;
import odcm.app.ui.trust.TrustsViewModel;
import odcm.model.role.Duties;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Separation of duties in the console (issue 14, points 3 and 5; decision 0043), over the example organisation, whose releases
 * this computer's user made: with the rule on, the maker sees Approve… disabled with the reason; bob and carol, other people
 * (the store opened under their names, as the roles tests do), approve, and with two approvals required the release stays
 * pending after the first. A trust proposed by one administrator waits on the Trusts screen, Confirm disabled for its proposer
 * with the reason, and bob confirms it. The People & roles screen shows a space's duties and changes them through Duties….
 * Screenshots (with -Dodcm.screenshots=true): duties-compare-maker, trusts-pending-proposal, roles-duties, roles-duties-dialog.
 */
class DutiesScreensTest extends DirectRobot {
    private static final String DEV = Demo.DEVTEST;

    @TempDir
    Path tmp;
    StoreLocation at;
    String me;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void demo() {
        at = TestStores.demo(tmp, "store");
        try (AppContext ctx = AppContext.open(at)) {
            me = ctx.store().person().name();
            ctx.roles().grant(DEV, Role.APPROVER, null, Grantee.person("bob"));
            ctx.roles().grant(DEV, Role.APPROVER, null, Grantee.person("carol"));
            ctx.roles().grant(DEV, Role.ADMINISTRATOR, null, Grantee.person("bob"));
        }
    }

    private static String tooltipOf(Node button) {
        Tooltip tip = (Tooltip) button.getParent().getProperties().get("javafx.scene.control.Tooltip");
        return tip == null ? null : tip.getText();
    }

    /** Opens the comparison of Web Shop's last two releases (TO 2.0.0) as the person of {@code ctx}. */
    private static ScreensHarness compare(AppContext ctx) throws Exception {
        ScreensHarness ui = new ScreensHarness(ctx);
        ui.chooseSpace(DEV).show(ui.releases);
        ui.clickOn("#release-project").clickOn("Web Shop");
        ui.idle();
        ui.clickOn("#compare-releases");
        ui.idle();
        return ui;
    }

    private static void closeCompare(ScreensHarness ui) throws Exception {
        ScreensHarness.fx(() -> {
            ui.lookup("#compare-window").tryQuery().ifPresent(n -> ((Stage) n.getScene().getWindow()).close());
            return null;
        });
        ui.close();
    }

    private Optional<String> deploymentRefusal(AppContext ctx) {
        long space = ctx.spaces().list().stream().filter(s -> s.name().equals(DEV)).findFirst().orElseThrow().id();
        long release = ctx.releases().list(DEV, "Web Shop").stream().filter(r -> r.version().equals("2.0.0")).findFirst().orElseThrow().id();
        return ctx.store().read(tx -> ApprovalService.deploymentRefusal(tx, space, release));
    }

    private void approveAs(String person, String comment) throws Exception {
        try (AppContext ctx = new AppContext(Store.open(at, Clock.systemUTC(), person))) {
            ScreensHarness ui = compare(ctx);
            Button approve = ui.node("#compare-approve");
            assertFalse(approve.isDisabled(), person + " did not make the release: " + tooltipOf(approve));
            ui.clickOn("#compare-approve");
            ui.idle();
            ui.clickOn("#decision-comment");
            ui.write(comment);
            ui.clickOn("#decision-ok");
            ui.idle();
            closeCompare(ui);
        }
    }

    @Test
    void theMakerSeesApproveDisabledWithTheReasonAndTwoOthersApprove() throws Exception {
        try (AppContext ctx = AppContext.open(at)) {
            ctx.approvals().setRequired(DEV, true);
            ctx.duties().set(DEV, true, 2, null);
        }
        try (AppContext ctx = AppContext.open(at)) {
            ScreensHarness ui = compare(ctx);
            Button approve = ui.node("#compare-approve");
            Button reject = ui.node("#compare-reject");
            assertTrue(approve.isDisabled(), "the maker may not approve");
            assertEquals(me + " created release 2.0.0 of Web Shop, so another approver must approve it (separation of duties in 'DevTest Space').",
                    tooltipOf(approve));
            assertFalse(reject.isDisabled(), "a rejection only restricts: the maker may reject");
            assertTrue(ui.<Label>node("#compare-approval").getText().endsWith(" 2.0.0 has 0 of 2 approvals."), ui.<Label>node("#compare-approval").getText());
            ConsoleDriver.shoot(approve.getScene(), "duties-compare-maker");
            closeCompare(ui);
        }

        approveAs("bob", "read the changes");
        try (AppContext ctx = AppContext.open(at)) {
            assertEquals(Optional.of("1 of 2 approvals"), ctx.approvals().tally(DEV, "Web Shop", "2.0.0"));
            assertEquals(Optional.of("Release 2.0.0 of Web Shop has 1 of 2 approvals in DevTest Space; it needs 2 distinct approvers other than"
                    + " its maker before its first deployment here (separation of duties)."), deploymentRefusal(ctx), "still pending after one approval");
        }
        approveAs("carol", "agreed");
        try (AppContext ctx = AppContext.open(at)) {
            assertEquals(Optional.of("2 of 2 approvals"), ctx.approvals().tally(DEV, "Web Shop", "2.0.0"));
            assertEquals(Optional.empty(), deploymentRefusal(ctx));
        }
    }

    @Test
    void aProposedTrustWaitsForASecondAdministratorOnTheTrustsScreen() throws Exception {
        try (AppContext ctx = AppContext.open(at)) {
            ctx.duties().set(DEV, null, null, true);
            ctx.trusts().addOrPropose(DEV, Demo.QA, TrustKind.RELEASE_BUNDLES, null);
        }
        try (Shown mine = show(AppContext.open(at), c -> new TrustsView(new TrustsViewModel(c.trusts(), c.spaces(), mine()), gate(c)).screen())) {
            ListView<TrustsViewModel.Pending> list = lookup("#trust-proposals").query();
            assertEquals(1, list.getItems().size());
            assertTrue(list.getItems().get(0).line().startsWith("#1 'DevTest Space' accepts release bundles from 'QA Space', proposed by " + me + " on "),
                    list.getItems().get(0).line());
            Button confirm = lookup("#confirm-trust").query();
            assertTrue(confirm.isDisabled());
            assertEquals(me + " proposed this trust, so another administrator must confirm it (separation of duties in 'DevTest Space').",
                    tooltipOf(confirm));
            assertFalse(lookup("#decline-trust").<Button>query().isDisabled(), "the proposer may withdraw it");
            ConsoleDriver.shoot(confirm.getScene(), "trusts-pending-proposal");
        }
        try (Shown bobs = show(new AppContext(Store.open(at, Clock.systemUTC(), "bob")),
                c -> new TrustsView(new TrustsViewModel(c.trusts(), c.spaces(), mine()), gate(c)).screen())) {
            Button confirm = lookup("#confirm-trust").query();
            assertFalse(confirm.isDisabled(), tooltipOf(confirm));
            clickOn("#confirm-trust");
            idle();
            TableView<Trust> trusts = lookup("#trusts-table").query();
            assertTrue(trusts.getItems().stream().anyMatch(t -> t.sentence().equals("'DevTest Space' accepts release bundles from 'QA Space'")
                    && t.createdBy().equals("bob")), trusts.getItems().toString());
            assertFalse(lookup("#trust-proposals-box").query().isVisible(), "nothing waits any more");
            assertTrue(lookup("#trusts-message").<Label>query().getText().startsWith("Trusted: 'DevTest Space' accepts release bundles from 'QA Space'"
                    + " (proposal #1 by " + me + " confirmed)."), lookup("#trusts-message").<Label>query().getText());
        }
    }

    @Test
    void theSpacesDutiesAreShownAndChangedOnThePeopleAndRolesScreen() throws Exception {
        try (Shown mine = show(AppContext.open(at), c -> new RolesView(new RolesViewModel(c.roles(), c.spaces(), c.environments(), mine(), gate(c))).screen())) {
            Button edit = lookup("#duties-edit").query();
            assertTrue(edit.isDisabled(), "every space is shown: choose one first");
            ComboBox<String> space = lookup("#roles-space").query();
            WaitForAsyncUtils.asyncFx(() -> space.setValue(DEV)).get(5, TimeUnit.SECONDS);
            idle();
            assertEquals("Separation of duties in 'DevTest Space': " + Duties.DEFAULT.sentence() + ".", lookup("#duties-text").<Label>query().getText());
            clickOn("#duties-edit");
            idle();
            clickOn("#duties-approver-not-maker");
            clickOn("#duties-two-admin-trust");
            ConsoleDriver.shoot(lookup("#duties-dialog").query().getScene(), "roles-duties-dialog");
            clickOn("#duties-ok");
            idle();
            Duties now = new Duties(true, 1, true);
            assertEquals("Separation of duties in 'DevTest Space': " + now.sentence() + ".", lookup("#duties-text").<Label>query().getText());
            assertEquals(now, mine.ctx().duties().of(DEV));
            ConsoleDriver.shoot(edit.getScene(), "roles-duties");
        }
        try (Shown carols = show(new AppContext(Store.open(at, Clock.systemUTC(), "carol")),
                c -> new RolesView(new RolesViewModel(c.roles(), c.spaces(), c.environments(), mine(), gate(c))).screen())) {
            ComboBox<String> space = lookup("#roles-space").query();
            WaitForAsyncUtils.asyncFx(() -> space.setValue(DEV)).get(5, TimeUnit.SECONDS);
            idle();
            Button edit = lookup("#duties-edit").query();
            assertTrue(edit.isDisabled());
            assertEquals("carol may not change the separation of duties in 'DevTest Space': that needs the administrator role of 'DevTest Space'.",
                    tooltipOf(edit));
        }
    }

    /**
     * Approval gates (issue 15, point 3; decision 0046) are set beside the duties: Approval gates… ticks the environments, the
     * line says what is gated, and a deployment to Test then needs an approval while Development does not; carol (no
     * administrator) sees the button disabled with the reason. Screenshots: roles-approval-gates-dialog, roles-approval-gates.
     */
    @Test
    void approvalGatesAreSetPerEnvironmentOnThePeopleAndRolesScreen() throws Exception {
        try (Shown mine = show(AppContext.open(at), c -> new RolesView(new RolesViewModel(c.roles(), c.spaces(), c.environments(), mine(), gate(c))).screen())) {
            ComboBox<String> space = lookup("#roles-space").query();
            WaitForAsyncUtils.asyncFx(() -> space.setValue(DEV)).get(5, TimeUnit.SECONDS);
            idle();
            assertEquals("Approval gates: none — a release needs no approval before deployment here (a rejection still stops it everywhere).",
                    lookup("#gates-text").<Label>query().getText());
            clickOn("#gates-edit");
            idle();
            javafx.scene.control.CheckBox test = from(lookup("#gates-environments").<Node>query()).lookup((Node n) -> n instanceof javafx.scene.control.CheckBox
                    && ((javafx.scene.control.CheckBox) n).getText().equals("Test")).query();
            clickOn(test);
            ConsoleDriver.shoot(lookup("#gates-dialog").query().getScene(), "roles-approval-gates-dialog");
            clickOn("#gates-ok");
            idle();
            assertEquals(new ApprovalService.Gates(false, java.util.List.of("Test"), 1), mine.ctx().approvals().gates(DEV));
            assertEquals("Approval gates: Test — an approval before a release's first deployment there; a rejection stops it everywhere.",
                    lookup("#gates-text").<Label>query().getText());
            ConsoleDriver.shoot(lookup("#gates-text").query().getScene(), "roles-approval-gates");
            long s = mine.ctx().spaces().find(DEV).id();
            long release = mine.ctx().releases().find(DEV, "Web Shop", "2.0.0").id();
            java.util.function.Function<String, Optional<String>> refusal = environment -> mine.ctx().store().read(tx -> ApprovalService
                    .deploymentRefusal(tx, s, release, tx.environments().findByName(s, environment).orElseThrow().id()));
            assertEquals(Optional.empty(), refusal.apply("Development"), "not gated");
            assertEquals(Optional.of("Release 2.0.0 of Web Shop needs an approval in DevTest Space before its first deployment to Test; it has none."),
                    refusal.apply("Test"));
        }
        try (Shown carols = show(new AppContext(Store.open(at, Clock.systemUTC(), "carol")),
                c -> new RolesView(new RolesViewModel(c.roles(), c.spaces(), c.environments(), mine(), gate(c))).screen())) {
            ComboBox<String> space = lookup("#roles-space").query();
            WaitForAsyncUtils.asyncFx(() -> space.setValue(DEV)).get(5, TimeUnit.SECONDS);
            idle();
            Button edit = lookup("#gates-edit").query();
            assertTrue(edit.isDisabled());
            assertEquals("carol may not change the approval rule in 'DevTest Space': that needs the administrator role of 'DevTest Space'.",
                    tooltipOf(edit));
        }
    }

    /** An approval given on the Compare screen records the FROM release it was compared against, and the snapshot approved. */
    @Test
    void anApprovalOnTheCompareScreenRecordsWhatItWasComparedAgainst() throws Exception {
        approveAs("bob", "read the changes");
        try (AppContext ctx = AppContext.open(at)) {
            odcm.model.release.ApprovalDecision d = ctx.approvals().decisions(DEV, "Web Shop", "2.0.0").get(0);
            assertEquals("1.1.0", d.against(), "the Compare screen's FROM");
            assertEquals("bob", d.decidedBy());
            assertEquals(ctx.store().read(tx -> tx.approvals().covered(d.releaseId())).snapshotHash(), d.snapshotHash());
            ScreensHarness ui = compare(ctx);
            assertTrue(ui.<Label>node("#compare-approval").getText().contains("2.0.0 was approved by bob on ")
                    && ui.<Label>node("#compare-approval").getText().contains(" against 1.1.0: read the changes"), ui.<Label>node("#compare-approval").getText());
            closeCompare(ui);
        }
    }

    /**
     * Review (attacker, 0043), fixed: where the space requires two administrators, unticking a rule in Duties… only proposes
     * it; the panel shows it waiting, Confirm disabled for its proposer with the reason, and another administrator (bob)
     * confirms it there. Screenshot (with -Dodcm.screenshots=true): roles-duties-proposal.
     */
    @Test
    void aLooseningWaitsOnThePeopleAndRolesScreenForASecondAdministrator() throws Exception {
        Duties strict = new Duties(true, 1, true);
        try (AppContext ctx = AppContext.open(at)) {
            ctx.duties().set(DEV, true, 1, true);
        }
        try (Shown mine = show(AppContext.open(at), c -> new RolesView(new RolesViewModel(c.roles(), c.spaces(), c.environments(), mine(), gate(c))).screen())) {
            ComboBox<String> space = lookup("#roles-space").query();
            WaitForAsyncUtils.asyncFx(() -> space.setValue(DEV)).get(5, TimeUnit.SECONDS);
            idle();
            assertFalse(lookup("#duties-proposal-box").query().isVisible(), "nothing waits yet");
            clickOn("#duties-edit");
            idle();
            clickOn("#duties-approver-not-maker");
            clickOn("#duties-ok");
            idle();
            assertEquals(strict, mine.ctx().duties().of(DEV), "a loosening alone changes nothing");
            assertEquals("Separation of duties in 'DevTest Space': " + strict.sentence() + ".", lookup("#duties-text").<Label>query().getText());
            assertTrue(lookup("#roles-message").<Label>query().getText().startsWith("Proposed (#1) by " + me + " for 'DevTest Space': "),
                    lookup("#roles-message").<Label>query().getText());
            assertTrue(lookup("#duties-proposal-box").query().isVisible());
            assertTrue(lookup("#duties-proposal").<Label>query().getText().startsWith("Proposal #1 by " + me + " on "));
            Button confirm = lookup("#duties-confirm").query();
            assertTrue(confirm.isDisabled());
            assertEquals(me + " proposed this change, so another administrator of 'DevTest Space' must confirm it (separation of duties).",
                    tooltipOf(confirm));
            assertFalse(lookup("#duties-decline").<Button>query().isDisabled(), "the proposer may withdraw it");
            ConsoleDriver.shoot(confirm.getScene(), "roles-duties-proposal");
        }
        try (Shown bobs = show(new AppContext(Store.open(at, Clock.systemUTC(), "bob")),
                c -> new RolesView(new RolesViewModel(c.roles(), c.spaces(), c.environments(), mine(), gate(c))).screen())) {
            ComboBox<String> space = lookup("#roles-space").query();
            WaitForAsyncUtils.asyncFx(() -> space.setValue(DEV)).get(5, TimeUnit.SECONDS);
            idle();
            Button confirm = lookup("#duties-confirm").query();
            assertFalse(confirm.isDisabled(), tooltipOf(confirm));
            clickOn("#duties-confirm");
            idle();
            Duties now = new Duties(false, 1, true);
            assertEquals(now, bobs.ctx().duties().of(DEV));
            assertEquals("Separation of duties in 'DevTest Space': " + now.sentence() + ".", lookup("#duties-text").<Label>query().getText());
            assertFalse(lookup("#duties-proposal-box").query().isVisible(), "nothing waits any more");
        }
    }

    // --- one screen on a stage of its own, with its store, task runner and gate

    private FxTaskRunner runner;
    private Stage stage;

    private FxTaskRunner mine() {
        return runner;
    }

    private RoleGate gate(AppContext c) {
        return new RoleGate(c.roles(), runner);
    }

    private record Shown(AppContext ctx, FxTaskRunner runner, Stage stage) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            WaitForAsyncUtils.asyncFx(() -> {
                runner.shutdown(ctx::close);
                stage.close();
            }).get(20, TimeUnit.SECONDS);
        }
    }

    private Shown show(AppContext ctx, java.util.function.Function<AppContext, Screen> screen) throws Exception {
        runner = new FxTaskRunner();
        stage = FxToolkit.registerStage(Stage::new);
        Screen s = WaitForAsyncUtils.asyncFx(() -> screen.apply(ctx)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            Theme.apply();
            Scene scene = new Scene((javafx.scene.Parent) s.node(), 1100, 720);
            scene.getStylesheets().add(Css.stylesheet());
            stage.setScene(scene);
            stage.show();
            s.shown();
        }).get(10, TimeUnit.SECONDS);
        idle();
        return new Shown(ctx, runner, stage);
    }

    private void idle() throws Exception {
        odcm.app.ui.DirectRobot.settle();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !WaitForAsyncUtils.asyncFx(() -> runner.isBusy()).get());
        odcm.app.ui.DirectRobot.settle();
    }
}
