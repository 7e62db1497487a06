package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory: a separate JVM with {@code -Xmx256m} verifies, inspects and verifies as a receipt every hostile file of
 * {@link HostileBundles} (ZIP bombs under the ratio limit, lying headers, deep and huge JSON, many tiny objects, CMS with
 * absurd lengths, and parts behind a trusted signature) and refuses each with a sentence, never an OutOfMemoryError; a
 * genuine release of 10,000 variables, 1,000 steps and 500 packages still verifies in the same heap.
 */
class BoundedMemoryTest {
    static final String HEAP = System.getProperty("odcm.test.heap", "-Xmx256m");

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws IOException {
        Files.write(dir.resolve("source.der"), DEV_EC.certificateDer());
        Files.write(dir.resolve("target.der"), PROD_EC.certificateDer());
        Files.write(dir.resolve("target.key"), PROD_EC.privateKeyPkcs8().reveal());
    }

    @Test
    void everyHostileFileIsRefusedInABoundedHeap() throws Exception {
        Map<String, byte[]> hostile = HostileBundles.all(unzip(bundle(DEV_EC, PROD_EC)), e -> resign(e, DEV_EC, null));
        List<String> files = new ArrayList<>();
        for (var e : hostile.entrySet()) {
            assertTrue(e.getValue().length <= Limits.DEFAULT.maxTotalBytes(), e.getKey() + " fits the file size limit");
            files.add(Files.write(dir.resolve(e.getKey()), e.getValue()).toString());
        }
        List<String> lines = check(files);
        assertEquals(hostile.size(), lines.size(), String.join("\n", lines));
        for (String line : lines) {
            String[] f = line.split("\t");
            if (!f[0].startsWith(HostileBundles.WITHIN_LIMITS)) {
                assertEquals("refused", f[1], line);
            }
        }
    }

    @Test
    void aLargeGenuineBundleVerifiesInTheSameHeap() throws Exception {
        Path big = Files.write(dir.resolve("large-genuine"), write(HostileBundles.largeRelease("Dev Space", "Prod Space", NOW, List.of("Staging", "Production")), DEV_EC, PROD_EC));
        List<String> lines = check(List.of(big.toString()));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertEquals("genuine", lines.get(0).split("\t")[1], lines.get(0));
    }

    /** Runs {@link BoundedMemoryCheck} in a JVM of {@link #HEAP}; its lines, after asserting it ended normally with no trace. */
    private static List<String> check(List<String> files) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, HEAP, "-cp", System.getProperty("java.class.path"),
                BoundedMemoryCheck.class.getName(), dir.toString()));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("OutOfMemoryError") || text.contains("Exception") || text.contains("\tat "), text);
        return text.lines().filter(l -> l.contains("\t")).toList();
    }
}
