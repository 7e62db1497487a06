package odcm.app.ui.common;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Refusal;

/**
 * A dialog of one text field: the text is checked as typed by the rule the service applies, and submitted in the
 * background. {@code problem} says why the text cannot be submitted as it is (empty when it can, or when there is
 * nothing to say yet); {@code ready} is what else must hold (e.g. that it differs from the current value).
 */
public final class TextForm<T> {
    private final FormState form;
    private final StringProperty text;
    private final StringBinding problem;
    private final BooleanBinding valid;
    private final String what;
    private final Function<String, T> action;

    public TextForm(TaskRunner runner, String initial, Function<String, String> problem, Predicate<String> ready, String what,
                    Function<String, T> action) {
        this.form = new FormState(runner);
        this.text = new SimpleStringProperty(initial);
        this.problem = Bindings.createStringBinding(() -> problem.apply(text.get()), text);
        this.valid = this.problem.isEmpty().and(Bindings.createBooleanBinding(() -> ready.test(text.get()), text));
        this.what = what;
        this.action = action;
        text.addListener((o, was, now) -> form.clearError());
    }

    /** A problem function from a rule that refuses with a sentence: its sentence, or empty when it accepts. */
    public static Function<String, String> refusalOf(Consumer<String> rule) {
        return s -> {
            try {
                rule.accept(s);
                return "";
            } catch (Refusal r) {
                return r.getMessage();
            }
        };
    }

    public void submit(Consumer<? super T> onDone) {
        if (valid.get()) {
            String value = text.get();
            form.submit(what, () -> action.apply(value), onDone);
        }
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public FormState form() {
        return form;
    }
}
