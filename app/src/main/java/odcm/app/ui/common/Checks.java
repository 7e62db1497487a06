package odcm.app.ui.common;

import odcm.model.Refusal;

/** The model's own sentence for bad input, so a form and the command line say the same thing. */
public final class Checks {
    private Checks() {
    }

    /** "" when {@code check} accepts, else the sentence of its refusal. */
    public static String problem(Runnable check) {
        try {
            check.run();
            return "";
        } catch (Refusal r) {
            return r.getMessage();
        }
    }
}
