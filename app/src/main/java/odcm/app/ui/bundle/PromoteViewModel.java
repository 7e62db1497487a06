package odcm.app.ui.bundle;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.BundleService;
import odcm.app.service.BundleService.Target;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.release.Release;
import odcm.packaging.bundle.VerificationOutcome;

/**
 * "Promote to space…": the target among those the project's lifecycle promotes to, a file (or, for a space of this
 * console, direct delivery), and how many days the bundle stays valid.
 */
public final class PromoteViewModel {
    /** What promoting did: a file written ({@code promoted}), or a bundle delivered and checked by the target ({@code delivered}). */
    public record Result(BundleService.Promoted promoted, BundleService.Delivered delivered, String target) {
    }

    private final BundleService bundles;
    private final String space;
    private final Release release;
    private final ObservableList<Target> targets;
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>();
    private final BooleanProperty direct = new SimpleBooleanProperty(false);
    private final StringProperty file = new SimpleStringProperty("");
    private final StringProperty days = new SimpleStringProperty(String.valueOf(BundleService.DEFAULT_VALID_DAYS));
    private final BooleanProperty replace = new SimpleBooleanProperty(false);
    private final StringProperty outOfOrder = new SimpleStringProperty("");
    private final StringBinding problem;
    private final FormState state;

    public PromoteViewModel(BundleService bundles, TaskRunner runner, String space, Release release, java.util.List<Target> targets, Path folder) {
        this.bundles = bundles;
        this.space = space;
        this.release = release;
        this.targets = FXCollections.observableArrayList(targets);
        this.state = new FormState(runner);
        target.addListener((o, was, now) -> {
            // A file by default; direct delivery only where the target is a space of this console.
            direct.set(false);
            if (now != null && (file.get().isBlank() || was != null && file.get().endsWith(suggested(was)))) {
                file.set(folder.resolve(suggested(now)).toString());
            }
        });
        problem = Bindings.createStringBinding(this::firstProblem, target, direct, file, days, outOfOrder);
        targets.stream().filter(Target::available).findFirst().ifPresent(target::set);
    }

    private String suggested(Target t) {
        return BundleService.suggestedFileName(release.projectName(), release.version(), t.name());
    }

    private String firstProblem() {
        Target t = target.get();
        if (t == null) {
            return "Choose the space to promote to.";
        }
        if (!t.available()) {
            return t.problem();
        }
        if (!t.inOrder() && !(t.overridable() && !outOfOrder.get().isBlank())) {
            return t.order(); // lifecycle order or a rejection, said before the user tries; a release manager may give a reason
        }
        if (!direct.get() && file.get().isBlank()) {
            return "Choose where to write the bundle file.";
        }
        int d = validDays();
        if (d < 1 || d > BundleService.MAX_VALID_DAYS) {
            return "A bundle stays valid for 1 to " + BundleService.MAX_VALID_DAYS + " days; give a whole number in that range.";
        }
        return "";
    }

    private int validDays() {
        try {
            return Integer.parseInt(days.get().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Writes (or delivers) the bundle; {@code onDone} gets what happened. A refusal stays in {@link #state()}. */
    public void promote(Consumer<Result> onDone) {
        if (!problem.get().isEmpty()) {
            return;
        }
        String t = target.get().name();
        int d = validDays();
        String reason = offersOverride() ? outOfOrder.get() : null;
        if (direct.get()) {
            state.submit("Delivering release " + release.version() + " to '" + t + "'",
                    () -> new Result(null, bundles.deliver(space, release.projectName(), release.version(), t, d, reason), t), onDone);
        } else {
            Path out = Path.of(file.get().strip());
            boolean r = replace.get();
            state.submit("Writing the bundle of release " + release.version() + " for '" + t + "'",
                    () -> new Result(bundles.create(space, release.projectName(), release.version(), t, out, d, r, reason), null, t), onDone);
        }
    }

    /** Whether the chosen target is out of lifecycle order and the person may promote there anyway, with a reason (decision 0045). */
    public boolean offersOverride() {
        Target t = target.get();
        return t != null && !t.inOrder() && t.overridable();
    }

    /** The reason for promoting out of lifecycle order: audited, and carried in the bundle to the target. */
    public StringProperty outOfOrderProperty() {
        return outOfOrder;
    }

    public Release release() {
        return release;
    }

    public ObservableList<Target> targets() {
        return targets;
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public BooleanProperty directProperty() {
        return direct;
    }

    public StringProperty fileProperty() {
        return file;
    }

    public StringProperty daysProperty() {
        return days;
    }

    public BooleanProperty replaceProperty() {
        return replace;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public FormState state() {
        return state;
    }
}
