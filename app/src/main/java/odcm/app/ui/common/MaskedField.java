package odcm.app.ui.common;

import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.StringProperty;
import javafx.scene.Group;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.shape.SVGPath;

/**
 * A sensitive value typed masked, with an eye button that shows it. Showing what the person typed here needs no audit;
 * a value they did not type (stored, or provided by another space) is shown only through {@code audit}, which records the
 * reveal and then shows it, as the screens' Reveal buttons do. The field itself has the id; its plain twin
 * {@code <id>-shown}, the eye {@code <id>-show}. The eye is not in the Tab order: Tab goes from field to field.
 */
public final class MaskedField extends HBox {
    private final PasswordField masked = new PasswordField();
    private final TextField plain = new TextField();
    private final ToggleButton eye = new ToggleButton();
    private final Line slash = new Line(2, 14, 14, 2);
    private Predicate<String> notTyped = value -> false;
    private Consumer<Runnable> audit = Runnable::run;
    /**
     * Whether the text still comes from a value the person did not type here: editing it (a character added or taken
     * away) keeps it so — it would show all but that character —, only emptying the field makes what follows theirs.
     */
    private boolean derived;

    public MaskedField(String id) {
        super(6);
        masked.setId(id);
        plain.setId(id + "-shown");
        eye.setId(id + "-show");
        plain.textProperty().bindBidirectional(masked.textProperty());
        plain.setVisible(false);
        masked.textProperty().addListener((o, was, now) -> {
            if (now == null || now.isEmpty()) {
                derived = false;
            } else if (notTyped.test(now)) {
                derived = true;
            }
        });
        StackPane both = new StackPane(masked, plain);
        HBox.setHgrow(both, Priority.ALWAYS);
        SVGPath shape = new SVGPath();
        shape.setContent("M1,8 C4,2.5 12,2.5 15,8 C12,13.5 4,13.5 1,8 Z M8,5 A3,3 0 1,0 8,11 A3,3 0 1,0 8,5 Z");
        shape.setFillRule(javafx.scene.shape.FillRule.EVEN_ODD);
        shape.getStyleClass().add("masked-eye");
        slash.getStyleClass().add("masked-eye-slash");
        slash.setVisible(false);
        eye.setGraphic(new Group(shape, slash));
        eye.setFocusTraversable(false);
        eye.setTooltip(new Tooltip("Show the value"));
        eye.setAccessibleText("Show the value");
        eye.setOnAction(e -> {
            boolean wanted = eye.isSelected();
            if (wanted && derived) {
                eye.setSelected(false);
                audit.accept(() -> show(true));
            } else {
                show(wanted);
            }
        });
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().setAll(both, eye);
    }

    /**
     * A value for which {@code notTyped} holds (one the person did not type here) is shown only after {@code audit} records
     * it; {@code audit} gets the action that shows it.
     */
    public MaskedField audited(Predicate<String> notTyped, Consumer<Runnable> audit) {
        this.notTyped = notTyped;
        this.audit = audit;
        derived = notTyped.test(masked.getText());
        return this;
    }

    private void show(boolean shown) {
        boolean hadFocus = masked.isFocused() || plain.isFocused();
        eye.setSelected(shown);
        plain.setVisible(shown);
        masked.setVisible(!shown);
        slash.setVisible(shown);
        String words = shown ? "Hide the value" : "Show the value";
        eye.getTooltip().setText(words);
        eye.setAccessibleText(words);
        if (hadFocus) {
            (shown ? plain : masked).requestFocus();
        }
    }

    public boolean isShown() {
        return plain.isVisible();
    }

    public StringProperty textProperty() {
        return masked.textProperty();
    }

    public PasswordField field() {
        return masked;
    }
}
