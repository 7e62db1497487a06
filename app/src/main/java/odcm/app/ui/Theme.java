package odcm.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** Light or dark, for the whole application; remembered for the session (the JVM), not written anywhere. */
public final class Theme {
    private static boolean dark;

    private Theme() {
    }

    public static void apply() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public static boolean isDark() {
        return dark;
    }

    public static void setDark(boolean value) {
        dark = value;
        apply();
    }
}
