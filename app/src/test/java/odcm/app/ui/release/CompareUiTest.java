package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import odcm.app.apply.Demo;
import odcm.app.ui.ConsoleDriver;
import odcm.model.audit.AuditFilter;
import odcm.model.release.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An approver compares two demo releases of Web Shop: steps through the changes from the keyboard, reads the
 * script's line diff, shows everything, exports HTML, reveals a sensitive value (audited) and rejects the release.
 * The comparison window is saved to target/screenshots/compare-releases.png.
 */
class CompareUiTest extends DemoScreensTest {
    @BeforeEach
    void open() throws Exception {
        ui.show(ui.releases);
        ui.clickOn("#release-project").clickOn("Web Shop");
        ui.idle();
    }

    @AfterEach
    void close() throws Exception {
        ScreensHarness.fx(() -> {
            ui.lookup("#compare-window").tryQuery().ifPresent(n -> ((Stage) n.getScene().getWindow()).close());
            return null;
        });
    }

    private String selectedName() {
        TableView<CompareRow> table = ui.node("#compare-table");
        CompareRow r = table.getSelectionModel().getSelectedItem();
        return r == null || r.entry() == null ? null : r.entry().name();
    }

    /**
     * Decision 0033, 2026-12-04: a row reused for a change of the same kind keeps its style classes untouched (each
     * change of them matches the row's CSS again); reused for another kind, it carries that kind's class alone. On the
     * code before, every reuse removed and added the class again.
     */
    @Test
    void aReusedRowChangesItsStyleOnlyForAnotherKindOfChange() throws Exception {
        ui.clickOn("#compare-releases");
        ui.idle();
        TableView<CompareRow> table = ui.node("#compare-table");
        ScreensHarness.fx(() -> {
            List<CompareRow> rows = table.getItems();
            String kind = rows.get(0).styleClass();
            int same = java.util.stream.IntStream.range(1, rows.size()).filter(i -> rows.get(i).styleClass().equals(kind)).findFirst().orElseThrow();
            int other = java.util.stream.IntStream.range(1, rows.size()).filter(i -> !rows.get(i).styleClass().equals(kind)).findFirst().orElseThrow();
            javafx.scene.control.TableRow<CompareRow> row = table.getRowFactory().call(table);
            row.updateTableView(table);
            row.updateIndex(0);
            assertTrue(row.getStyleClass().contains(kind), row.getStyleClass().toString());
            List<String> changes = new java.util.ArrayList<>();
            row.getStyleClass().addListener((javafx.collections.ListChangeListener<String>) c -> changes.add(c.toString()));
            row.updateIndex(same);
            assertEquals(List.of(), changes, "a change of the same kind (" + kind + ") leaves the classes alone");
            row.updateIndex(other);
            String otherKind = rows.get(other).styleClass();
            assertEquals(List.of(otherKind), row.getStyleClass().stream().filter(c -> c.startsWith("compare-")).toList(),
                    "another kind: its class alone");
            row.updateIndex(rows.size() + 5); // empty
            assertEquals(List.of(), row.getStyleClass().stream().filter(c -> c.startsWith("compare-")).toList(), "an empty row: none");
            return null;
        });
    }

