package odcm.app.ui.task;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import odcm.model.Refusal;

/** Turns whatever a unit of work threw into the one sentence a user sees. */
public final class Failures {
    private Failures() {
    }

    public static String sentence(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Refusal) {
            return t.getMessage();
        }
        // Not something a user caused: keep the stack trace for developers, show a sentence to the user.
        t.printStackTrace();
        String detail = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return "Unexpected error: " + detail + (detail.endsWith(".") ? "" : ".");
    }
}
