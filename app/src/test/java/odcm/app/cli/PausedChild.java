package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import odcm.app.ChildJvm;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;

/**
 * The command line in a JVM of its own, on the store and key folder in {@code dir}, paused at a named point by the
 * test-only hook {@code odcm.test.pauseAt} (it prints {@code ODCM-PAUSED <point>} and waits): for the kill and stop tests.
 */
final class PausedChild {
    private PausedChild() {
    }

    /** The two networks with a bundle from A to B and the values its import needs, in {@code shared}. */
    record ImportFiles(Path pristine, Path bundle, Path values) {
        static ImportFiles in(Path shared) throws IOException {
            AppContext[] both = TestBundles.twoNetworks(shared);
            Path bundle = Files.write(shared.resolve("web.odcmbundle"), TestBundles.bundle(both[0], "1.0.0", 1));
            Path values = Files.writeString(shared.resolve("values.json"), "{\"Staging\": {\"AdminEmail\": \"a@example.org\", \"DbPassword\": \"pw-1\"},"
                    + " \"Production\": {\"AdminEmail\": \"b@example.org\"}}");
            both[0].close();
            both[1].close();
            return new ImportFiles(shared.resolve("network-b"), bundle, values);
        }
    }

    /** Starts {@code odcm ARGS --store dir/store}, to pause at {@code point}; stderr goes to {@code stderr}, or with stdout when null. */
    static Process start(String point, Path dir, List<String> args, Path stderr) throws IOException {
        List<String> command = ChildJvm.command(List.of("-Dodcm.test.pauseAt=" + point), "odcm.app.Main");
        command.addAll(args);
        command.addAll(List.of("--store", dir.resolve("store").toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stderr == null) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(stderr.toFile());
        }
        pb.environment().put("ODCM_KEY_DIR", dir.resolve("keys").toString());
        pb.environment().put("ODCM_LOG_DIR", dir.resolve("logs").toString());
        return pb.start();
    }

    /** Reads the child's output until it pauses at {@code point}; fails (with what it printed) if it ends first. */
    static void awaitPause(Process p, String point) throws IOException {
        List<String> seen = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); !("ODCM-PAUSED " + point).equals(line); line = out.readLine()) {
            if (line == null) {
                fail("the process ended before pausing at '" + point + "': " + seen);
            }
            seen.add(line);
        }
    }

    /** Runs {@code odcm ARGS} on the stores in {@code dir} and kills it (SIGKILL) where it pauses at {@code point}. */
    static void killAt(String point, Path dir, List<String> args) throws Exception {
        Process p = start(point, dir, args, null);
        try {
            awaitPause(p, point);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed");
        } finally {
            p.destroyForcibly();
        }
    }

    /** A copy of the folder {@code from} (stores and keys), without lock files. */
    static Path copy(Path from, Path to) throws IOException {
        return odcm.app.ui.TestStores.copy(from, to);
    }
}
