package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import odcm.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockAcrossProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void storeLockedByAnotherProcessIsRefusedNamingThatProcess() throws Exception {
        StoreLocation loc = Fixtures.location(tmp);
        Files.createDirectories(loc.storeDir());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                loc.storeDir().toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            Refusal r = assertThrows(Refusal.class, () -> Fixtures.open(tmp));
            assertEquals("The store at " + loc.storeDir() + " is in use by another ODCM Console or command (process " + other.pid()
                    + "); close it and try again.", r.getMessage());
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(20, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(0, store.read(tx -> tx.spaces().findAll()).size(), "free again once the other process let go");
        }
    }
}
