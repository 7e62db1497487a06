package odcm.app.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import odcm.app.io.ErrorLog;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.common.StoreLink;
import odcm.app.ui.task.TaskRunner;

/**
 * Help › About (F1): the version, the store, the log file (to send to support: copy its path or open its folder) and
 * the Java and JavaFX the console runs on.
 */
final class AboutDialog {
    private AboutDialog() {
    }

    /** The build's version from the jar's manifest; a build from source without one says so. */
    static String version() {
        String v = AboutDialog.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development build" : v;
    }

    static Alert dialog(String store, TaskRunner runner) {
        Alert about = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        about.setTitle("About ODCM Console");
        about.setHeaderText("ODCM Console");
        about.setResizable(true);
        DialogPane pane = about.getDialogPane();
        pane.setId("about-dialog");
        pane.getStylesheets().add(Css.stylesheet());
        GridPane grid = Forms.grid();
        Forms.row(grid, "Version", StoreLink.path("about-version", version()));
        Forms.row(grid, "Store", StoreLink.path("about-store", store));
        String log = ErrorLog.file().toString();
        StatusMessage message = new StatusMessage();
        Button copy = Forms.button("about-log-copy", "_Copy path", "Copy the log file's path, to attach the file to a message", () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(log);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            message.info("The log file's path is on the clipboard.");
        });
        Button open = Forms.button("about-log-open", "Open _folder", "Open the log's folder in the file manager", () ->
                runner.run("Opening " + ErrorLog.folder(), () -> odcm.app.io.FileManager.open(ErrorLog.folder()), ok -> { }, message::error));
        TextField logField = StoreLink.path("about-log-file", log);
        HBox.setHgrow(logField, javafx.scene.layout.Priority.ALWAYS);
        Forms.row(grid, "Log file", new HBox(8, logField, copy, open));
        Forms.row(grid, "Java", StoreLink.path("about-java", System.getProperty("java.runtime.version", System.getProperty("java.version"))
                + " (" + System.getProperty("java.vendor", "") + ")"));
        Forms.row(grid, "JavaFX", StoreLink.path("about-javafx", System.getProperty("javafx.runtime.version", "unknown")));
        Label hint = new Label("When something went wrong, send the log file with what you did: it never holds a secret.");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add(Css.HINT);
        VBox body = new VBox(14, grid, hint, new odcm.app.ui.common.MessageLine("about-message", message));
        body.getStyleClass().add(Css.FORM);
        pane.setContent(body);
        pane.setMinWidth(Region.USE_PREF_SIZE);
        pane.lookupButton(ButtonType.CLOSE).setId("about-close");
        return about;
    }
}
