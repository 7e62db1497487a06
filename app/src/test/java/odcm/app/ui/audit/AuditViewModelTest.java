package odcm.app.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.audit.AuditEntry;
import odcm.packaging.cert.KeyAlgorithm;
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

    @Test
    void anExportThatCannotBeWrittenSaysSo() {
        AuditViewModel vm = new AuditViewModel(ctx.audit(), runner);
        vm.exportCsv(tmp.resolve("no such folder").resolve("audit.csv"));
        assertTrue(vm.outcome().isError());
        assertTrue(vm.outcome().text().startsWith("Unexpected error: "), vm.outcome().text());
    }
}
