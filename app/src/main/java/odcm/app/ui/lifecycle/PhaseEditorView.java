package odcm.app.ui.lifecycle;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Forms;
import odcm.model.lifecycle.ProgressionRule;

/** The selected phase: its name, its progression rule, and checklists of what it can hold. Rebuilt for each phase. */
final class PhaseEditorView extends VBox {
    private final LifecycleEditorViewModel vm;

    PhaseEditorView(LifecycleEditorViewModel vm) {
        super(10);
        this.vm = vm;
        setId("phase-editor");
        vm.onPhaseShownChanged(this::rebuild);
        rebuild();
    }

    private void rebuild() {
        PhaseEditor p = vm.selectedPhaseProperty().get();
        if (p == null) {
            getChildren().setAll(Forms.emptyState("phase-editor-none",
                    "No phases yet. Add a phase, then choose the environments it deploys to or the space it promotes to."));
            return;
        }
        TextField name = new TextField();
        name.setId("phase-name");
        name.textProperty().bindBidirectional(p.nameProperty());
        ComboBox<ProgressionRule.Kind> rule = new ComboBox<>();
        rule.setId("phase-rule");
        rule.getItems().setAll(ProgressionRule.Kind.values());
        rule.setConverter(new StringConverter<>() {
            @Override
            public String toString(ProgressionRule.Kind k) {
                return k == null ? "" : switch (k) {
                    case ALL -> "All must complete";
                    case AT_LEAST -> "At least N must complete";
                    case OPTIONAL -> "Optional";
                };
            }

            @Override
            public ProgressionRule.Kind fromString(String s) {
                return null;
            }
        });
        rule.valueProperty().bindBidirectional(p.ruleProperty());
        Spinner<Integer> atLeast = new Spinner<>();
        atLeast.setId("phase-at-least");
        atLeast.setPrefWidth(80);
        SpinnerValueFactory.IntegerSpinnerValueFactory values = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 999, p.atLeastProperty().get());
        atLeast.setValueFactory(values);
        values.valueProperty().bindBidirectional(p.atLeastProperty().asObject());
        atLeast.visibleProperty().bind(p.ruleProperty().isEqualTo(ProgressionRule.Kind.AT_LEAST));
        atLeast.managedProperty().bind(atLeast.visibleProperty());
        HBox ruleRow = new HBox(8, rule, atLeast);
        GridPane grid = Forms.grid();
        Forms.row(grid, "Phase _name", name);
        Forms.row(grid, "_Progression", ruleRow);
        // Two by two: four lists side by side leave each too narrow to read a name (1100 px wide window).
        GridPane members = new GridPane();
        members.setHgap(12);
        members.setVgap(12);
        members.add(checklist("phase-env", "Environments", vm.environments(), p.environments(), "",
                "This space has no environments yet: create them on the Environments screen."), 0, 0);
        members.add(checklist("phase-remote", "Remote environments", vm.remoteEnvironments(), p.remoteEnvironments(), "",
                "No remote environments yet: add them on the Environments screen."), 1, 0);
        members.add(checklist("phase-template", "Environment templates", vm.templates(), p.templates(), "",
                "None yet: create them on the Environments screen."), 0, 1);
        members.add(checklist("phase-target", "Promote to", vm.targets(), p.promotions(), "",
                "No other spaces: a promotion hands releases to another space, local or remote."), 1, 1);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
            half.setPercentWidth(50);
            half.setHgrow(Priority.ALWAYS);
            members.getColumnConstraints().add(half);
        }
        getChildren().setAll(grid, members);
    }

    /** Puts the cursor in the phase's name with all of it selected, so typing names a new phase. */
    void focusName() {
        if (lookup("#phase-name") instanceof TextField name) {
            name.requestFocus();
            name.selectAll();
        }
    }

    /** One checkbox per name offered, plus the members chosen earlier that are no longer offered. */
    private static Node checklist(String id, String title, List<String> offered, ObservableList<String> chosen, String prefix, String none) {
        Label t = new Label(title);
        t.getStyleClass().add(Css.SUBSECTION);
        VBox box = new VBox(6, t);
        box.setId(id + "-list");
        box.getStyleClass().add(Css.PHASE_MEMBERS);
        box.setMaxWidth(Double.MAX_VALUE);
        List<String> names = new ArrayList<>(offered);
        chosen.stream().filter(c -> !offered.contains(c)).forEach(names::add);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            CheckBox c = new CheckBox(prefix + n + (offered.contains(n) ? "" : " (no longer offered)"));
            c.setId(id + "-" + i);
            c.setUserData(n);
            c.setMnemonicParsing(false);
            odcm.app.ui.common.Tables.tooltipOnHover(c, c.textProperty()); // whole, where a narrow column cuts it
            c.setSelected(chosen.contains(n));
            c.selectedProperty().addListener((o, was, now) -> PhaseEditor.toggle(chosen, n, now));
            box.getChildren().add(c);
        }
        if (names.isEmpty()) {
            box.getChildren().add(Forms.hint(none));
        }
        return box;
    }
}
