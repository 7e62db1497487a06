package odcm.app.ui.common;

import javafx.scene.control.Label;

/** A screen's last outcome ("Saved …" or a refusal), styled ok, error or warning, hidden when empty. */
public final class MessageLine extends Label {
    public MessageLine(String id, StatusMessage message) {
        setId(id);
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap instead of cutting the sentence short
        textProperty().bind(message.textProperty());
        visibleProperty().bind(textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
        Runnable style = () -> {
            getStyleClass().removeAll(Css.ERROR, Css.OK, Css.WARNING);
            getStyleClass().add(message.isError() ? Css.ERROR : message.isWarning() ? Css.WARNING : Css.OK);
        };
        message.errorProperty().addListener((o, was, now) -> style.run());
        message.warningProperty().addListener((o, was, now) -> style.run());
        style.run();
    }
}
