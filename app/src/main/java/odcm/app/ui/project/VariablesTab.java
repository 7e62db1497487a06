package odcm.app.ui.project;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import odcm.app.ui.common.Forms;

/**
 * Variables: name, value, sensitive, scope. A sensitive value shows as a mask in the table and is typed into a
 * password field; the stored one is never put into any control.
 */
final class VariablesTab {
    private VariablesTab() {
    }

    static Tab create(ProjectEditor editor, ObservableList<String> scopeChoices) {
        TextField name = new TextField();
        name.setId("variable-name");
        TextField value = new TextField();
        value.setId("variable-value");
        // Only ever what the person types (the stored value is never put in it): its eye shows it without an audit entry.
        odcm.app.ui.common.MaskedField secret = new odcm.app.ui.common.MaskedField("variable-secret");
        CheckBox sensitive = new CheckBox("Sensitive: kept encrypted; once saved, never shown");
        sensitive.setId("variable-sensitive");
        value.visibleProperty().bind(sensitive.selectedProperty().not());
        secret.visibleProperty().bind(sensitive.selectedProperty());
        Label secretHint = Forms.hint("");
        secretHint.setId("variable-secret-hint");
        ScopeChecklist scope = new ScopeChecklist("variable-scope", scopeChoices);
        GridPane form = Forms.grid();
        Forms.row(form, "_Name", name);
        Forms.row(form, "_Value", new StackPane(value, secret));
        Forms.row(form, "", sensitive);
        Forms.row(form, "", secretHint);
        Forms.row(form, "Scope", scope);
        RowsPane<VariableRow> pane = new RowsPane<>("variables", "variable", editor.variables(), VariableRow::new, List.of(
                LiveColumns.<VariableRow>column("Name", 160, VariableRow::nameProperty),
                LiveColumns.<VariableRow>column("Value", 220, r -> Bindings.createStringBinding(r::shownValue,
                        r.valueProperty(), r.secretInputProperty(), r.sensitiveProperty())),
                LiveColumns.<VariableRow>column("Sensitive", 80, r -> Bindings.when(r.sensitiveProperty()).then("yes").otherwise("")),
                LiveColumns.<VariableRow>column("Scope", 220, r -> Bindings.createStringBinding(r::scopeText, r.scope()))),
                form, (row, binder) -> {
                    secret.textProperty().set("");
                    if (row == null) {
                        name.setText("");
                        value.setText("");
                        sensitive.setSelected(false);
                        secretHint.setText("");
                        scope.show(null);
                        return;
                    }
                    binder.bind(name.textProperty(), row.nameProperty());
                    binder.bind(value.textProperty(), row.valueProperty());
                    binder.bind(sensitive.selectedProperty(), row.sensitiveProperty());
                    binder.bind(secret.textProperty(), row.secretInputProperty());
                    Runnable hint = () -> secretHint.setText(!row.sensitiveProperty().get() ? ""
                            : row.hasSecret() ? "A value is set. Type a new one to replace it; leave the field empty to keep it."
                            : "Type the value; it is stored encrypted and shown only as " + odcm.model.project.Variable.MASK + ".");
                    javafx.beans.InvalidationListener l = o -> hint.run();
                    row.sensitiveProperty().addListener(l);
                    binder.onClear(() -> row.sensitiveProperty().removeListener(l));
                    hint.run();
                    scope.show(row.scope());
                }, "No variables yet. Add one; scope it to environments to give it a value per environment.");
        Tab tab = new Tab("Variables", pane.node());
        tab.setId("tab-variables");
        tab.setClosable(false);
        return tab;
    }
}
