package odcm.app.ui.inbox;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import odcm.app.TestBundles;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.Theme;
import odcm.app.ui.common.Css;
import odcm.app.ui.task.FxTaskRunner;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.Release;
import odcm.model.release.ReleaseSnapshot;
import odcm.packaging.bundle.BundleContent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's Values step over a release of 5,000 templates, for the two environments of Prod Space's lifecycle: 10,000
 * values in a virtualised list (only the lines in sight have controls), found with the search, typed values kept when
 * their line scrolls away and comes back, sensitive values neither shown nor searchable, and the sentence of what is
 * missing naming the first few and counting the rest.
 */
class BigImportWizardUiTest extends TwoNetworkScreens {
    static final int TEMPLATES = 5_000;
    static final String SECRET = "db-secret-value-77";

    @Test
    void theValuesStepShowsTenThousandValuesInAVirtualisedListAndFindsOne() throws Exception {
        var both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        byte[] bundle = bigBundle();
        stage = FxToolkit.registerStage(Stage::new);
        runner = fx(FxTaskRunner::new);
        ImportWizardModel model = new ImportWizardModel(prod.imports(), runner, PROD, bundle, "big.odcmbundle");
        fx(() -> {
            Theme.apply();
            Scene scene = new Scene(new BorderPane(), 400, 300);
            scene.getStylesheets().add(Css.stylesheet());
            stage.setScene(scene);
            stage.show();
            ImportWizard.open(stage, model);
            return null;
        });
        idle();
        for (int i = 0; i < 3; i++) {
            clickOn("#wizard-next");
            idle();
        }
        ListView<ImportWizard.ValueLine> list = node("#wizard-values");
        assertEquals(2 * TEMPLATES + 2, list.getItems().size(), "a heading per environment and a line per template and environment");
        int cells = fx(() -> list.lookupAll(".list-cell").size());
        assertTrue(cells < 60, "only the lines in sight have cells: " + cells);
        assertTrue(list.lookupAll(".text-field").size() < 60, "and controls");
        assertEquals("Staging (5000 values)", this.<Label>node("#values-Staging").getText());
        Label missing = node("#wizard-missing");
        assertTrue(missing.getText().startsWith("Missing mandatory values (1000): Staging: Template 0; Staging: Template 10; "), missing.getText());
        assertTrue(missing.getText().endsWith("Staging: Template 90; and 990 more."), missing.getText());
        ConsoleDriver.shoot(list.getScene(), "wizard-4-values-10000");

        // Found with the search: typed into, then the search cleared and the line scrolled away and back: the value stays.
        clickOn("#wizard-values-search").write("template 4321");
        odcm.app.ui.DirectRobot.settle();
        assertEquals(List.of("values-Staging", "value-Staging-Template4321", "values-Production", "value-Production-Template4321"),
                list.getItems().stream().map(ImportWizard.ValueLine::id).toList());
        clickOn(this.<Node>node("#value-Production-Template4321")).write("typed-4321");
        VariableTemplate t4321 = model.values().get("Production").keySet().stream().filter(t -> t.name().equals("Template4321")).findFirst().orElseThrow();
        assertEquals("typed-4321", model.values().get("Production").get(t4321).get());
        ConsoleDriver.shoot(list.getScene(), "wizard-4-values-10000-found");
        fx(() -> {
            this.<TextField>node("#wizard-values-search").clear();
            return null;
        });
        odcm.app.ui.DirectRobot.settle();
        assertEquals(2 * TEMPLATES + 2, list.getItems().size(), "the search cleared: every line again");
        fx(() -> {
            list.scrollTo(0);
            return null;
        });
        odcm.app.ui.DirectRobot.settle();
        assertTrue(lookup("#value-Production-Template4321").tryQuery().isEmpty(), "scrolled away: no control for it");
        assertTrue(fx(() -> ImportWizard.scrollTo(list, "value-Production-Template4321")));
        odcm.app.ui.DirectRobot.settle();
        assertEquals("typed-4321", this.<TextField>node("#value-Production-Template4321").getText(), "shown again with what was typed");
        everyLineInSightShowsItsNode(list);
        assertEquals("typed-4321", model.values().get("Production").get(t4321).get());

        // Tab walks from field to field beyond the lines in sight: the list follows the focus.
        assertTrue(fx(() -> ImportWizard.scrollTo(list, "value-Staging-Template0")));
        odcm.app.ui.DirectRobot.settle();
        clickOn(this.<Node>node("#value-Staging-Template0"));
        for (int i = 0; i < 30; i++) {
            push(KeyCode.TAB);
        }
        odcm.app.ui.DirectRobot.settle();
        Node focused = fx(() -> list.getScene().getFocusOwner());
        assertEquals("value-Staging-Template30", focused.getId(), "thirty fields on, past the lines first in sight");
        assertTrue(fx(() -> cellOf(focused).getIndex()) == 31, "the focused field's line");
        everyLineInSightShowsItsNode(list);

        // Sensitive: a password field, and its value is not searchable.
        assertTrue(fx(() -> ImportWizard.scrollTo(list, "value-Production-Secret")));
        odcm.app.ui.DirectRobot.settle();
        assertInstanceOf(PasswordField.class, node("#value-Production-Secret"));
        fx(() -> {
            this.<TextField>node("#wizard-values-search").setText(SECRET);
            return null;
        });
        odcm.app.ui.DirectRobot.settle();
        assertTrue(list.getItems().isEmpty(), "no line is found by a value");
        assertFalse(fx(() -> list.getScene().getRoot().lookupAll(".label").stream()
                .anyMatch(n -> n instanceof Label l && l.getText() != null && l.getText().contains(SECRET))), "the secret is nowhere on screen");
        assertTrue(this.<javafx.scene.control.Button>node("#wizard-finish").isDisabled(), "Finish waits for the mandatory values");
        ConsoleDriver.shoot(list.getScene(), "wizard-4-values-10000-not-by-value");
    }

