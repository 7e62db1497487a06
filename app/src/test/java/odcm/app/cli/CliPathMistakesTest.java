package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path on the command line that names the wrong kind of thing (empty, blank, a file for a folder, a folder for a
 * file, an output file in a folder that does not exist) is the command line's mistake: exit 2, one line, and nothing
 * opened or changed. And an unexpected error is one sentence naming the log file, with the details only in the log.
 */
class CliPathMistakesTest {
    @TempDir
    Path tmp;
    Path keys;
    Path logs;
    Path store;
    Path file;
    Path folder;

    @BeforeEach
    void places() throws Exception {
        keys = tmp.resolve("keys");
        logs = tmp.resolve("logs");
        store = tmp.resolve("store");
        file = Files.writeString(tmp.resolve("a-file.txt"), "not a folder");
        folder = Files.createDirectories(tmp.resolve("a-folder"));
    }

    /** Runs {@code args} as typed (no --store added), returns exit status and stderr. */
    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("ODCM_KEY_DIR", keys.toString(), "ODCM_LOG_DIR", logs.toString()));
        return new String[] {String.valueOf(exit), err.toString(), out.toString()};
    }

    private String misused(String... args) {
        String[] r = run(args);
        assertEquals(String.valueOf(Cli.USAGE), r[0], "exit status of " + String.join(" ", args) + "; stderr: " + r[1]);
        assertEquals(1, r[1].strip().lines().count(), "one line: " + r[1]);
        assertFalse(r[1].contains("Exception"), r[1]);
        assertEquals("", r[2], "nothing on stdout");
        return r[1].strip();
    }

    @Test
    void theStoreOptionNeedsAFolder() throws Exception {
        assertTrue(misused("space", "list", "--store", "").startsWith("--store needs a folder; an empty name is none."));
        assertTrue(misused("space", "list", "--store", "   ").startsWith("--store needs a folder"));
        assertTrue(misused("--store", "", "space", "list").startsWith("--store needs a folder"));
        assertTrue(misused("--store", "").startsWith("--store needs a folder"), "the console is not opened either");
        assertTrue(misused("space", "list", "--store", file.toString()).contains(file + " is a file; it needs a folder."));
        assertTrue(misused("space", "list", "--store", file.resolve("store").toString()).contains(file + " is a file, not a folder."));
        assertFalse(Files.exists(store), "no store was made");
        assertFalse(Files.exists(keys), "no key folder was made");
    }

    /** No --out may name a file of the store (database, lock, location) or of its key folder, also through a link: exit 2, nothing written. */
    @Test
    void anOutputFileNeverOverwritesTheStoreOrItsKeys() throws Exception {
        String s = store.toString();
        assertEquals("0", run("space", "create", "A Space", "--store", s)[0]);
        byte[] db = Files.readAllBytes(store.resolve("odcm.mv.db"));
        Path key;
        try (var k = Files.list(keys)) {
            key = k.filter(f -> f.toString().endsWith(".key")).findFirst().orElseThrow();
        }
        byte[] keyBytes = Files.readAllBytes(key);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), store);
        for (String[] args : List.of(
                new String[] {"space", "cert", "A Space", "--out", store.resolve("odcm.mv.db").toString(), "--store", s},
                new String[] {"space", "cert", "A Space", "--out", link.resolve("odcm.mv.db").toString(), "--store", s},
                new String[] {"space", "cert", "A Space", "--out", Files.createSymbolicLink(tmp.resolve("innocent.pem"), key).toString(),
                        "--store", s},
                new String[] {"space", "cert", "A Space", "--out", key.toString(), "--store", s},
                new String[] {"audit", "export", "--out", keys.resolve("new.csv").toString(), "--store", s},
                new String[] {"audit", "export", "--out", store.resolve("odcm.lock").toString(), "--store", s})) {
            assertTrue(misused(args).contains("where a file written would destroy the store or its keys; choose a file elsewhere."),
                    String.join(" ", args));
        }
        assertTrue(java.util.Arrays.equals(db, Files.readAllBytes(store.resolve("odcm.mv.db"))), "the store untouched");
        assertTrue(java.util.Arrays.equals(keyBytes, Files.readAllBytes(key)), "the master key untouched");
        assertFalse(Files.exists(keys.resolve("new.csv")));
        Path inbox = Files.createDirectories(store.resolve("inbox").resolve("A Space"));
        assertEquals("0", run("space", "cert", "A Space", "--out", inbox.resolve("a.pem").toString(), "--store", s)[0], "below the store: its inbox");
    }

    /** An empty ODCM_STORE is a script's mistake, not a wish for the operator's default store: exit 2, nothing opened. */
    @Test
    void anEmptyStoreVariableIsNotTheDefaultStore() {
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new String[] {"space", "list"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("ODCM_STORE", "", "ODCM_KEY_DIR", keys.toString(), "ODCM_LOG_DIR", logs.toString(), "XDG_DATA_HOME", tmp.resolve("xdg").toString()));
        assertEquals(Cli.USAGE, exit, err.toString());
        assertTrue(err.toString().startsWith("ODCM_STORE is set but empty; set it to a folder, or unset it to use the default."), err.toString());
        assertFalse(Files.exists(tmp.resolve("xdg")), "the default store was not made");
    }

    @Test
    void fileOptionsNeedAFileInAFolderThatExists() throws Exception {
        String s = store.toString();
        List<String[]> lines = new ArrayList<>();
        for (String bad : new String[] {"", " ", folder.toString()}) {
            lines.add(new String[] {"bundle", "verify", bad, "--space", "X", "--store", s});
            lines.add(new String[] {"bundle", "inspect", bad});
            lines.add(new String[] {"bundle", "import", bad, "--space", "X", "--store", s});
            lines.add(new String[] {"bundle", "import", file.toString(), "--space", "X", "--values", bad, "--store", s});
            lines.add(new String[] {"receipt", "verify", bad, "--space", "X", "--store", s});
            lines.add(new String[] {"remote", "add", "X", "--cert", bad, "--fingerprint", "00", "--store", s});
            lines.add(new String[] {"remote", "show-cert", bad});
            lines.add(new String[] {"apply", bad, "--store", s});
        }
        for (String bad : new String[] {"", folder.toString(), tmp.resolve("missing").resolve("out.csv").toString(),
                file.resolve("out.csv").toString()}) {
            lines.add(new String[] {"audit", "export", "--out", bad, "--store", s});
            lines.add(new String[] {"bundle", "create", "--space", "A", "--project", "P", "--release", "1", "--to", "B", "--out", bad, "--store", s});
            lines.add(new String[] {"receipt", "create", "--space", "A", "--for", "B", "--out", bad, "--store", s});
            lines.add(new String[] {"space", "cert", "A", "--out", bad, "--store", s});
        }
        for (String[] line : lines) {
            String err = misused(line);
            assertTrue(err.matches("--?[a-zA-Z.]+ .*|FILE.*"), "names what is wrong: " + err);
        }
        assertFalse(Files.exists(store), "nothing was opened");
    }

    @Test
    void anOptionOfAFewWordsGetsOneOfThem() {
        String s = store.toString();
        assertTrue(misused("space", "create", "A", "--key", "dsa", "--store", s).startsWith("The key algorithm is 'ec'"));
        assertTrue(misused("space", "create", "A", "--key", "", "--store", s).startsWith("The key algorithm is 'ec'"));
        assertTrue(misused("space", "cert", "A", "--format", "p12", "--store", s).startsWith("The certificate format is 'pem' or 'der'"));
        assertTrue(misused("trust", "add", "--space", "A", "--accepts", "", "--from", "B", "--store", s).startsWith("A trust is for"));
        assertTrue(misused("trust", "revoke", "--space", "A", "--accepts", "x", "--from", "B", "--reason", "r", "--store", s)
                .startsWith("A trust is for"));
        assertTrue(misused("release", "diff", "--space", "A", "--project", "P", "1", "2", "--format", "pdf", "--store", s)
                .startsWith("A comparison is written as"));
        assertFalse(Files.exists(store), "nothing was opened");
    }

    @Test
    void anUnexpectedErrorIsOneSentenceNamingTheLogWithTheDetailsThere() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("damaged"));
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        assertFalse(Files.exists(cli.log()), "a command that went well logs nothing (not even jOOQ's version line, decision 0051)");
        // A store whose schema lost a table: not the user's doing, so an unexpected error, not a refusal.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("odcm"), "sa", "");
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE ENVIRONMENT CASCADE");
        }
        CliHarness.Result r = cli.run("env", "list", "--space", "DevTest Space");
        assertEquals(Cli.UNEXPECTED, r.exit(), r.err());
        assertEquals("Unexpected error (a fault in ODCM Console, not in what you did); the details are in " + cli.log() + ".", r.err().strip());
        String log = Files.readString(cli.log());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.log())), "for the user only");
        assertTrue(log.contains("ENVIRONMENT") && log.contains("\tat "), "the details and the stack trace are in the log: " + log);
    }
}
