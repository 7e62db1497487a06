package odcm.app.ui.common;

/** Style classes of the console's stylesheet (console.css); colours live there, never in Java code. */
public final class Css {
    public static final String STYLESHEET = "/odcm/app/ui/console.css";

    public static final String FINGERPRINT = "fingerprint";
    public static final String MONO = "mono";
    public static final String ERROR = "inline-error";
    public static final String OK = "inline-ok";
    public static final String WARNING = "inline-warning";
    public static final String HINT = "hint";
    public static final String EMPTY_STATE = "empty-state";
    public static final String BANNER = "banner-warning";
    public static final String SCREEN_TITLE = "screen-title";
    public static final String SECTION_TITLE = "section-title";
    public static final String DETAIL = "detail-pane";
    public static final String FIELD_NAME = "field-name";
    public static final String NAV = "nav";
    public static final String NAV_BUTTON = "nav-button";
    public static final String STATUS_BAR = "status-bar";
    public static final String PREVIEW = "certificate-preview";
    public static final String FORM = "form";
    public static final String CENTER_MESSAGE = "center-message";
    public static final String REVOKED = "revoked";
    /** A table cell about a certificate that is not valid now: danger colour. */
    public static final String CERTIFICATE_INVALID = "certificate-invalid";
    /** The store line of the status bar. */
    public static final String STORE_LINK = "store-link";
    public static final String SPACE_PICKER = "space-picker";
    public static final String SUBSECTION = "subsection-title";
    public static final String PHASE_MEMBERS = "phase-members";
    public static final String UNSAVED = "unsaved";
    public static final String OFFER = "offer-panel";

    private Css() {
    }

    /**
     * The console's stylesheet in the binary form JavaFX reads (console.bss, made from console.css by ThemeSheetsTest, as
     * the theme's are): parsing the text cost ~23 ms of the FX thread's CPU in the first window's CSS, the binary ~4
     * (decision 0032, 2026-12-05, sixth pass). Edit console.css, then write console.bss again (see ThemeSheetsTest).
     */
    public static String stylesheet() {
        return Css.class.getResource(STYLESHEET.replaceFirst("\\.css$", ".bss")).toExternalForm();
    }
}
