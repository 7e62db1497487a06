package odcm.app.ui.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One background thread for all work of a console. One is enough: writes to the store serialize anyway,
 * and running work in submission order means a list refresh never overtakes the change before it.
 * Must be called on the FX thread; outcomes come back with {@link Platform#runLater}.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "odcm-console-work");
        t.setDaemon(true); // never keeps the JVM alive after the window closed
        return t;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private int running;

    @Override
    public <T> void run(String what, Callable<T> work, Consumer<? super T> onSuccess, Consumer<String> onFailure) {
        if (executor.isShutdown()) {
            return; // the console is closing: work asked for now (a screen still loading) has no window to show in
        }
        running++;
        busy.set(true);
        activity.set(what);
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> deliver(() -> onSuccess.accept(result)));
            } catch (Throwable t) {
                String sentence = Failures.sentence(t);
                Platform.runLater(() -> deliver(() -> onFailure.accept(sentence)));
            }
        });
    }

    private void deliver(Runnable callback) {
        try {
            callback.run();
        } finally {
            running--;
            if (running == 0) {
                busy.set(false);
                activity.set("");
            }
        }
    }

    /** Runs {@code last} after all submitted work, then stops the thread; waits a few seconds at most. */
    public void shutdown(Runnable last) {
        executor.execute(last);
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(() -> { });
    }

    @Override
    public TaskProgress progress() {
        return new TaskProgress(Platform::runLater);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }
}
