package odcm.app.ui;

import javafx.application.Application;

/**
 * Light or dark, for the whole application; remembered for the session (the JVM), not written anywhere. The stylesheets
 * are AtlantaFX's Primer light and dark less the rules of controls the console never shows (decision 0032, fifth pass):
 * about half the selectors, which every new kind of node is matched against; the same look.
 */
public final class Theme {
    /** Beside each, its binary form (.bss), which JavaFX reads instead of parsing the text. */
    static final String LIGHT = "/odcm/app/ui/theme/primer-light.css";
    static final String DARK = "/odcm/app/ui/theme/primer-dark.css";
    private static boolean dark;

    private Theme() {
    }

    public static void apply() {
        Application.setUserAgentStylesheet(Theme.class.getResource(dark ? DARK : LIGHT).toExternalForm());
    }

    public static boolean isDark() {
        return dark;
    }

    public static void setDark(boolean value) {
        dark = value;
        apply();
    }
}
