package odcm.app.ui.task;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import odcm.model.Progress;

/**
 * The progress of one long unit of work as the screen shows it (a fraction, -1 while unknown, and a sentence), and its
 * Cancel: a flag the work reads at its next {@link #step} (decision 0052). The work calls {@code step} on the worker as
 * often as it likes: the screen gets the latest values at most once per pulse.
 */
public final class TaskProgress implements Progress {
    private final Executor toScreen;
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(false);
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile double latestFraction = -1;
    private volatile String latestSentence = "";

    /** @param toScreen where the properties change: the FX thread (Platform::runLater), or at once in view-model tests */
    public TaskProgress(Executor toScreen) {
        this.toScreen = toScreen;
    }

    @Override
    public void step(long done, long total, String what) {
        if (cancelled) {
            throw new Cancelled();
        }
        latestFraction = total <= 0 ? -1 : Math.min(1, (double) done / total);
        latestSentence = total <= 0 ? what : what + " (" + Math.min(done + 1, total) + " of " + total + ")";
        if (queued.compareAndSet(false, true)) {
            toScreen.execute(() -> {
                queued.set(false);
                if (!cancelled) { // "Cancelling…" stays until the work stops
                    fraction.set(latestFraction);
                    sentence.set(latestSentence);
                }
            });
        }
    }

    /** Asks the work to stop at its next step; what it did so far is undone. Called on the FX thread. */
    public void cancel() {
        cancelled = true;
        cancelling.set(true);
        sentence.set("Cancelling…");
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }

    /** True once Cancel was pressed, until the work stops. */
    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }
}
