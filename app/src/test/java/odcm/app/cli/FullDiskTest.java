package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during {@code apply}, for real: the store is copied onto a small tmpfs mounted in a private
 * mount namespace of the child process ({@code unshare -rm}: no mount is left behind, and no root is needed where
 * user namespaces are allowed), the rest of that tmpfs is filled, and a large apply document is applied there. The
 * command must say in one line that the disk is full and nothing was changed (exit 1), leave no {@code odcm.trace.db},
 * write the cause to the log, and leave the store exactly as it was (its audit log intact).
 */
class FullDiskTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskDuringApplyIsOneSentenceAndChangesNothing() throws Exception {
        Assumptions.assumeTrue(namespacesWork(), "unshare -rm with a tmpfs mount is not allowed here; the full-disk test is skipped");
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        String before = cli.listings();
        Path doc = Files.writeString(tmp.resolve("big.json"), "{\"space\": \"DevTest Space\", \"environments\": ["
                + IntStream.range(0, 400).mapToObj(i -> "{\"name\": \"Env " + i + "\", \"description\": \"" + "x".repeat(2000) + "\"}")
                        .collect(Collectors.joining(",")) + "]}");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Path logs = tmp.resolve("logs");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Fill the tmpfs but for 64 KiB: the store opens, and the apply finds no room for what it writes. Afterwards the
        // store as the full disk left it replaces the original, to be opened and compared.
        String script = "set -e; mount -t tmpfs -o size=8m odcm-full \"$MNT\"; cp -a \"$STORE/.\" \"$MNT/\";"
                + " dd if=/dev/zero of=\"$MNT/filler\" bs=4k 2>/dev/null || true; truncate -s -64k \"$MNT/filler\"; set +e;"
                + " \"$JAVA\" -cp \"$CP\" odcm.app.Main apply \"$DOC\" --store \"$MNT\" 2>\"$ERR\"; rc=$?;"
                + " rm -f \"$MNT/filler\" \"$STORE\"/*; cp -a \"$MNT/.\" \"$STORE/\"; exit $rc";
        ProcessBuilder pb = new ProcessBuilder("unshare", "-rm", "sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("sh.out").toFile());
        pb.environment().putAll(Map.of("MNT", mnt.toString(), "STORE", cli.store().toString(), "JAVA", java,
                "CP", System.getProperty("java.class.path"), "DOC", doc.toString(), "ERR", tmp.resolve("stderr").toString(),
                "ODCM_KEY_DIR", tmp.resolve("keys").toString(), "ODCM_LOG_DIR", logs.toString()));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the apply ended");
        String err = Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8);
        assertEquals(Cli.REFUSED, p.exitValue(), "exit status; stderr: " + err + Files.readString(tmp.resolve("sh.out")));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("is full: nothing was changed."), err);
        for (String internal : List.of("SQL", "Exception", "org.", "transaction")) {
            assertFalse(err.contains(internal), "no internals: " + err);
        }
        try (var files = Files.list(cli.store())) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".trace.db")), "no H2 trace file: " + names);
        }
        assertTrue(Files.readString(logs.resolve("odcm.log")).contains("No space left on device"), "the cause is in the log");
        assertEquals(before, cli.listings(), "nothing changed");
        assertTrue(CliTest.ok(cli.run("env", "list", "--space", "DevTest Space")).out().contains("has no environments yet"), "no environment");
        CliTest.ok(cli.run("audit", "verify"));
        CliTest.ok(cli.run("env", "create", "--space", "DevTest Space", "Test")); // and the store takes writes again
    }

    static boolean namespacesWork() {
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m odcm-probe /mnt").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
