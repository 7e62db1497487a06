package odcm.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child JVMs of the process tests start on a class-data archive of the dependency jars made once per build
 * (docs/decisions/0025), and still run our classes from the build's folders and say nothing more than without it.
 */
class ChildJvmTest {
    @TempDir
    Path tmp;

    @Test
    void childrenLoadTheDependencyJarsFromTheArchiveAndOurClassesAsBefore() throws Exception {
        List<String> cmd = ChildJvm.command(List.of("-Xshare:on", "-Xlog:class+load=info:file=" + tmp.resolve("classes.log")), "odcm.app.Main");
        cmd.add("--version");
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "ended");
        String err = Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err, "nothing on stderr");
        assertFalse(Files.readString(tmp.resolve("out")).isBlank(), "the version printed");

        List<String> loaded = Files.readAllLines(tmp.resolve("classes.log"));
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" picocli.CommandLine ") && l.contains("source: shared objects file")),
                "picocli from the archive");
        // (the dump itself spins a few of java.util.regex's while it reads the jars: those were in the archive before too)
        assertTrue(loaded.stream().anyMatch(l -> l.contains("$$Lambda$") && l.contains("source: shared objects file") && !l.contains(" java.util.regex.")),
                "lambdas from the archive too (its list keeps the lambda entries), not spun at run time");
        String main = loaded.stream().filter(l -> l.contains(" odcm.app.Main ")).findFirst().orElseThrow();
        assertTrue(main.contains("source: file:") && main.contains("/target/classes/"), "ours from the build's folder: " + main);
    }

    @Test
    void theClassPathHasTheSameEntriesJarsFirst() {
        List<String> cmd = ChildJvm.command(List.of(), "odcm.app.Main");
        List<String> entries = List.of(cmd.get(cmd.indexOf("-cp") + 1).split(java.io.File.pathSeparator));
        List<String> ours = new ArrayList<>(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        ours.removeIf(String::isEmpty);
        assertEquals(ours.size(), entries.size());
        assertTrue(entries.containsAll(ours));
        int firstFolder = entries.indexOf(entries.stream().filter(e -> !e.endsWith(".jar")).findFirst().orElseThrow());
        assertTrue(entries.subList(firstFolder, entries.size()).stream().noneMatch(e -> e.endsWith(".jar")), "jars first: " + entries);
    }
}
