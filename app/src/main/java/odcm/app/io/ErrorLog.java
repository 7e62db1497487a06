package odcm.app.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import odcm.persistence.StoreLocation;

/**
 * The log: where the details of a failure go (its causes and stack trace), while the user reads one sentence
 * (docs/decisions/0051). Everything logged through java.util.logging — ours ({@code odcm.*}), pgjdbc's, and through
 * slf4j-jdk14 jOOQ's and Flyway's — at WARNING and above lands in a rolling file ({@code odcm.log.0}, then
 * {@code .1} … {@code .4}, 1 MiB each: JUL's {@link FileHandler}) in the user's state folder, and never on a terminal;
 * with {@code --verbose}, INFO and above (ours FINE) also go to the file and to stderr. The file is opened only to
 * write a record and closed after it, so a command that logs nothing touches no file, and the console and a command
 * write the same file one after the other. It holds messages and stack traces, which name files and SQL but never a
 * secret: sensitive values and keys reach the store only sealed, and jOOQ's DEBUG (its SQL with bind values) stays off.
 */
public final class ErrorLog {
    static final int LIMIT = 1 << 20;
    static final int COUNT = 5;
    // Held strongly: java.util.logging forgets handlers and levels set on loggers nobody references.
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger ODCM = Logger.getLogger("odcm");
    private static final Logger APP = Logger.getLogger("odcm.app");
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");
    private static final Logger JOOQ = Logger.getLogger("org.jooq");
    /** A line per record (time, level, logger, message), then the stack trace of its cause, if any. */
    private static final Formatter LINES = new Formatter() {
        @Override
        public String format(LogRecord r) {
            StringWriter sw = new StringWriter();
            PrintWriter pw = new PrintWriter(sw);
            pw.println(Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel() + " " + r.getLoggerName() + ": " + formatMessage(r));
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(pw);
            }
            pw.flush();
            return sw.toString();
        }
    };
    private static final ToFile TO_FILE = new ToFile();
    private static volatile Path folder;

    private ErrorLog() {
    }

    /**
     * Nothing: calling it has this class, and with it java.util.logging, set up on the caller's thread, so that a thread
     * of its own can do so while another builds the command line's parser (Cli).
     */
    public static void load() {
    }

    /** Sends what is logged to the log folder named by {@code env} (see {@link StoreLocation#logFolder}); never to a terminal. */
    public static Path install(Map<String, String> env, String userHome) {
        return install(env, userHome, null);
    }

    /**
     * As {@link #install(Map, String)}; with {@code verbose} not null (the command line's {@code --verbose}), more detail,
     * to the file and to {@code verbose} (stderr).
     */
    public static synchronized Path install(Map<String, String> env, String userHome, PrintWriter verbose) {
        folder = StoreLocation.logFolder(env, userHome);
        for (Handler h : ROOT.getHandlers()) {
            ROOT.removeHandler(h); // the JDK's console handler among them: nothing logged reaches a terminal unasked
        }
        ROOT.addHandler(TO_FILE);
        ROOT.setLevel(verbose != null ? Level.INFO : Level.WARNING);
        ODCM.setLevel(verbose != null ? Level.FINE : null);
        // Flyway's progress lines and its "H2 newer than verified" warning are for developers (see Store); jOOQ's DEBUG
        // would log SQL with its bind values, so it never goes below INFO.
        FLYWAY.setLevel(verbose != null ? Level.INFO : Level.SEVERE);
        JOOQ.setLevel(verbose != null ? Level.INFO : Level.WARNING);
        if (verbose != null) {
            ROOT.addHandler(new ToTerminal(verbose));
        }
        return file();
    }

    /** The log folder in use. */
    public static Path folder() {
        Path f = folder;
        return f != null ? f : install(System.getenv(), System.getProperty("user.home")).getParent();
    }

    /** The file this process writes (unless another one writes at the same instant: then {@code odcm.log.0.1}). */
    public static Path file() {
        return folder().resolve("odcm.log.0");
    }

    /**
     * Logs a failure that is nobody's fault but the program's, with its causes, and returns the one sentence the user
     * reads instead: that it is unexpected, and where the details are.
     */
    public static String unexpected(Throwable failure) {
        Path f = file();
        LogRecord r = new LogRecord(Level.SEVERE, "Unexpected error");
        r.setLoggerName(APP.getName());
        r.setThrown(failure);
        int failed = TO_FILE.failures;
        APP.log(r);
        boolean written = TO_FILE.failures == failed && Files.exists(f);
        return "Unexpected error (a fault in ODCM Console, not in what you did); "
                + (written ? "the details are in " + f + "." : "the details could not be written to " + f + ".");
    }

    /** The rolling file, opened for each record and closed after it (see the class comment). */
    private static final class ToFile extends Handler {
        volatile int failures;

        ToFile() {
            setFormatter(LINES);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            Path dir = folder();
            FileHandler file;
            try {
                prepare(dir);
                file = new FileHandler(dir.resolve("odcm.log.%g").toString(), LIMIT, COUNT, true);
            } catch (IOException | RuntimeException e) {
                failures++; // the user still gets the sentence; a log that cannot be written must not hide it
                return;
            }
            file.setErrorManager(new ErrorManager() {
                @Override
                public synchronized void error(String msg, Exception ex, int code) {
                    failures++; // never to stderr, as JUL's own manager would
                }
            });
            try {
                file.setEncoding("UTF-8");
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is part of every Java runtime", e);
            }
            file.setFormatter(LINES);
            file.publish(r);
            file.close();
            forTheUserOnly(dir);
        }

        /** A file JUL made when it rolled the log over has the default permissions: for the user only, as the first. */
        private static void forTheUserOnly(Path dir) {
            if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            for (int g = 0; g < COUNT; g++) {
                Path f = dir.resolve("odcm.log." + g);
                try {
                    if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                    }
                } catch (IOException | RuntimeException e) {
                    // another user's file, or gone meanwhile: the record is written all the same
                }
            }
        }

        /** The folder and the first file made for the user only: the log names files and stores. */
        private static void prepare(Path dir) throws IOException {
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (posix) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            Path first = dir.resolve("odcm.log.0");
            if (posix && !Files.exists(first)) {
                try {
                    Files.createFile(first, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException made) {
                    // another process made it first
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** {@code --verbose}: what is logged, also on stderr. */
    private static final class ToTerminal extends Handler {
        private final PrintWriter err;

        ToTerminal(PrintWriter err) {
            this.err = err;
            setFormatter(LINES);
        }

        @Override
        public void publish(LogRecord r) {
            if (isLoggable(r)) {
                err.print(getFormatter().format(r));
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
        }
    }
}