    /** No line on screen is blank: a node has one parent, so a node shared by two cells would leave one of them empty. */
    private void everyLineInSightShowsItsNode(ListView<ImportWizard.ValueLine> list) throws Exception {
        List<String> blank = fx(() -> list.lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && (c.getGraphic() == null || c.getGraphic().getParent() != c))
                .map(c -> "line " + c.getIndex()).toList());
        assertEquals(List.of(), blank, "lines on screen without their controls");
    }

    /** The line ({@link ListCell}) a node of the Values list is in. */
    private static ListCell<?> cellOf(Node n) {
        Node p = n;
        while (!(p instanceof ListCell<?>)) {
            p = p.getParent();
        }
        return (ListCell<?>) p;
    }

    /** Release 1.0.0 of DevTest's Web with 5,000 single-line templates (every tenth mandatory) and a sensitive one it provides. */
    private byte[] bigBundle() {
        Release r = dev.releases().find(DEV, "Web", "1.0.0");
        List<VariableTemplate> templates = new ArrayList<>();
        for (int i = 0; i < TEMPLATES - 1; i++) {
            templates.add(new VariableTemplate("Template" + i, "Template " + i, "help " + i, TemplateType.SINGLE_LINE, List.of(), i % 10 == 0, ""));
        }
        templates.add(new VariableTemplate("Secret", "A secret", "", TemplateType.SENSITIVE, List.of(), false, ""));
        List<Variable> variables = new ArrayList<>(r.snapshot().variables());
        variables.add(new Variable("Secret", SECRET, true, odcm.model.project.Scope.ALL));
        Instant now = dev.spaces().now();
        return TestBundles.write(dev, new BundleContent(UUID.randomUUID(), DEV, PROD, 1, now.minusSeconds(60), now.plus(Duration.ofDays(14)), "Web",
                r.version(), r.notes(), r.channel(), new ReleaseSnapshot(r.snapshot().process(), variables, templates, r.snapshot().packages()), List.of()));
    }
}
