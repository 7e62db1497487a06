package odcm.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The start of a command line for a JVM of its own on the test class path, for the tests where the process itself
 * matters (exit status, signals, kill -9, a bounded heap). It is started as a short-lived client: C1 only, the serial
 * collector, and a class-data archive of the dependency jars when one could be made (docs/decisions/0025).
 */
public final class ChildJvm {
    /** Flags for a JVM that lives for seconds: they change how fast it starts, not what it does. */
    public static final List<String> CLIENT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData");

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The test class path, the jars first (a class-data archive can hold only classes from jars, and its jars must
     *  come first), then the class folders; no class or resource of ours is in a jar, so the order finds the same. */
    private static final List<String> CLASS_PATH = jarsFirst(System.getProperty("java.class.path"));
    /** The archive's flags once it is in place; stays null while none is (the children then start without one). */
    private static List<String> archive;

    private ChildJvm() {
    }

    /** {@code java <client flags> OPTIONS -cp <test class path> MAIN}; add the program's arguments after it. */
    public static List<String> command(List<String> options, String main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(CLIENT_FLAGS);
        cmd.addAll(archive());
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, CLASS_PATH), main));
        return cmd;
    }

    /**
     * The flags that start a child on the class-data archive of the dependency jars (H2, jOOQ, Flyway, picocli, Jackson,
     * JavaFX; BouncyCastle's jars are signed and stay out), which halves a child's CPU time. It is made once per build,
     * by whichever test JVM asks first (the other one waits for it), in
     * {@code target/child-cds}, named by the JDK and the jars: the classes and lambdas {@code odcm space create} loads on a
     * throw-away store, dumped statically (like {@code ./odcm}'s archives, decision 0020), checked by a run that must use it, then
     * renamed into place. If any step fails the children start as before; the reason is in {@code archive.log}.
     */
    static synchronized List<String> archive() {
        if (archive != null) {
            return archive;
        }
        Path dir = Path.of(System.getProperty("user.dir"), "target", "child-cds");
        Path jsa = dir.resolve("deps-" + key() + ".jsa");
        Path failed = dir.resolve(jsa.getFileName() + ".failed");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                if (!Files.exists(jsa) && !Files.exists(failed)) {
                    make(dir, jsa, failed);
                }
            }
        } catch (IOException e) {
            return archive = List.of();
        }
        return archive = Files.exists(jsa) ? List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off") : List.of();
    }

    private static void make(Path dir, Path jsa, Path failed) throws IOException {
        Path work = Files.createTempDirectory(dir, "work");
        Path log = dir.resolve("archive.log");
        Path list = work.resolve("classes.lst");
        Path classes = work.resolve("classes.txt");
        Path made = work.resolve("deps.jsa");
        String cp = String.join(java.io.File.pathSeparator, CLASS_PATH);
        String jars = String.join(java.io.File.pathSeparator, CLASS_PATH.stream().filter(e -> e.endsWith(".jar")).toList());
        // recorded as the children run (C1, the serial collector): the same classes, without C2's work
        boolean ok = run(work, log, JAVA, "-Xshare:off", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:DumpLoadedClassList=" + list,
                "-cp", cp, "odcm.app.Main", "space", "create", "Archive Space", "--store", work.resolve("store").toString());
        if (ok) {
            // Left out what no archive can hold: BouncyCastle's classes (signed jars; loading them made the dump verify the
            // jars' signatures) and ours and their lambdas (class folders). The lambda entries stay, but for those naming a class of a signed
            // jar, on which JDK 17's static dump crashes (as ./odcm's lists, decision 0020); should a dump fail all the
            // same, it is made again without any lambda entry.
            List<String> entries = Files.readAllLines(list).stream()
                    .filter(l -> !l.startsWith("#") && !l.contains("org/bouncycastle/") && !l.startsWith("odcm/")
                            && !l.startsWith("@lambda-proxy odcm/")).toList();
            Files.write(classes, entries);
            ok = dump(work, log, classes, made, jars, cp);
            if (!ok) {
                Files.write(classes, entries.stream().filter(l -> !l.startsWith("@")).toList());
                ok = dump(work, log, classes, made, jars, cp);
            }
        }
        if (ok) {
            Files.move(made, jsa, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.writeString(failed, "see archive.log\n");
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Dumps the classes listed in {@code classes} from {@code jars} into {@code made}, then checks a child starts on it. */
    private static boolean dump(Path work, Path log, Path classes, Path made, String jars, String cp) throws IOException {
        return run(work, log, JAVA, "-Xshare:dump", "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + made, "-cp", jars)
                && run(work, log, JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:on", "-XX:SharedArchiveFile=" + made,
                "-cp", cp, "odcm.app.Main", "--version");
    }

    /** Runs a command in {@code work}, its output appended to {@code log}; true if it ended with 0 within five minutes. */
    private static boolean run(Path work, Path log, String... command) throws IOException {
        Files.writeString(log, String.join(" ", command) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("ODCM_KEY_DIR", work.resolve("keys").toString());
        pb.environment().put("ODCM_LOG_DIR", work.resolve("logs").toString());
        Process p = pb.start();
        try {
            if (p.waitFor(5, TimeUnit.MINUTES)) {
                return p.exitValue() == 0;
            }
            p.destroyForcibly();
            return false;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * How the archive is made; changed whenever its making changes (its class list, flags or lambda entries), so that a
     * working copy's archive of an earlier recipe is not taken for this one's.
     */
    private static final String RECIPE = "2: listed on C1 with the serial collector, lambda entries kept";

    /** Names the archive by the JDK, the jars and {@link #RECIPE}, so a new JDK, dependency or recipe makes a new one. */
    private static String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((RECIPE + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n").getBytes(StandardCharsets.UTF_8));
            for (String entry : CLASS_PATH) {
                if (entry.endsWith(".jar")) {
                    Path jar = Path.of(entry);
                    long size = Files.exists(jar) ? Files.size(jar) : -1;
                    long time = Files.exists(jar) ? Files.getLastModifiedTime(jar).toMillis() : -1;
                    sha.update((entry + " " + size + " " + time + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jarsFirst(String classPath) {
        List<String> entries = Arrays.stream(classPath.split(java.io.File.pathSeparator)).filter(e -> !e.isEmpty()).toList();
        List<String> ordered = new ArrayList<>(entries.stream().filter(e -> e.endsWith(".jar")).toList());
        ordered.addAll(entries.stream().filter(e -> !e.endsWith(".jar")).toList());
        return List.copyOf(ordered);
    }
}
