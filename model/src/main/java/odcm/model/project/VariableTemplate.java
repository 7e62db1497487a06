package odcm.model.project;

import java.util.List;
import odcm.model.Names;
import odcm.model.Refusal;

/**
 * A variable that needs a value per environment, so whoever deploys (or imports) a release can "fill in the
 * blanks": name, label, help text, type, mandatory or optional, and a default.
 */
public record VariableTemplate(String name, String label, String helpText, TemplateType type, List<String> options, boolean mandatory,
                               String defaultValue) {
    public VariableTemplate {
        name = Names.check("A variable template", name, 200);
        label = label == null || label.isBlank() ? name : Names.check("A template label", label, 200);
        helpText = Names.text("Help text", helpText, 2000);
        options = List.copyOf(options);
        for (String o : options) {
            Names.value("An option of template '" + name + "'", o, false);
        }
        defaultValue = Names.value("The default of template '" + name + "'", defaultValue, type == TemplateType.MULTI_LINE);
        if (type == TemplateType.SELECT && options.isEmpty()) {
            throw new Refusal("The select template '" + name + "' needs at least one option.");
        }
        if (type != TemplateType.SELECT && !options.isEmpty()) {
            throw new Refusal("Only a select template has options; '" + name + "' is " + type.words() + ".");
        }
        if (type == TemplateType.SELECT && !defaultValue.isEmpty() && !options.contains(defaultValue)) {
            throw new Refusal("The default of '" + name + "' must be one of its options: " + String.join(", ", options) + ".");
        }
        if (type == TemplateType.CHECKBOX && !defaultValue.isEmpty() && !defaultValue.equals("true") && !defaultValue.equals("false")) {
            throw new Refusal("The default of the checkbox '" + name + "' is true or false.");
        }
        if (type == TemplateType.SENSITIVE && !defaultValue.isEmpty()) {
            throw new Refusal("The sensitive template '" + name + "' cannot have a default: a default would travel in clear.");
        }
    }
}
