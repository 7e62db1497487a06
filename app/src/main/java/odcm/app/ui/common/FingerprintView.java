package odcm.app.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import odcm.model.cert.Fingerprint;

/**
 * A SHA-256 fingerprint large enough to read out over the phone, with a Copy button where copying helps (a space's
 * own certificate, to mail it; a bundle file's, to answer the promoter). Not where a person must compare a remote
 * space's certificate by reading it against what they typed: a pasted copy of the same value would always "match".
 */
public final class FingerprintView extends HBox {
    private final Label text = new Label();
    private final Button copy = new Button("Cop_y");
    private Fingerprint fingerprint;

    public FingerprintView(String id) {
        this(id, true);
    }

    /** @param copyable whether there is a Copy button */
    public FingerprintView(String id, boolean copyable) {
        super(12);
        text.setId(id);
        text.getStyleClass().add(Css.FINGERPRINT);
        // Never elided: a fingerprint with "..." in it cannot be compared; the pane scrolls instead.
        text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        copy.setId(id + "-copy");
        copy.setTooltip(new Tooltip("Copy the fingerprint, in groups of four, to the clipboard"));
        copy.setOnAction(e -> {
            if (fingerprint != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(fingerprint.grouped());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().add(text);
        if (copyable) {
            getChildren().add(copy);
        }
    }

    public void show(Fingerprint fp) {
        fingerprint = fp;
        text.setText(fp == null ? "" : Formats.fingerprintTwoLines(fp));
        copy.setDisable(fp == null);
    }
}
