package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import odcm.model.Refusal;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * Every kind of I/O failure under the store, as H2 and jOOQ wrap it, is one sentence that says what happened and that
 * nothing was changed, with the whole cause kept for the log; a file of the user's that failed is not the store's.
 */
class FileProblemsTest {
    static final Path DIR = Path.of("/data/store");

    private static String sentence(Throwable deepest, int h2Code) {
        SQLException h2 = new SQLException("General error: \"org.h2.mvstore.MVStoreException: Writing to … failed\"", "HY000", h2Code, deepest);
        Optional<Refusal> r = FileProblems.storeFailure(new DataAccessException("Cannot commit transaction", h2), DIR);
        assertTrue(r.isPresent(), "a store failure: " + deepest);
        assertTrue(r.get().getCause() != null, "the cause is kept for the log");
        return r.get().getMessage();
    }

    @Test
    void eachKindOfDiskTroubleIsItsOwnSentence() {
        assertEquals("The disk holding the store (/data/store) is full: nothing was changed. Free some space and try again.",
                sentence(new IOException("No space left on device"), 50000));
        assertTrue(sentence(new IOException("Disk quota exceeded"), 50000).contains("is full: nothing was changed."));
        assertTrue(sentence(new IOException("File too large"), 50000).contains("(file too large): nothing was changed."));
        assertTrue(sentence(new IOException("Read-only file system"), 50000).contains("read-only file system: nothing was changed."));
        assertTrue(sentence(new AccessDeniedException("/data/store/odcm.mv.db"), 50000).contains("(permission denied): nothing was changed."));
        assertTrue(sentence(null, 90097).contains("read-only for this user): nothing was changed."));
        assertTrue(sentence(null, 90098).contains("was closed after an earlier failure"));
        assertEquals("The store at /data/store could not be read or written (an input/output error): nothing was changed.",
                sentence(new IOException("Input/output error"), 50000));
        assertEquals("The store at /data/store could not be read or written (an input/output error): nothing was changed.",
                sentence(null, 90028));
    }

    @Test
    void whatDidNotComeThroughTheDatabaseIsNotTheStores() {
        assertTrue(FileProblems.storeFailure(new UncheckedIOException(new IOException("No space left on device")), DIR).isEmpty(),
                "writing a bundle file the user named is not the store");
        assertTrue(FileProblems.storeFailure(new DataAccessException("constraint", new SQLException("Unique index violation", "23505", 23505)), DIR)
                .isEmpty(), "a constraint is not a disk");
    }
}
