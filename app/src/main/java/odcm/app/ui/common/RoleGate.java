package odcm.app.ui.common;

import java.util.Optional;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import odcm.app.service.RoleService;
import odcm.app.ui.task.TaskRunner;
import odcm.model.role.Permissions;

/**
 * What the person may do, for the screens (decision 0041): loaded on the worker, asked on the FX thread. A button the
 * person may not use is disabled, its wrapper's tooltip saying why (the service's own sentence, naming the missing
 * role). Until the first load a button stays usable: the service checks every change anyway.
 */
public final class RoleGate {
    private final RoleService roles;
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<Permissions> permissions = new ReadOnlyObjectWrapper<>();

    public RoleGate(RoleService roles, TaskRunner runner) {
        this.roles = roles;
        this.runner = runner;
    }

    /** Reads the person's roles again (a screen shown, a role granted or revoked); a failure keeps the last known. */
    public void refresh() {
        runner.run("Reading your roles", roles::mine, permissions::set, failed -> { });
    }

    /** What was read with something else (the spaces, when the console opens): before a screen shows it, on any thread. */
    public void known(Permissions read) {
        permissions.set(read);
    }

    public ReadOnlyObjectProperty<Permissions> permissionsProperty() {
        return permissions.getReadOnlyProperty();
    }

    /** Why the person may not do it now, or empty; {@code refusal} asked again whenever a dependency changes. */
    public Optional<String> refusal(Function<Permissions, Optional<String>> refusal) {
        Permissions p = permissions.get();
        return p == null ? Optional.empty() : refusal.apply(p);
    }

    /** The sentence of {@link #refusal} as a binding ("" when permitted). */
    public StringBinding why(Function<Permissions, Optional<String>> refusal, Observable... dependencies) {
        Observable[] all = java.util.Arrays.copyOf(dependencies, dependencies.length + 1);
        all[dependencies.length] = permissions;
        return Bindings.createStringBinding(() -> refusal(refusal).orElse(""), all);
    }

    /**
     * {@code button}, disabled while {@code otherwise} holds or the person may not do it, in a wrapper whose tooltip
     * says the refusal (a disabled button shows no tooltip of its own).
     */
    public Node gate(Button button, ObservableValue<Boolean> otherwise, Function<Permissions, Optional<String>> refusal, Observable... dependencies) {
        return gated(button, otherwise, why(refusal, dependencies));
    }

    /** {@code button}, disabled while {@code otherwise} holds or {@code why} says something, in a wrapper whose tooltip says it. */
    public static Node gated(Button button, ObservableValue<Boolean> otherwise, ObservableStringValue why) {
        button.disableProperty().bind(Bindings.createBooleanBinding(() -> Boolean.TRUE.equals(otherwise.getValue()) || !why.get().isEmpty(),
                otherwise, why));
        return explained(button, why);
    }

    /**
     * Whether an action may be asked for where its button is not the way in (a shortcut, the Delete key): when {@code why}
     * says something, it is said on the screen instead.
     */
    public static boolean permitted(ObservableStringValue why, StatusMessage message) {
        if (why.get().isEmpty()) {
            return true;
        }
        message.error(why.get());
        return false;
    }

    /** A disabled button shows no tooltip: its wrapper says why it is disabled; a screen reader hears it as the button's help. */
    public static Node explained(Button button, ObservableStringValue why) {
        StackPane box = new StackPane(button);
        Tooltip reason = new Tooltip();
        reason.textProperty().bind(why);
        // null while usable: the help is then the button's own tooltip, as for any control
        button.accessibleHelpProperty().bind(Bindings.createStringBinding(() -> why.get().isEmpty() ? null : why.get(), why));
        why.addListener((o, was, now) -> Tooltip.install(box, now.isEmpty() ? null : reason));
        if (!why.get().isEmpty()) {
            Tooltip.install(box, reason);
        }
        return box;
    }
}
