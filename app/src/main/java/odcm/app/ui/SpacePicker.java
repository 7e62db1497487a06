package odcm.app.ui;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;

/**
 * The current space, at the top of the navigation: the local spaces to choose from, reloaded whenever a screen is
 * shown or the list is opened, so a space created or deleted on the Spaces screen appears or goes.
 */
public final class SpacePicker {
    private final SpaceService spaces;
    private final TaskRunner runner;
    private final CurrentSpace current;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ComboBox<String> box = new ComboBox<>(names);
    private final VBox node;
    private Leaving guard = proceed -> true;

    /** Asked before the user switches to another space; a screen with unsaved changes asks the user first. */
    public interface Leaving {
        /** @return true to switch now; false when it will call {@code proceed} itself, once the user agreed */
        boolean mayLeave(Runnable proceed);
    }

    public SpacePicker(SpaceService spaces, TaskRunner runner, CurrentSpace current) {
        this.spaces = spaces;
        this.runner = runner;
        this.current = current;
        box.setId("current-space");
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPromptText("No local space");
        MainWindow.tooltipOnHover(box, "The local space that Environments, Lifecycles, Projects, Releases and Pipeline work in");
        box.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(current.name())) {
                if (guard.mayLeave(() -> current.choose(now))) {
                    current.choose(now);
                } else {
                    javafx.application.Platform.runLater(() -> box.setValue(current.isChosen() ? current.name() : null));
                }
            }
        });
        current.nameProperty().addListener((o, was, now) -> box.setValue(now.isEmpty() ? null : now));
        box.setOnShowing(e -> refresh());
        Label title = new Label("_Current space");
        title.setMnemonicParsing(true);
        title.setLabelFor(box);
        title.getStyleClass().add(Css.FIELD_NAME);
        node = new VBox(4, title, box);
        node.getStyleClass().add(Css.SPACE_PICKER);
    }

    public void refresh() {
        runner.run("Loading the local spaces", spaces::locals, this::show, sentence -> { });
    }

    /** Offers these local spaces and keeps the current one (else the first). On the FX thread, or before it is shown. */
    public void show(List<Space> locals) {
        List<String> n = locals.stream().map(Space::name).toList();
        if (!names.equals(n)) {
            names.setAll(n);
        }
        current.choose(keep(current.name(), n));
        box.setValue(current.isChosen() ? current.name() : null);
    }

    /** The space to keep: the current one while it exists (by name, any case), else the first, else none. */
    static String keep(String currentName, List<String> names) {
        return names.stream().filter(n -> n.equalsIgnoreCase(currentName)).findFirst()
                .orElse(names.isEmpty() ? "" : names.get(0));
    }

    public void guard(Leaving leaving) {
        this.guard = leaving;
    }

    Leaving guard() {
        return guard;
    }

    public VBox node() {
        return node;
    }

    public CurrentSpace current() {
        return current;
    }
}
