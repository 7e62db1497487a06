package odcm.app.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** A screen's last outcome ("Saved …" or a refusal), styled ok, error or warning, hidden when empty. */
public final class MessageLine extends Label {
    public MessageLine(String id, ObservableStringValue text, ObservableValue<Boolean> isError) {
        this(id, text, isError, null);
    }

    /** @param isWarning when it holds, styled as a warning (neither done nor refused), or null for never */
    public MessageLine(String id, ObservableStringValue text, ObservableValue<Boolean> isError, ObservableValue<Boolean> isWarning) {
        setId(id);
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap instead of cutting the sentence short
        textProperty().bind(text);
        visibleProperty().bind(textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
        Runnable style = () -> {
            getStyleClass().removeAll(Css.ERROR, Css.OK, Css.WARNING);
            getStyleClass().add(Boolean.TRUE.equals(isError.getValue()) ? Css.ERROR
                    : isWarning != null && Boolean.TRUE.equals(isWarning.getValue()) ? Css.WARNING : Css.OK);
        };
        isError.addListener((o, was, now) -> style.run());
        if (isWarning != null) {
            isWarning.addListener((o, was, now) -> style.run());
        }
        style.run();
    }
}
