package odcm.app.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Decision 0052: progress as "n of m" and a fraction; Cancel a flag read at the next step, never an interrupt. */
class TaskProgressTest {
    @Test
    void cancelStopsTheWorkAtItsNextStepWithoutAnInterrupt() {
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        TaskProgress progress = runner.progress();
        List<String> shown = new ArrayList<>();
        progress.sentenceProperty().addListener((o, was, now) -> {
            shown.add(now);
            if (now.startsWith("Unit (3 of")) {
                progress.cancel(); // as the dialog's Cancel, while unit 3 runs
            }
        });
        AtomicInteger done = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        runner.run("Ten units", () -> {
            for (int i = 0; i < 10; i++) {
                progress.step(i, 10, "Unit");
                done.incrementAndGet();
            }
            return "all";
        }, r -> failure.set("finished: " + r), failure::set);
        assertEquals(3, done.get(), "units 1 to 3 ran, the 4th never began");
        assertEquals("Cancelled; nothing was changed.", failure.get());
        assertEquals(List.of("Unit (1 of 10)", "Unit (2 of 10)", "Unit (3 of 10)", "Cancelling…"), shown);
        assertEquals(0.2, progress.fractionProperty().get(), 1e-9, "the last fraction shown: 2 of 10 done");
        assertFalse(Thread.currentThread().isInterrupted(), "a flag, not an interrupt");
        assertFalse(runner.isBusy());
    }

    @Test
    void workOfUnknownLengthShowsItsSentenceAndAnIndeterminateBar() {
        TaskProgress progress = new SameThreadTaskRunner().progress();
        progress.step(0, 0, "Reading the audit log");
        assertEquals("Reading the audit log", progress.sentenceProperty().get());
        assertEquals(-1, progress.fractionProperty().get());
        progress.step(5, 5, "Writing the entries");
        assertEquals("Writing the entries (5 of 5)", progress.sentenceProperty().get());
        assertEquals(1, progress.fractionProperty().get());
    }
}
