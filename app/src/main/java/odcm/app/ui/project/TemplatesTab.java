package odcm.app.ui.project;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import odcm.app.ui.common.Forms;
import odcm.model.project.TemplateType;

/** Variable templates: what an environment must fill in, with label, help, type, options, mandatory and default. */
final class TemplatesTab {
    private TemplatesTab() {
    }

    static Tab create(ProjectEditor editor) {
        TextField name = new TextField();
        name.setId("template-name");
        TextField label = new TextField();
        label.setId("template-label");
        TextArea help = new TextArea();
        help.setId("template-help");
        help.setPrefRowCount(2);
        help.setWrapText(true);
        ComboBox<TemplateType> type = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(TemplateType.values()));
        type.setId("template-type");
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(TemplateType t) {
                return t == null ? "" : t.words();
            }

            @Override
            public TemplateType fromString(String s) {
                return TemplateType.parse(s);
            }
        });
        TextField options = new TextField();
        options.setId("template-options");
        options.setPromptText("Options, separated by commas, e.g. eu, us, ap");
        options.disableProperty().bind(type.valueProperty().isNotEqualTo(TemplateType.SELECT));
        CheckBox mandatory = new CheckBox("Mandatory: an environment cannot be deployed to without a value");
        mandatory.setId("template-mandatory");
        TextField defaultValue = new TextField();
        defaultValue.setId("template-default");
        defaultValue.disableProperty().bind(type.valueProperty().isEqualTo(TemplateType.SENSITIVE));
        defaultValue.promptTextProperty().bind(Bindings.createStringBinding(() -> type.getValue() == TemplateType.SENSITIVE
                ? "A sensitive template has no default" : type.getValue() == TemplateType.CHECKBOX ? "true or false" : "", type.valueProperty()));
        GridPane form = Forms.grid();
        Forms.row(form, "_Name", name);
        Forms.row(form, "_Label", label);
        Forms.row(form, "_Help text", help);
        Forms.row(form, "T_ype", type);
        Forms.row(form, "_Options", options);
        Forms.row(form, "", mandatory);
        Forms.row(form, "De_fault", defaultValue);
        RowsPane<TemplateRow> pane = new RowsPane<>("templates", "template", editor.templates(), () -> {
            TemplateRow r = new TemplateRow();
            r.nameProperty().set("NewTemplate");
            return r;
        }, List.of(
                LiveColumns.<TemplateRow>column("Name", 150, TemplateRow::nameProperty),
                LiveColumns.<TemplateRow>column("Label", 180, TemplateRow::labelProperty),
                LiveColumns.<TemplateRow>column("Type", 120, r -> Bindings.createStringBinding(
                        () -> r.typeProperty().get() == null ? "" : r.typeProperty().get().words(), r.typeProperty())),
                LiveColumns.<TemplateRow>column("Mandatory", 90, r -> Bindings.when(r.mandatoryProperty()).then("mandatory").otherwise("optional")),
                LiveColumns.<TemplateRow>column("Default", 120, TemplateRow::defaultValueProperty)),
                form, (row, binder) -> {
                    if (row == null) {
                        for (TextField f : List.of(name, label, defaultValue)) {
                            f.setText("");
                        }
                        options.setText("");
                        help.setText("");
                        return;
                    }
                    binder.bind(name.textProperty(), row.nameProperty());
                    binder.bind(label.textProperty(), row.labelProperty());
                    binder.bind(help.textProperty(), row.helpProperty());
                    binder.bind(type.valueProperty(), row.typeProperty());
                    binder.bind(options.textProperty(), row.optionsProperty());
                    binder.bind(mandatory.selectedProperty(), row.mandatoryProperty());
                    binder.bind(defaultValue.textProperty(), row.defaultValueProperty());
                }, "No variable templates. Add one for each value every environment must fill in, such as a host name.");
        Tab tab = new Tab("Templates", pane.node());
        tab.setId("tab-templates");
        tab.setClosable(false);
        return tab;
    }
}
