package odcm.app.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import odcm.persistence.StoreLocation;

/**
 * The log file: where the details of a failure go (its causes and stack trace), while the user reads one sentence.
 * Everything logged under the {@code odcm} logger (java.util.logging) lands here and never on a terminal; the file is
 * written only when something is logged. It holds exception messages and stack traces, which name files and SQL but
 * never a secret: sensitive values and keys reach the database only sealed. Kept small: past 1 MiB the file is moved
 * to {@code odcm.log.1} and a new one started.
 */
public final class ErrorLog {
    private static final long MAX_BYTES = 1 << 20;
    // Held strongly: java.util.logging forgets handlers and levels set on loggers nobody references.
    private static final Logger ODCM = Logger.getLogger("odcm");
    private static volatile Path file;

    private ErrorLog() {
    }

    /** Sends what is logged under {@code odcm} to the log file named by {@code env} (see {@link StoreLocation#logFile}). */
    public static synchronized Path install(Map<String, String> env, String userHome) {
        file = StoreLocation.logFile(env, userHome);
        if (ODCM.getHandlers().length == 0) {
            ODCM.setUseParentHandlers(false);
            ODCM.addHandler(new ToFile());
        }
        return file;
    }

    /** The log file in use. */
    public static Path file() {
        Path f = file;
        return f != null ? f : install(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Logs a failure that is nobody's fault but the program's, and returns the one sentence the user reads instead:
     * that it is unexpected, and where the details are.
     */
    public static String unexpected(Throwable failure) {
        Path f = file();
        boolean written = write(f, format(Level.SEVERE, "odcm.app", "unexpected error", failure));
        return "Unexpected error (a fault in ODCM Console, not in what you did); "
                + (written ? "the details are in " + f + "." : "the details could not be written to " + f + ".");
    }

    private static String format(Level level, String logger, String message, Throwable thrown) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        pw.println(Instant.now() + " " + level + " " + logger + ": " + message);
        if (thrown != null) {
            thrown.printStackTrace(pw);
        }
        pw.flush();
        return sw.toString();
    }

    private static synchronized boolean write(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            if (Files.exists(f) && Files.size(f) > MAX_BYTES) {
                Files.move(f, f.resolveSibling(f.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.exists(f) && f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // It names files and stores: for the user only, like the key folder.
                Files.createFile(f, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // the user still gets the sentence; a log that cannot be written must not hide it
        }
    }

    private static final class ToFile extends Handler {
        @Override
        public void publish(LogRecord r) {
            if (isLoggable(r)) {
                write(file(), format(r.getLevel(), r.getLoggerName(), r.getMessage(), r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
