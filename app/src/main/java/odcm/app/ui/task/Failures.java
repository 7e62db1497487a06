package odcm.app.ui.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import odcm.app.io.ErrorLog;
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
        // Not something a user caused: the stack trace to the log file for developers, a sentence to the user.
        return ErrorLog.unexpected(t);
    }
}
