package odcm.app.cli;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.ChildJvm;
import java.util.concurrent.TimeUnit;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditVerification;
import odcm.model.project.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGTERM ({@link Process#destroy()} on Linux) to a separate JVM running {@code odcm bundle import}, paused by the
 * test-only hook {@code odcm.test.pauseAt} inside its transaction or just after its commit: stderr is one line that
 * says honestly what the stop left behind, with no SQL or exception text; the exit status is 143 (128 + 15, as the
 * README says); the store opens, its audit log verifies, and the import is whole or absent; no H2 trace file.
 */
class StopSignalTest {
    @TempDir
    static Path shared;
    static PausedChild.ImportFiles files;

    @TempDir
    Path tmp;

    @BeforeAll
    static void networks() throws IOException {
        files = PausedChild.ImportFiles.in(shared);
    }

    /**
     * SIGTERM while {@code apply} is running its SQL (sent as soon as the child holds the store, with 150 environments
     * still to write): before, H2's own shutdown hook closed the database under the statement and its SQL reached
     * the terminal. Now one line, exit 143, and the apply is all there or not at all, as the line says.
     */
    @Test
    void sigtermDuringARunningApplyIsOneLineAndAllOrNothing() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        Path doc = Files.writeString(tmp.resolve("apply.json"), "{\"space\": \"DevTest Space\", \"environments\": ["
                + java.util.stream.IntStream.range(0, 150).mapToObj(i -> "{\"name\": \"Env " + i + "\"}")
                        .collect(java.util.stream.Collectors.joining(",")) + "]}");
        Path stderr = tmp.resolve("stderr");
        List<String> cmd = ChildJvm.command(List.of(), "odcm.app.Main");
        cmd.addAll(List.of("apply", doc.toString(), "--store", cli.store().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ODCM_KEY_DIR", tmp.resolve("keys").toString());
        pb.environment().put("ODCM_LOG_DIR", tmp.resolve("logs").toString());
        Process p = pb.start();
        try {
            Path lock = cli.store().resolve("odcm.lock");
            String pid = Long.toString(p.pid());
            while (p.isAlive() && !(Files.exists(lock) && Files.readString(lock, StandardCharsets.US_ASCII).strip().equals(pid))) {
                Thread.sleep(10);
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
        assertEquals(143, p.exitValue(), "stopped by the signal, not finished first; stderr: " + err);
        boolean kept = err.equals("odcm: stopped by SIGTERM; the change in progress was undone, changes saved before it were kept.");
        assertTrue(kept || err.equals("odcm: stopped by SIGTERM; nothing was changed."), "one line, no SQL: " + err);
        String envs = CliTest.ok(cli.run("env", "list", "--space", "DevTest Space")).out();
        assertEquals(kept ? 150 : 0, envs.lines().filter(l -> l.startsWith("Env ")).count(), "all or nothing, as the line says: " + envs);
        CliTest.ok(cli.run("audit", "verify"));
    }

    @ParameterizedTest
    @CsvSource({"audit, false, 'odcm: stopped by SIGTERM; nothing was changed.'",
            "committed, true, 'odcm: stopped by SIGTERM; the change in progress was undone, changes saved before it were kept.'"})
    void sigtermRollsBackClosesTheStoreAndSaysOneLine(String point, boolean imported, String line) throws Exception {
        Path dir = PausedChild.copy(files.pristine(), tmp.resolve("network-b"));
        Path stderr = tmp.resolve("stderr");
        Process p = PausedChild.start(point, dir, List.of("bundle", "import", files.bundle().toString(), "--space", PROD, "--values",
                files.values().toString()), stderr);
        try {
            PausedChild.awaitPause(p, point);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(line, err.strip(), "one line on stderr");
        assertEquals(143, p.exitValue(), "exit status of SIGTERM");
        try (var files = Files.list(dir.resolve("store"))) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".trace.db")), "no H2 trace file");
        }
        try (AppContext ctx = AppContext.open(TestBundles.location(dir))) {
            AuditVerification audit = ctx.audit().verify();
            assertTrue(audit.isIntact(), audit.sentence());
            List<String> projects = ctx.projects().list(PROD).stream().map(Project::name).toList();
            assertEquals(imported ? List.of(REMOTE_WEB) : List.of(), projects, "the import is whole or absent");
            assertEquals(imported ? 1 : 0, ctx.store().read(tx -> tx.bundles().acceptedBundleIds(ctx.spaces().find(PROD).id())).size());
        }
    }
}
