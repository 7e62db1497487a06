package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.ChildJvm;
import java.util.concurrent.TimeUnit;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditVerification;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a running console (a separate JVM, headless): the same single line and exit status as a command
 * (README: 143), no SQL or exception text, and the store closed cleanly: it opens at once, its audit log intact.
 */
class ConsoleStopTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermClosesTheConsolesStoreAndSaysOneLine() throws Exception {
        StoreLocation location = new StoreLocation(tmp.resolve("store"), tmp.resolve("keys"));
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
        }
        Path stderr = tmp.resolve("stderr");
        List<String> cmd = ChildJvm.command(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true"), "odcm.app.Main");
        cmd.addAll(List.of("--store", location.storeDir().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ODCM_KEY_DIR", location.keyDir().toString());
        pb.environment().put("ODCM_LOG_DIR", tmp.resolve("logs").toString());
        Process p = pb.start();
        try {
            // The console holds the store once the lock file names its process.
            Path lock = location.lockFile();
            String pid = Long.toString(p.pid());
            while (p.isAlive() && !(Files.exists(lock) && Files.readString(lock, StandardCharsets.US_ASCII).strip().equals(pid))) {
                Thread.sleep(100);
            }
            assertTrue(p.isAlive(), "the console runs: " + Files.readString(stderr));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readString(stderr, StandardCharsets.UTF_8).strip().lines().toList();
        assertEquals("odcm: stopped by SIGTERM; nothing was changed.", lines.get(lines.size() - 1), "the last line: " + lines);
        for (String line : lines) {
            assertFalse(line.contains("SQL") || line.contains("Exception") || line.startsWith("\tat "), "no internals: " + lines);
        }
        assertEquals(143, p.exitValue());
        try (AppContext ctx = AppContext.open(location)) {
            AuditVerification audit = ctx.audit().verify();
            assertTrue(audit.isIntact(), audit.sentence());
            assertEquals(1, ctx.spaces().list().size());
        }
    }
}