    @Test
    void stepThroughTheChangesOfTwoDemoReleases() throws Exception {
        ui.clickOn("#compare-releases");
        ui.idle();
        TableView<CompareRow> table = ui.node("#compare-table");
        assertEquals("1 step added, 1 changed, 1 variable changed, 1 template added, 2 packages changed.",
                ui.<Label>node("#compare-summary").getText());
        assertEquals("FROM 1.1.0", table.getColumns().get(3).getText(), "the previous release is FROM by default");
        assertEquals("TO 2.0.0", table.getColumns().get(4).getText());
        assertEquals(null, selectedName());

        ui.clickOn("#compare-summary");
        ui.push(KeyCode.F7);
        assertEquals("Run database migrations", selectedName());
        assertTrue(ui.lookup("#compare-line-diff").tryQuery().isPresent(), "the changed script shows as a line diff");
        ui.push(KeyCode.F7);
        assertEquals("Smoke test production", selectedName());
        ui.push(KeyCode.SHIFT, KeyCode.F7);
        assertEquals("Run database migrations", selectedName());
        ui.press(KeyCode.ALT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.ALT);
        assertEquals("Smoke test production", selectedName());
        ui.push(KeyCode.F7);
        assertEquals("DbPassword (Development)", selectedName());
        assertTrue(ui.lookup("#compare-reveal").tryQuery().isPresent(), "a sensitive change offers the audited reveal");
        assertTrue(ui.lookup("dev-secret-1").tryQuery().isEmpty() && ui.lookup("dev-secret-2").tryQuery().isEmpty(), "masked");
        ui.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
        ui.push(KeyCode.SHIFT, KeyCode.F7);
        assertEquals("Run database migrations", selectedName());
        ConsoleDriver.shoot(table.getScene(), "compare-releases");

        // Everything, not only the changes: the unchanged deploy step appears, the selection stays.
        int changesOnly = table.getItems().size();
        ui.clickOn("#compare-only-changes");
        ui.idle();
        assertTrue(table.getItems().size() > changesOnly);
        assertTrue(table.getItems().stream().anyMatch(r -> r.entry() != null && r.entry().name().equals("Deploy Web Shop")));
        assertEquals("Run database migrations", selectedName());
        ConsoleDriver.shoot(table.getScene(), "compare-releases-all");
        // A row reused for another kind of change keeps the rows' height: its state changes colour and weight only.
        List<Long> heights = ui.lookup("#compare-table .table-row-cell").queryAll().stream()
                .<javafx.scene.control.TableRow<?>>map(n -> (javafx.scene.control.TableRow<?>) n).filter(r -> r.getItem() != null)
                .map(r -> Math.round(r.getHeight())).distinct().toList();
        assertTrue(heights.stream().mapToLong(h -> h).max().orElseThrow() - heights.stream().mapToLong(h -> h).min().orElseThrow() <= 2,
                "every row as tall as the others (the selected one has a border): " + heights);
        ui.clickOn("#compare-only-changes");
        ui.idle();

        // Export HTML: the file is written off the FX thread, without sensitive values.
        Path html = tmp.resolve("web-shop.html");
        ui.files.next(html);
        ui.clickOn("#compare-export-html");
        ui.idle();
        String report = Files.readString(html);
        assertTrue(report.contains("Run database migrations") && report.contains("--timeout"), "the change is in the report");
        assertFalse(report.contains("dev-secret"), "no sensitive value in the report");

        // Reveal the sensitive change: recorded in the audit log before it is shown.
        ui.clickOn("#compare-summary");
        ui.push(KeyCode.F7).push(KeyCode.F7); // from the selected script: the smoke test, then the password
        assertEquals("DbPassword (Development)", selectedName());
        ui.clickOn("#compare-reveal");
        ui.idle();
        assertEquals("release.reveal", ctx.audit().list(AuditFilter.ALL).get(0).action());
        assertTrue(table.getItems().stream().anyMatch(r -> r.to().equals("dev-secret-2")), "revealed after the audit entry");
        ConsoleDriver.shoot(table.getScene(), "compare-releases-revealed");

        // Reject: refused without a comment (inside the dialog, nothing recorded), then with one.
        ui.clickOn("#compare-reject");
        ui.clickOn("#decision-ok");
        ui.idle();
        assertEquals("Say why the release is rejected: a rejection needs a comment.", ui.<Label>node("#decision-error").getText());
        assertEquals(0, ctx.approvals().decisions(Demo.DEVTEST, "Web Shop", "2.0.0").size());
        ui.clickOn("#decision-comment").write("Smoke test must not run in production yet.");
        ui.shootDialog("decision", "dialog-reject-release");
        ui.clickOn("#decision-ok");
        ui.idle();
        assertEquals(Verdict.REJECTED, ctx.approvals().decisions(Demo.DEVTEST, "Web Shop", "2.0.0").get(0).verdict());
        assertTrue(ui.<Label>node("#compare-approval").getText().contains("2.0.0 was rejected by"), ui.<Label>node("#compare-approval").getText());

        // A rejection binds until a later approval: Approve… stays open; once approved, it is not offered again (decision 0053).
        javafx.scene.control.Button approve = ui.node("#compare-approve");
        assertFalse(approve.isDisabled(), "a rejected release may be approved later");
        ui.clickOn("#compare-approve");
        // Enter in the last field submits, even a text area; Shift+Enter makes a new line there.
        ui.clickOn("#decision-comment").write("Smoke test removed");
        ui.push(KeyCode.SHIFT, KeyCode.ENTER);
        ui.write("from production.");
        ui.push(KeyCode.ENTER);
        ui.idle();
        assertEquals(Verdict.APPROVED, ctx.approvals().decisions(Demo.DEVTEST, "Web Shop", "2.0.0").get(0).verdict());
        assertEquals("Smoke test removed\nfrom production.", ctx.approvals().decisions(Demo.DEVTEST, "Web Shop", "2.0.0").get(0).comment());
        assertTrue(approve.isDisabled(), "decided: no second approval by the same person");
        assertTrue(approve.getAccessibleHelp().startsWith("You approved revision 1 already"), approve.getAccessibleHelp());
        assertFalse(ui.<javafx.scene.control.Button>node("#compare-reject").isDisabled(), "a rejection can still follow");
        ConsoleDriver.shoot(table.getScene(), "compare-releases-approved");
    }
}
