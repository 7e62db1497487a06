package odcm.app.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import odcm.model.Refusal;
import org.junit.jupiter.api.Test;

/** A refusal reaches the user as its own sentence, anything else as "Unexpected error (…); the details are in LOG." */
class FailuresTest {
    @Test
    void refusalsKeepTheirSentenceOtherErrorsAreNamedUnexpected() {
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        AtomicReference<String> failure = new AtomicReference<>();
        runner.run("x", () -> {
            throw new Refusal("There is no space named 'X'.");
        }, r -> { }, failure::set);
        assertEquals("There is no space named 'X'.", failure.get());
        runner.run("x", () -> {
            throw new IllegalStateException("disk full");
        }, r -> { }, failure::set);
        assertEquals("Unexpected error (a fault in ODCM Console, not in what you did); the details are in "
                + odcm.app.io.ErrorLog.file() + ".", failure.get(), "one sentence, the exception only in the log");
        assertFalse(runner.isBusy());
        AtomicReference<Integer> ok = new AtomicReference<>();
        runner.run("x", () -> 42, ok::set, failure::set);
        assertTrue(ok.get() == 42);
    }

    @Test
    void fileFailuresAreASentenceNotAnUnexpectedError() {
        assertEquals("Cannot use /x.pem: permission denied.",
                Failures.sentence(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/x.pem"))));
        assertEquals("A file could not be read or written: input/output error.",
                Failures.sentence(new java.io.IOException("Input/output error")));
    }
}
