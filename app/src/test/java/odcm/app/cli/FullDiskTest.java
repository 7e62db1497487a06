package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        // The tmpfs is mounted over the store's own folder (the store stays where it was, so it is not taken for a copy of
        // itself) and filled but for 64 KiB: the store opens, and the apply finds no room for what it writes. The store as
        // the full disk left it is saved in mnt, and replaces the original once the namespace (and its mount) is gone.
        String script = "set -e; cp -a \"$STORE/.\" \"$MNT/\"; mount -t tmpfs -o size=8m odcm-full \"$STORE\"; cp -a \"$MNT/.\" \"$STORE/\";"
                + " dd if=/dev/zero of=\"$STORE/filler\" bs=4k 2>/dev/null || true; truncate -s -64k \"$STORE/filler\"; set +e;"
                + " \"$@\" apply \"$DOC\" --store \"$STORE\" 2>\"$ERR\"; rc=$?;"
                + " rm -f \"$STORE/filler\" \"$MNT\"/*; cp -a \"$STORE/.\" \"$MNT/\"; exit $rc";
        // "$@": the child's java command line, started as the other process tests' children (ChildJvm: a short-lived client)
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "-rm", "sh", "-c", script, "sh"));
        command.addAll(odcm.app.ChildJvm.command(List.of(), "odcm.app.Main"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("sh.out").toFile());
        pb.environment().putAll(Map.of("MNT", mnt.toString(), "STORE", cli.store().toString(),
                "DOC", doc.toString(), "ERR", tmp.resolve("stderr").toString(),
                "ODCM_KEY_DIR", tmp.resolve("keys").toString(), "ODCM_LOG_DIR", logs.toString()));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the apply ended");
        try (var left = Files.list(mnt)) {
            for (Path f : left.toList()) {
                Files.copy(f, cli.store().resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
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
        assertTrue(Files.readString(logs.resolve("odcm.log.0")).contains("No space left on device"), "the cause is in the log");
        assertEquals(before, cli.listings(), "nothing changed");
        assertTrue(CliTest.ok(cli.run("env", "list", "--space", "DevTest Space")).out().contains("has no environments yet"), "no environment");
        // Where the disk fills decides what the head file knows: full before the head was written, the log is intact; full
        // at the commit, after the head named the change as pending, verification says it was begun and not committed,
        // with every entry unaltered (decision 0019) — and the next write takes it as interrupted. Either way, after the
        // next write the log verifies intact.
        CliHarness.Result verified = cli.run("audit", "verify");
        if (verified.exit() != 0) {
            assertTrue(verified.err().contains("is not in it: it was interrupted before it was committed")
                    && verified.err().contains("1 entry in the log is unaltered"), verified.err());
        }
        CliTest.ok(cli.run("env", "create", "--space", "DevTest Space", "Test")); // and the store takes writes again
        CliTest.ok(cli.run("audit", "verify"));
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
