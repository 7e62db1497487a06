package odcm.app.ui.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import odcm.app.io.UserFiles;
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
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof IOException io) {
            // A disk, a permission, a full file system: the user's to fix, and a stack trace would not help them.
            if (io instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
                return "Cannot use " + f.getFile() + ": " + UserFiles.reason(io) + ".";
            }
            return "A file could not be read or written: " + UserFiles.reason(io) + ".";
        }
        // Not something a user caused: keep the stack trace for developers, show a sentence to the user.
        t.printStackTrace();
        String detail = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return "Unexpected error: " + detail + (detail.endsWith(".") ? "" : ".");
    }
}
