package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.apply.Demo;
import odcm.app.compare.ComparisonReport;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.audit.AuditFilter;
import odcm.model.release.Release;
import odcm.model.release.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's model without a toolkit: the default pair, next/previous, only changes, reveal, export, decisions. */
class CompareViewModelTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    CompareViewModel vm;
    SameThreadTaskRunner runner = new SameThreadTaskRunner();

    @BeforeEach
    void open() {
        ctx = AppContext.open(TestStores.demo(tmp, "store"));
        CurrentSpace space = new CurrentSpace();
        ReleasesViewModel releases = new ReleasesViewModel(ctx.projects(), ctx.releases(), ctx.bundles(), ctx.deployments(), ctx.approvals(), ctx.acceptances(), runner, space);
        space.choose(Demo.DEVTEST);
        releases.projectProperty().set("Web Shop");
        releases.selectedProperty().set(releases.all().stream().filter(r -> r.version().equals("1.1.0")).findFirst().orElseThrow());
        vm = releases.startCompare().orElseThrow();
        vm.load();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    String selected() {
        return vm.selectedProperty().get().entry().name();
    }

    @Test
    void theSelectedReleaseIsComparedWithTheOneBefore() {
        assertEquals("1.0.0", vm.fromProperty().get());
        assertEquals("1.1.0", vm.toProperty().get());
        assertEquals(List.of("1.0.0", "2.0.0"), List.of(CompareViewModel.defaultPair(List.of("2.0.0", "1.1.0", "1.0.0"), "1.1.0")[0],
                CompareViewModel.defaultPair(List.of("2.0.0", "1.1.0", "1.0.0"), null)[1]));
        assertTrue(vm.summaryProperty().get().startsWith("1 step added"), vm.summaryProperty().get());
    }

    @Test
    void nextAndPreviousStopAtChangesOnly() {
        vm.onlyChangesProperty().set(false);
        assertTrue(vm.next());
        assertEquals("Run database migrations", selected());
        assertTrue(vm.next());
        assertEquals("Deploy Web Shop", selected(), "its timeout changed");
        assertTrue(vm.previous());
        assertEquals("Run database migrations", selected());
        assertFalse(vm.previous());
        assertEquals("Run database migrations", selected(), "nothing above: the selection stays");
        int all = vm.rows().size();
        vm.onlyChangesProperty().set(true);
        assertTrue(vm.rows().size() < all);
        assertEquals("Run database migrations", selected(), "the selection survives the filter");
    }

    @Test
    void revealIsAuditedAndExportNeverHoldsSecrets() throws Exception {
        while (vm.next() && !selected().startsWith("DbPassword")) {
            // to the changed password (ApiKey, added and sensitive, comes before it)
        }
        assertTrue(vm.canReveal());
        assertTrue(vm.rows().stream().noneMatch(r -> r.to().startsWith("dev-secret")));
        vm.reveal();
        assertEquals("release.reveal", ctx.audit().list(AuditFilter.ALL).get(0).action());
        assertFalse(vm.canReveal());
        assertTrue(vm.rows().stream().anyMatch(r -> r.to().equals("dev-secret-1")));
        Path md = tmp.resolve("c.md");
        vm.export(ComparisonReport.Format.MD, md);
        assertFalse(Files.readString(md).contains("dev-secret"), "a reveal on screen never reaches a report");
        assertEquals("Web-Shop-1.0.0-to-1.1.0.md", vm.suggestedFileName(ComparisonReport.Format.MD));
    }

    @Test
    void aRejectionNeedsACommentAndThenIsShown() {
        FormState form = new FormState(runner);
        boolean[] closed = {false};
        vm.decide(form, Verdict.REJECTED, "", () -> closed[0] = true);
        assertFalse(closed[0]);
        assertEquals("Say why the release is rejected: a rejection needs a comment.", form.error());
        vm.decide(form, Verdict.APPROVED, "Looks right", () -> closed[0] = true);
        assertTrue(closed[0]);
        assertTrue(vm.approvalProperty().get().contains("1.1.0 was approved by"), vm.approvalProperty().get());
        Release r = ctx.releases().find(Demo.DEVTEST, "Web Shop", "1.1.0");
        assertEquals(Verdict.APPROVED, ctx.approvals().decisions(Demo.DEVTEST, "Web Shop", r.version()).get(0).verdict());
    }

    /** Work waits until the test runs it: what the FX thread does before the runner delivers can be seen. */
    static final class HeldRunner implements odcm.app.ui.task.TaskRunner {
        private final java.util.List<Runnable> held = new java.util.ArrayList<>();
        private final SameThreadTaskRunner now = new SameThreadTaskRunner();

        @Override
        public <T> void run(String what, java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                            java.util.function.Consumer<String> onFailure) {
            held.add(() -> now.run(what, work, onSuccess, onFailure));
        }

        void runAll() {
            while (!held.isEmpty()) {
                held.remove(0).run();
            }
        }

        @Override
        public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
            return now.busyProperty();
        }

        @Override
        public javafx.beans.property.ReadOnlyStringProperty activityProperty() {
            return now.activityProperty();
        }
    }

    @Test
    void theRowsAreBuiltOnTheTaskRunnerNeverOnTheCallersThread() {
        HeldRunner held = new HeldRunner();
        CompareViewModel c = new CompareViewModel(ctx.releases(), ctx.approvals(), held, Demo.DEVTEST, "Web Shop", List.of("2.0.0", "1.1.0", "1.0.0"),
                "1.0.0", "1.1.0");
        c.load();
        assertTrue(c.rows().isEmpty(), "the diff is computed on the runner");
        held.runAll();
        int changes = c.rows().size();
        assertTrue(changes > 0);
        c.onlyChangesProperty().set(false);
        assertEquals(changes, c.rows().size(), "showing everything lists the rows on the runner, not on the FX thread");
        held.runAll();
        assertTrue(c.rows().size() > changes);
        c.onlyChangesProperty().set(true);
        c.onlyChangesProperty().set(false);
        c.onlyChangesProperty().set(true);
        held.runAll();
        assertEquals(changes, c.rows().size(), "switched quickly: the last choice is what shows");
    }
}
