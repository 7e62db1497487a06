package odcm.app.ui.common;

import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import odcm.persistence.StoreLocation;
import odcm.persistence.keys.MasterKeyState;

/**
 * "Store: &lt;folder&gt;" for the status bar, with the master key file in its tooltip; a click opens "About this
 * store": the store folder, its id, the master key file and its state, and how to back them up. Empty until
 * {@link #show} is given what opening the store found.
 */
public final class StoreLink extends Hyperlink {
    /** What the About dialog shows; all of it known once the store is open. */
    public record Facts(StoreLocation location, String storeId, MasterKeyState keyState) {
        public Path storeDir() {
            return location.storeDir();
        }

        public Path keyFile() {
            return location.keyFile(storeId);
        }

        public Path auditHeadFile() {
            return location.auditHeadFile(storeId);
        }

        public String keyStateSentence() {
            return switch (keyState) {
                case PRESENT -> "Present: private keys can be used and changes can be made.";
                case MISSING -> "Missing: nothing can be changed until the key file is restored from backup.";
                case WRONG -> "Not this store's key: nothing can be changed until the right key file is restored.";
            };
        }
    }

    public static final String BACKUP_ADVICE = "Back up both: close the console, copy the store folder, and copy the master key file "
            + "with the audit head file beside it. Keep the two copies in different places: whoever holds both holds the "
            + "private keys of the local spaces. The store without its key can be read but never changed again.";

    private Facts facts;

    public StoreLink() {
        setId("status-store");
        getStyleClass().add(Css.STORE_LINK);
        setFocusTraversable(false);
        setMnemonicParsing(false);
        setVisible(false);
        setOnAction(e -> {
            if (facts != null) {
                Alert about = dialog(facts);
                if (getScene() != null) {
                    about.initOwner(getScene().getWindow());
                }
                about.show();
            }
        });
    }

    /** What opening the store found; null until then. */
    public Facts facts() {
        return facts;
    }

    public void show(Facts f) {
        facts = f;
        setText("Store: " + f.location().describe());
        setTooltip(new Tooltip("Store " + f.location().describe() + " (" + f.storeId() + ")\nMaster key file: " + f.keyFile()
                + (f.keyState() == MasterKeyState.PRESENT ? "" : " (" + f.keyState().name().toLowerCase(java.util.Locale.ROOT) + ")")
                + "\nClick for About this store and how to back it up."));
        setVisible(true);
    }

    /** About this store: where it and its key are, and the backup advice. */
    public static Alert dialog(Facts f) {
        Alert about = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        about.setTitle("About this store");
        about.setHeaderText(null);
        about.setResizable(true);
        DialogPane pane = about.getDialogPane();
        pane.setId("about-store-dialog");
        pane.getStylesheets().add(Css.stylesheet());
        GridPane grid = Forms.grid();
        Forms.row(grid, f.location().onServer() ? "Team store" : "Store folder", path("about-store-folder", f.location().describe()));
        Forms.row(grid, "Store id", path("about-store-id", f.storeId()));
        Forms.row(grid, "Master key file", path("about-store-key-file", f.keyFile().toString()));
        Label state = value("about-store-key-state", f.keyStateSentence());
        state.getStyleClass().add(f.keyState() == MasterKeyState.PRESENT ? Css.OK : Css.ERROR);
        Forms.row(grid, "Master key", state);
        Forms.row(grid, "Audit head file", path("about-store-audit-head", f.auditHeadFile().toString()));
        Label advice = value("about-store-backup", BACKUP_ADVICE);
        advice.setPrefWidth(400); // as wide as the fields above, never wider: the text wraps
        advice.setMaxWidth(Double.MAX_VALUE);
        advice.getStyleClass().add(Css.PREVIEW);
        VBox body = new VBox(14, grid, advice);
        body.getStyleClass().add(Css.FORM);
        pane.setContent(body);
        pane.setMinWidth(Region.USE_PREF_SIZE);
        pane.lookupButton(ButtonType.CLOSE).setId("about-store-close");
        return about;
    }

    private static Label value(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** Read-only but selectable: a path is what a person copies into a backup script or a message (About uses it too). */
    public static javafx.scene.control.TextField path(String id, String text) {
        javafx.scene.control.TextField t = new javafx.scene.control.TextField(text);
        t.setId(id);
        t.setEditable(false);
        // Wide enough for the whole path, which is what a person copies or compares (within reason).
        t.setPrefColumnCount(Math.max(30, Math.min(90, text.length() + 1)));
        t.getStyleClass().add(Css.MONO);
        return t;
    }
}
