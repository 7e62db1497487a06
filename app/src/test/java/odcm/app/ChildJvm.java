package odcm.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a command line for a JVM of its own on the test class path, for the tests where the process itself
 * matters (exit status, signals, kill -9, a bounded heap). It is started as a short-lived client: C1 only, the serial
 * collector, the JDK's class-data archive (docs/decisions/0025).
 */
public final class ChildJvm {
    /** Flags for a JVM that lives for seconds: they change how fast it starts, not what it does. */
    public static final List<String> CLIENT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData");

    private ChildJvm() {
    }

    /** {@code java <client flags> OPTIONS -cp <test class path> MAIN}; add the program's arguments after it. */
    public static List<String> command(List<String> options, String main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(CLIENT_FLAGS);
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        return cmd;
    }
}
