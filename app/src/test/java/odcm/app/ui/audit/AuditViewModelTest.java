package odcm.app.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.audit.AuditEntry;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log screen's state: filtered entries, verification outcome, export. */
class AuditViewModelTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();

    @BeforeEach
    void open() {
        ctx = TestStores.open(tmp, "a");
        ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
        ctx.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void filtersVerifiesAndExports() throws Exception {
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        vm.refresh();
        assertTrue(vm.entries().stream().map(AuditEntry::action).toList().containsAll(List.of("space.create")));
        int all = vm.entries().size();
        vm.filterProperty().set("qa space");
        assertEquals(1, vm.entries().size());
        assertTrue(all > vm.entries().size());

        vm.verify();
        assertFalse(vm.outcome().isError(), vm.outcome().text());
        assertTrue(vm.outcome().text().startsWith("The audit log is intact"), vm.outcome().text());

        Path csv = tmp.resolve("audit.csv");
        vm.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("seq,at,os_user,action,subject,detail,prev_hash,hash", lines.get(0));
        assertEquals(2, lines.size(), "header and the one filtered entry");
        assertFalse(vm.outcome().isError(), vm.outcome().text());
    }

    /** Decision 0040: the person filter keeps exactly that person's entries, the text filter still applying. */
    @Test
    void filtersByPerson() {
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        vm.refresh();
        int all = vm.entries().size();
        vm.personProperty().set(" " + ctx.store().person().name() + " ");
        assertEquals(all, vm.entries().size(), "every entry is this store's one person's");
        vm.filterProperty().set("qa space");
        assertEquals(1, vm.entries().size());
        vm.personProperty().set("nobody");
        assertEquals(0, vm.entries().size());
        vm.filterProperty().set("");
        vm.personProperty().set(ctx.store().person().name() + "x");
        assertEquals(0, vm.entries().size(), "a longer name is another person");
    }

    @Test
    void withoutTheMasterKeyTheVerificationIsAWarningNotIntact() throws Exception {
        ctx.close();
        StoreLocation location = TestStores.location(tmp, "a");
        try (Stream<Path> keys = Files.list(location.keyDir())) {
            for (Path k : keys.filter(p -> p.toString().endsWith(".key")).toList()) {
                Files.delete(k);
            }
        }
        ctx = AppContext.open(location);
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        vm.verify();
        assertTrue(vm.outcome().isWarning());
        assertFalse(vm.outcome().isError());
        assertEquals("Only the links of the audit log could be checked: the master key is missing, so whether entries were rewritten"
                + " cannot be told.", vm.outcome().text());
    }

    @Test
    void entriesRemovedFromTheEndAreADanger() throws Exception {
        ctx.close();
        StoreLocation location = TestStores.location(tmp, "a");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + location.storeDir().resolve("odcm"), "sa", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event)");
        }
        ctx = AppContext.open(location);
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        vm.verify();
        assertTrue(vm.outcome().isError());
        assertTrue(vm.outcome().text().endsWith("was removed from the end of the audit log."), vm.outcome().text());
    }

    @Test
    void anExportThatCannotBeWrittenSaysSo() {
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        Path missing = tmp.resolve("no such folder");
        String stderr = TestStores.stderrOf(() -> vm.exportCsv(missing.resolve("audit.csv")));
        assertTrue(vm.outcome().isError());
        assertEquals("The folder " + missing.toAbsolutePath() + " does not exist.", vm.outcome().text());
        assertEquals("", stderr, "no stack trace for a user's mistake");

        stderr = TestStores.stderrOf(() -> vm.exportCsv(tmp));
        assertTrue(vm.outcome().isError());
        assertEquals(tmp.toAbsolutePath() + " is a folder; give a file name to write to.", vm.outcome().text());
        assertEquals("", stderr);
    }

    /** Decision 0052: Cancel, seen at the export's first step, leaves an earlier file as it was and no temporary one. */
    @Test
    void aCancelledExportWritesNothing() throws Exception {
        Path csv = Files.writeString(tmp.resolve("audit.csv"), "an earlier export\n");
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        List<String> seen = new java.util.ArrayList<>();
        vm.runningProperty().addListener((o, was, now) -> {
            if (now != null) {
                seen.add("running");
                now.cancel(); // as the dialog's Cancel does, before the worker reaches the first step
            }
        });
        vm.exportCsv(csv);
        assertEquals(List.of("running"), seen);
        assertEquals("Cancelled; nothing was changed.", vm.outcome().text());
        assertEquals(null, vm.runningProperty().get(), "the progress dialog goes");
        assertEquals("an earlier export\n", Files.readString(csv));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void anExportReplacesAnEarlierFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path csv = Files.writeString(tmp.resolve("audit.csv"), "an earlier export\n");
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        vm.exportCsv(csv);
        assertFalse(vm.outcome().isError(), vm.outcome().text());
        assertTrue(Files.readString(csv).startsWith("seq,at,"));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }
}
