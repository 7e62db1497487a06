package odcm.persistence;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import odcm.model.Refusal;

/** What went wrong with a file, in the words a user needs ("permission denied"), not an exception's class and path. */
public final class FileProblems {
    private FileProblems() {
    }

    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "a folder on the way does not exist";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file stands where a folder should be";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }

    /** H2's error codes for a failed read or write of its file, and for a database it closed after one. */
    private static final int H2_IO_EXCEPTION_1 = 90028;
    private static final int H2_IO_EXCEPTION_2 = 90031;
    private static final int H2_DATABASE_IS_CLOSED = 90098;
    /** H2 opens a file it may not write read-only, and refuses every write with this code. */
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;
    private static final Logger LOG = Logger.getLogger("odcm.store");

    /**
     * When {@code failure} was caused by the disk or file system under the store (full, a file size limit, read-only,
     * permission denied, any other I/O error), the refusal that says so in one sentence and that nothing was changed
     * (the transaction was rolled back; H2 never counts a commit whose write failed). The whole cause goes to the log
     * (logger {@code odcm.store}), never to the user. Empty when the failure is something else, or did not come from
     * the database (an {@link SQLException} in its causes).
     */
    public static Optional<Refusal> storeFailure(Throwable failure, Path storeDir) {
        boolean io = false;
        boolean database = false;
        String kind = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left on device") || m.contains("disk quota exceeded") || m.contains("not enough space")) {
                kind = "full";
            } else if (kind == null && m.contains("file too large")) {
                kind = "too large";
            } else if (kind == null && m.contains("read-only file system")) {
                kind = "read-only";
            } else if (kind == null && (t instanceof AccessDeniedException || m.contains("permission denied"))) {
                kind = "denied";
            } else if (kind == null && t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_IS_READ_ONLY) {
                kind = "read-only file";
            } else if (kind == null && t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_IS_CLOSED) {
                kind = "closed";
            }
            database |= t instanceof SQLException;
            io |= t instanceof IOException
                    || t instanceof SQLException s && (s.getErrorCode() == H2_IO_EXCEPTION_1 || s.getErrorCode() == H2_IO_EXCEPTION_2);
        }
        // Only what came through the database: a file of the user's (a bundle, an output file) is not the store.
        if (!database || kind == null && !io) {
            return Optional.empty();
        }
        String sentence = switch (kind == null ? "io" : kind) {
            case "full" -> "The disk holding the store (" + storeDir + ") is full: nothing was changed. Free some space and try again.";
            case "too large" -> "The store file in " + storeDir + " could not grow past the file size this process may write (file too large):"
                    + " nothing was changed. Raise the limit (ulimit -f) or ask your administrator, then try again.";
            case "read-only" -> "The store folder " + storeDir + " is on a read-only file system: nothing was changed.";
            case "read-only file" -> "The store file in " + storeDir + " may not be written (it is read-only for this user): nothing was changed."
                    + " Check its owner and permissions.";
            case "denied" -> "The store folder " + storeDir + " may not be written (permission denied): nothing was changed."
                    + " Check its owner and permissions.";
            case "closed" -> "The store at " + storeDir + " was closed after an earlier failure to write it: nothing more was changed."
                    + " Close ODCM Console and open it again.";
            default -> "The store at " + storeDir + " could not be read or written (an input/output error): nothing was changed.";
        };
        LOG.log(Level.SEVERE, sentence, failure);
        return Optional.of(new Refusal(sentence, failure));
    }
}
