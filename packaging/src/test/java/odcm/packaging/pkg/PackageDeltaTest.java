package odcm.packaging.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import odcm.model.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageDeltaTest {
    @TempDir
    Path dir;

    @Test
    void rebuildsTheTargetAndCarriesLessThanItWhereLittleChanged() throws Exception {
        byte[] base = new byte[600_000];
        new Random(1).nextBytes(base);
        byte[] next = base.clone();
        next[300_000] ^= 1;
        Path b = Files.write(dir.resolve("base"), base);
        Path t = Files.write(dir.resolve("next"), next);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        PackageDelta.encode(b, t, delta, Progress.NONE);
        assertTrue(delta.size() < next.length / 4, "delta of " + delta.size() + " bytes");
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        assertEquals(next.length, PackageDelta.apply(b, new ByteArrayInputStream(delta.toByteArray()), rebuilt, next.length));
        assertArrayEquals(next, rebuilt.toByteArray());
    }

    @Test
    void refusesADeltaThatWritesMoreThanThePackage() throws Exception {
        byte[] base = new byte[200_000];
        Path b = Files.write(dir.resolve("base"), base);
        Path t = Files.write(dir.resolve("next"), base);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        PackageDelta.encode(b, t, delta, Progress.NONE);
        PackageDelta.BadDelta refused = assertThrows(PackageDelta.BadDelta.class,
                () -> PackageDelta.apply(b, new ByteArrayInputStream(delta.toByteArray()), new ByteArrayOutputStream(), 1000));
        assertEquals("would write more than the package's size", refused.getMessage());
    }
}
