package odcm.app.ui.common;

import javafx.beans.property.StringProperty;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import odcm.model.project.TemplateType;
import odcm.model.project.VariableTemplate;

/**
 * A control per variable template type, bound both ways to a value: a text field, a text area (Tab leaves it), a check box
 * ("true"/"false"), a choice of the options, or — sensitive — a {@link MaskedField}, whose eye shows what the person typed
 * there. Used where a template's value is filled in (the import wizard, a template's New instance).
 */
public final class ValueControls {
    private ValueControls() {
    }

    /** {@code t}'s control with id {@code id}, bound to {@code value}. */
    public static javafx.scene.Node control(VariableTemplate t, StringProperty value, String id) {
        if (t.type() == TemplateType.SENSITIVE) {
            MaskedField f = new MaskedField(id);
            f.textProperty().bindBidirectional(value);
            f.setPrefWidth(460);
            f.setMaxWidth(460);
            return f;
        }
        Control c = switch (t.type()) {
            case SENSITIVE -> throw new IllegalStateException("masked above");
            case MULTI_LINE -> {
                TextArea a = new TextArea();
                a.setPrefRowCount(3);
                a.textProperty().bindBidirectional(value);
                tabLeaves(a);
                yield a;
            }
            case CHECKBOX -> {
                CheckBox b = new CheckBox("Yes");
                b.setSelected("true".equals(value.get()));
                b.selectedProperty().addListener((o, was, now) -> value.set(Boolean.toString(now)));
                yield b;
            }
            case SELECT -> {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(t.options());
                box.valueProperty().bindBidirectional(value);
                yield box;
            }
            case SINGLE_LINE -> {
                TextField f = new TextField();
                f.textProperty().bindBidirectional(value);
                yield f;
            }
        };
        c.setId(id);
        if (t.type() != TemplateType.CHECKBOX && t.type() != TemplateType.SELECT) {
            c.setPrefWidth(420);
        }
        return c;
    }

    /** Tab and Shift+Tab in a text area go to the next and previous field (its behaviour does so for Ctrl+Tab), not into the text. */
    public static void tabLeaves(TextArea area) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                e.consume();
                area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, e.isShiftDown(), true, false, false));
            }
        });
    }
}
