package odcm.app.ui.space;

import odcm.model.Refusal;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;

/** The model's own sentences for a bad name or description, so the dialog and the command line agree. */
public final class NameCheck {
    private NameCheck() {
    }

    /** "" when the name is acceptable, else the sentence saying why not. */
    public static String nameProblem(String name) {
        try {
            SpaceName.of(name);
            return "";
        } catch (Refusal r) {
            return r.getMessage();
        }
    }

    public static String descriptionProblem(String description) {
        try {
            Space.checkDescription(description);
            return "";
        } catch (Refusal r) {
            return r.getMessage();
        }
    }
}
