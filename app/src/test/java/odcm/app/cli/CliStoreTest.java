package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import odcm.app.cli.CliHarness.Result;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as the command line meets it: in use, tampered with, the default location. */
class CliStoreTest {
    @TempDir
    Path tmp;

    @Test
    void storeInUseByAnotherConsoleIsNamedAndNotTouched() {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        try (Store open = Store.open(new StoreLocation(cli.store(), tmp.resolve("keys")))) {
            Result r = cli.run("space", "create", "Other Space");
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("is in use"), r.err());
            assertTrue(r.err().contains(cli.store().toString()), "names the store: " + r.err());
        }
        assertTrue(CliTest.ok(cli.run("space", "list")).out().contains("DevTest Space"));
        assertTrue(!cli.run("space", "list").out().contains("Other Space"));
    }

    @Test
    void anOlderStoreFileCopiedBackIsSaidOnEveryCommandRefusedForChangesUntilAccepted() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "A Space"));
        Path db = cli.store().resolve("odcm.mv.db");
        Files.copy(db, tmp.resolve("old.mv.db"));
        CliTest.ok(cli.run("space", "create", "B Space"));
        Files.copy(tmp.resolve("old.mv.db"), db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Result refused = cli.run("space", "create", "C Space");
        assertEquals(1, refused.exit());
        assertEquals(1, refused.err().strip().lines().count(), "one line: the refusal says why, once: " + refused.err());
        String warning = refused.err().substring(0, refused.err().indexOf(" Nothing was changed."));
        assertTrue(warning.startsWith("This store is behind its audit head ") && warning.endsWith("entry 2 was removed from the end of the audit log."),
                refused.err());
        assertTrue(refused.err().contains("Nothing was changed.") && refused.err().contains("odcm audit accept-rollback --reason"), refused.err());
        // Its spaces and trusts are not used until then (an older file put back could hold an earlier trust: 0038, "Freshness")
        Result spaces = cli.run("space", "list");
        assertEquals(1, spaces.exit(), spaces.err());
        assertTrue(spaces.err().startsWith(warning + " Nothing was changed. Its trusts and certificates are not used until then"), spaces.err());
        assertEquals(1, spaces.err().strip().lines().count(), spaces.err());
        Result listed = cli.run("audit", "list");
        assertEquals(0, listed.exit(), listed.err());
        assertEquals(warning + "\n", listed.err().replace("\r", ""), "one line on stderr, and reading still works");
        assertTrue(!listed.out().contains("C Space") && !listed.out().contains("B Space"));
        Result verify = cli.run("audit", "verify");
        assertEquals(1, verify.exit());
        assertTrue(verify.err().contains("The audit log has been tampered with: entry 2 was removed from the end of the audit log."), verify.err());

        Result accepted = cli.run("audit", "accept-rollback", "--reason", "restored the older file on purpose");
        assertEquals(0, accepted.exit(), accepted.err());
        assertTrue(accepted.out().startsWith("Accepted the store as it is: recorded as audit entry 2"), accepted.out());
        assertTrue(CliTest.ok(cli.run("audit", "list")).out().contains("restored the older file on purpose"));
        assertEquals("", CliTest.ok(cli.run("space", "create", "C Space")).err());
        assertTrue(CliTest.ok(cli.run("audit", "verify")).out().startsWith("The audit log is intact: 3 entries checked."));
        assertEquals(1, cli.run("audit", "accept-rollback", "--reason", "again").exit(), "nothing left to accept");
    }

    @Test
    void anOlderStoreFilePutBackWithItsHeadDeletedIsOneLineAndExitOneUntilAccepted() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "A Space"));
        Path db = cli.store().resolve("odcm.mv.db");
        Files.copy(db, tmp.resolve("old.mv.db"));
        CliTest.ok(cli.run("space", "create", "B Space"));
        Files.copy(tmp.resolve("old.mv.db"), db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> heads = Files.list(tmp.resolve("keys"))) {
            for (Path head : heads.filter(p -> p.toString().endsWith(".audit-head")).toList()) {
                Files.delete(head); // decision 0044: the head beside the key deleted, as an attacker can without reading the key
            }
        }
        for (String[] command : new String[][] {{"space", "create", "C Space"}, {"space", "list"}}) {
            Result r = cli.run(command);
            assertEquals(1, r.exit(), String.join(" ", command) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains(".audit-head is missing, so whether this store was rolled back cannot be told. Nothing was changed."),
                    r.err());
        }
        Result verify = cli.run("audit", "verify"); // the warning said on every command, then what verify found, as for a rollback
        assertEquals(1, verify.exit());
        assertTrue(verify.err().contains("The end of the audit log cannot be checked: its head file "), verify.err());
        Result accepted = cli.run("audit", "accept-rollback", "--reason", "the head was lost; the store is checked");
        assertEquals(0, accepted.exit(), accepted.err());
        assertEquals("", CliTest.ok(cli.run("space", "create", "C Space")).err());
        assertTrue(CliTest.ok(cli.run("audit", "verify")).out().startsWith("The audit log is intact: 3 entries checked."));
    }

    /** Three audited changes, then {@code sql} run directly on the H2 file, then {@code audit verify}: its one stderr line. */
    private String verifyAfterTampering(String sql, int rowsChanged) throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "A Space"));
        CliTest.ok(cli.run("space", "create", "B Space"));
        CliTest.ok(cli.run("space", "rename", "B Space", "C Space"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("odcm"), "sa", "");
             Statement s = c.createStatement()) {
            assertEquals(rowsChanged, s.executeUpdate(sql));
        }
        Result r = cli.run("audit", "verify");
        assertEquals(1, r.exit());
        return r.err();
    }

    @Test
    void auditVerifyNamesTheFirstAlteredEntry() throws Exception {
        String err = verifyAfterTampering("UPDATE audit_event SET subject = 'local space ''Z Space''' WHERE seq = 2", 1);
        assertTrue(err.contains("The audit log has been tampered with: entry 2 was changed after it was written"), err);
    }

    @Test
    void auditVerifyNamesEntriesRemovedFromTheEnd() throws Exception {
        String err = verifyAfterTampering("DELETE FROM audit_event WHERE seq >= 2", 2);
        assertTrue(err.contains("The audit log has been tampered with: entries 2 to 3 were removed from the end of the audit log."), err);
    }

    @Test
    void withoutTheMasterKeyAuditVerifyIsNotIntactAndChangesAreRefused() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "A Space"));
        try (Stream<Path> keys = Files.list(tmp.resolve("keys"))) {
            for (Path k : keys.filter(p -> p.toString().endsWith(".key")).toList()) {
                Files.delete(k);
            }
        }
        Result r = cli.run("audit", "verify");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("Only the links of the audit log could be checked: the master key is missing,"
                + " so whether entries were rewritten cannot be told."), r.err());
        String before = cli.listings();
        Result refused = cli.run("space", "create", "B Space");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("The master key of this store is missing"), refused.err());
        assertEquals(before, cli.listings(), "the refused change left every listing as it was");
    }

    /** `store copy` into a new folder (the team store's direction is StoreCopyTest's): the copy opens with the same key. */
    @Test
    void aStoreCopiedIntoANewFolderIsTheSameStoreAndAFolderWithAStoreIsRefused() {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        Path copy = tmp.resolve("copy");
        Result copied = CliTest.ok(cli.run("store", "copy", "--to", copy.toString()));
        assertTrue(copied.out().startsWith("Copied the store into " + copy + ": "), copied.out());
        assertTrue(copied.out().strip().endsWith("its 2 audit entries were verified on the copy."), copied.out());
        try (Store copied2 = Store.open(new StoreLocation(copy, tmp.resolve("keys")))) {
            assertEquals(java.util.List.of("DevTest Space"), copied2.read(tx -> tx.spaces().findAll()).stream().map(sp -> sp.name()).toList());
            assertEquals("store.copied-in", copied2.read(tx -> tx.audit().list(null)).get(0).action());
        }
        Result again = cli.run("store", "copy", "--to", copy.toString());
        assertEquals(1, again.exit());
        assertEquals("The folder " + copy + " already holds a store; copy into a new folder, or an empty database.", again.err().strip());
        Result password = cli.run("store", "copy", "--to", "postgresql://alice:hunter2@db/odcm");
        assertEquals(1, password.exit());
        assertTrue(password.err().startsWith("A store address must not hold a password"), password.err());
    }
}
