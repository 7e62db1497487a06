package odcm.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 goal 1 (the launcher part): ./odcm makes a class-data-sharing archive once per build and every run uses it,
 * with the class path it was made with; an archive step that fails never stops a run nor prints the JVM's words. The
 * real script runs on a built tree of empty jars with a stand-in {@code java} on the PATH that records each call.
 */
class LauncherTest {
    @TempDir
    Path tmp;
    Path calls;
    Path target;
    Path cds;

    /** Records its arguments (and the class list a dump is given); plays the parts the launcher asks of a JVM. */
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            echo "java $*" >> "$FAKE_CALLS"
            dump=""; archive=""; list=""
            for a in "$@"; do
              case "$a" in
                -XX:DumpLoadedClassList=*) printf '# header\\nodcm/app/Main\\n@lambda-proxy odcm/app/Main run\\n@lambda-form-invoker [LF_RESOLVE] x\\n@lambda-proxy odcm/packaging/bundle/Cms getAttributes ()Lorg/bouncycastle/cms/CMSAttributeTableGenerator;\\n@lambda-proxy odcm/app/cli/Cli execute (Lodcm/app/cli/Cli;)Lpicocli/CommandLine$IExecutionStrategy; (Lpicocli/CommandLine$ParseResult;)I\\n' > "${a#*=}" ;;
                -XX:SharedClassListFile=*) sed 's/^/list: /' "${a#*=}" >> "$FAKE_CALLS"; list="${a#*=}" ;;
                -Xshare:dump) dump=1 ;;
                -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
              esac
            done
            if [ -n "$dump" ]; then
              if [ "${FAKE_DUMP:-}" = fail ] || { [ "${FAKE_DUMP:-}" = lambdas ] && grep -q '^@' "$list"; }; then
                echo "# A fatal error has been detected by the Java Runtime Environment" >&2; exit 134
              fi
              echo archive > "$archive"; exit 0
            fi
            if [ "${FAKE_DUMP:-}" = unusable ] && [[ " $* " == *" -Xshare:on "* ]]; then echo "An error has occurred while processing the shared archive file." >&2; exit 1; fi
            echo "ran ${*: -2}"
            """;

    @BeforeEach
    void builtTree() throws IOException {
        Files.copy(Path.of("..", "odcm").toAbsolutePath().normalize(), tmp.resolve("odcm"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("java"), FAKE_JAVA);
        for (Path script : List.of(tmp.resolve("odcm"), bin.resolve("java"))) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        target = tmp.resolve("app/target");
        Files.createDirectories(target.resolve("lib"));
        cds = Files.createDirectories(target.resolve("cds"));
        for (String jar : List.of("odcm-app.jar", "lib/picocli-4.7.7.jar", "lib/h2-2.4.240.jar", "lib/javafx-base-21.0.12-linux.jar",
                "lib/javafx-base-21.0.12.jar", "cds/openjfx-monocle-17.0.10.jar")) {
            Files.write(target.resolve(jar), new byte[0]);
            Files.setLastModifiedTime(target.resolve(jar), FileTime.from(Instant.now().minusSeconds(60)));
        }
        Files.write(target.resolve(".odcm-built"), new byte[0]); // built, and no source newer: no Maven run
        calls = tmp.resolve("calls");
    }

    @Test
    void theArchivesAreMadeOnceFromClassListsAndUsedByEveryRunWithTheirClassPath() throws Exception {
        Run first = odcm("ok", "space", "list");
        assertEquals(0, first.exit(), first.err());
        assertEquals("ran space list\n", first.out());
        assertEquals("odcm: preparing a faster start (once per build)...\n", first.err());
        List<String> dumps = calls().stream().filter(c -> c.contains("-Xshare:dump")).toList();
        assertEquals(2, dumps.size(), calls().toString());
        assertTrue(dumps.get(0).contains("-XX:SharedArchiveFile=" + cds.resolve("cli.jsa.")) && !dumps.get(0).contains("--module-path"), dumps.get(0));
        assertTrue(dumps.get(1).contains("-XX:SharedArchiveFile=" + cds.resolve("console.jsa.")) && dumps.get(1).contains("--module-path"), dumps.get(1));
        // both archives take the lambda entries too (a static dump archives them), but those naming BouncyCastle's classes
        // and those of a picocli interface (its classes would be left out of the archive)
        List<String> withLambdas = List.of("odcm/app/Main", "@lambda-proxy odcm/app/Main run", "@lambda-form-invoker [LF_RESOLVE] x");
        assertEquals(withLambdas, classList(0));
        assertEquals(withLambdas, classList(1));
        assertTrue(calls().stream().anyMatch(c -> c.contains("-Dodcm.cds.training=true")), "a console start is recorded too");
        String run = last();
        assertTrue(run.contains("-Xshare:auto -XX:SharedArchiveFile=" + cds.resolve("cli.jsa") + " "), run);
        assertEquals(classPath(dumps.get(0)), classPath(run), "the run's class path is the dump's");
        assertFalse(run.contains("--module-path"), "a command runs without JavaFX: " + run);
        assertTrue(run.contains("-XX:TieredStopAtLevel=1"), "a command: the quick compiler alone");

        Files.delete(calls);
        Run again = odcm("ok", "--store", "elsewhere", "dashboard", "--space", "S");
        assertEquals("", again.err());
        assertEquals(1, calls().size(), "no second dump: " + calls());
        assertTrue(last().contains("-XX:SharedArchiveFile=" + cds.resolve("cli.jsa") + " "), last());

        // a new build (a jar newer than the archives): made again
        Files.setLastModifiedTime(target.resolve("lib/h2-2.4.240.jar"), FileTime.from(Instant.now().plusSeconds(5)));
        Files.delete(calls);
        odcm("ok", "space", "list");
        assertEquals(2, calls().stream().filter(c -> c.contains("-Xshare:dump")).count(), calls().toString());
    }

    @Test
    void javaFxsNativeLibrariesAreUnpackedBesideItsJarsOncePerBuild() throws Exception {
        // JavaFX's loader looks beside its jar first; else every start unpacks them to ~/.openjfx/cache and hashes both
        Path graphics = target.resolve("lib/javafx-graphics-21.0.12-linux.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(graphics))) {
            for (String entry : List.of("libglass.so", "libprism_sw.so", "com/sun/glass/utils/NativeLibLoader.class", "META-INF/MANIFEST.MF")) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry));
                zip.write(("bytes of " + entry).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.setLastModifiedTime(graphics, FileTime.from(Instant.now().minusSeconds(60)));
        Path lib = target.resolve("lib");
        Run first = odcm("ok");
        assertEquals(0, first.exit(), first.err());
        assertEquals("bytes of libglass.so", Files.readString(lib.resolve("libglass.so")));
        assertEquals("bytes of libprism_sw.so", Files.readString(lib.resolve("libprism_sw.so")));
        assertFalse(Files.exists(lib.resolve("com")) || Files.exists(lib.resolve("META-INF")), "only the libraries");

        Files.writeString(lib.resolve("libglass.so"), "left as it is");
        odcm("ok");
        assertEquals("left as it is", Files.readString(lib.resolve("libglass.so")), "not again before the next build");

        Files.setLastModifiedTime(graphics, FileTime.from(Instant.now().plusSeconds(5))); // a new build
        odcm("ok");
        assertEquals("bytes of libglass.so", Files.readString(lib.resolve("libglass.so")));
    }

    @Test
    void theConsoleRunsWithJavaFxItsOwnArchiveAndTheQuickCompilerAlone() throws Exception {
        for (String[] console : List.of(new String[] {}, new String[] {"--store", "somewhere"}, new String[] {"--store=somewhere"}, new String[] {"--"})) {
            odcm("ok", console);
            String run = last();
            assertTrue(run.contains("--module-path") && run.contains("-XX:SharedArchiveFile=" + cds.resolve("console.jsa") + " "), run);
            assertTrue(run.contains("-XX:TieredStopAtLevel=1"), "the console starts as a short-lived client (decision 0028): " + run);
            assertEquals(cores() <= 2, run.contains("-XX:CICompilerCount=1"), "one compiler thread on two cores or fewer (0062): " + run);
        }
        odcm("ok", "space", "list");
        assertFalse(last().contains("-XX:CICompilerCount"), "a command keeps the JDK's compiler threads: " + last());
    }

    /** The cores {@code nproc} counts, as ./odcm does. */
    private static int cores() throws Exception {
        Process p = new ProcessBuilder("nproc").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        assertEquals(0, p.waitFor(), out);
        return Integer.parseInt(out);
    }

    @Test
    void anArchiveStepThatFailsLeavesOdcmWorkingWithoutTheJvmsWordsAndIsNotRetriedUntilTheNextBuild() throws Exception {
        Run first = odcm("fail", "space", "list");
        assertEquals(0, first.exit(), first.err());
        assertEquals("ran space list\n", first.out());
        assertEquals("odcm: preparing a faster start (once per build)...\n", first.err(), "nothing of the JVM's on the terminal");
        assertEquals(List.of(), archives());
        assertFalse(last().contains("SharedArchiveFile"), last());
        assertTrue(Files.readString(cds.resolve("archive.log")).contains("fatal error"), "the reason is kept in cds/archive.log");

        Files.delete(calls);
        Run second = odcm("fail", "space", "list");
        assertEquals("ran space list\n", second.out());
        assertEquals("", second.err());
        assertEquals(1, calls().size(), "not tried again before the next build: " + calls());
    }

    @Test
    void aDumpThatFailsOnTheLambdaEntriesIsMadeAgainWithoutThem() throws Exception {
        Run first = odcm("lambdas", "space", "list");
        assertEquals("ran space list\n", first.out());
        assertEquals(4, calls().stream().filter(c -> c.contains("-Xshare:dump")).count(), calls().toString());
        assertTrue(classList(0).contains("@lambda-proxy odcm/app/Main run"), "first with the lambda entries: " + classList(0));
        assertEquals(List.of("odcm/app/Main"), classList(1), "the second dump of the commands' archive");
        assertTrue(classList(2).contains("@lambda-proxy odcm/app/Main run"), "the console's, first with them: " + classList(2));
        assertEquals(List.of("odcm/app/Main"), classList(3), "the second dump of the console's archive");
        assertEquals(List.of(cds.resolve("cli.jsa"), cds.resolve("console.jsa")), archives().stream().sorted().toList());
        assertTrue(last().contains("-XX:SharedArchiveFile=" + cds.resolve("cli.jsa") + " "), last());
    }

    @Test
    void anArchiveThatTheJvmCannotUseIsNeverPutInPlace() throws Exception {
        Run first = odcm("unusable", "space", "list");
        assertEquals("ran space list\n", first.out());
        assertEquals("odcm: preparing a faster start (once per build)...\n", first.err());
        assertTrue(calls().stream().anyMatch(c -> c.contains("-Xshare:on")), "a new archive is tried before it is used");
        assertEquals(List.of(), archives());
        assertFalse(last().contains("SharedArchiveFile"), last());
    }

    @Test
    void aRunStartsJavaWithNoHelperProgramButFind() throws Exception {
        odcm("ok", "space", "list"); // the archives made, with every program the making needs
        Path only = Files.createDirectories(tmp.resolve("only"));
        Files.copy(tmp.resolve("bin/java"), only.resolve("java"));
        Files.setPosixFilePermissions(only.resolve("java"), PosixFilePermissions.fromString("rwx------"));
        for (String program : List.of("bash", "find")) {
            Files.createSymbolicLink(only.resolve(program), Path.of(new String(new ProcessBuilder("bash", "-c", "command -v " + program)
                    .start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()));
        }
        Files.delete(calls);
        Run run = odcmOnPath("ok", only.toString(), "space", "list");
        assertEquals(0, run.exit(), run.err());
        assertEquals("ran space list\n", run.out());
        assertTrue(last().contains("-XX:SharedArchiveFile=" + cds.resolve("cli.jsa") + " "), last());
    }

    /** The class list given to the n-th dump. */
    private List<String> classList(int n) throws IOException {
        List<String> list = new java.util.ArrayList<>();
        int dumps = -1;
        for (String c : calls()) {
            if (c.startsWith("java ")) {
                dumps += c.contains("-Xshare:dump") ? 1 : 0;
            } else if (c.startsWith("list: ") && dumps == n) {
                list.add(c.substring("list: ".length()));
            }
        }
        return list;
    }

    private List<Path> archives() throws IOException {
        try (var files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().contains(".jsa")).toList();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run odcm(String dump, String... args) throws Exception {
        return odcmOnPath(dump, tmp.resolve("bin") + ":" + System.getenv("PATH"), args);
    }

    private Run odcmOnPath(String dump, String path, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(tmp.resolve("odcm").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().put("PATH", path);
        pb.environment().put("FAKE_CALLS", calls.toString());
        pb.environment().put("FAKE_DUMP", dump);
        pb.environment().remove("ODCM_JAVA_OPTS");
        // the console's words need a display (./odcm says so without one, ConsoleWithoutParserTest); java here is a fake
        pb.environment().putIfAbsent("DISPLAY", ":0");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher finished");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(calls, StandardCharsets.UTF_8);
    }

    private String last() throws IOException {
        List<String> all = calls();
        return all.get(all.size() - 1);
    }

    private static String classPath(String call) {
        String[] words = call.split(" ");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("-cp")) {
                return words[i + 1];
            }
        }
        throw new AssertionError("no -cp in " + call);
    }
}
