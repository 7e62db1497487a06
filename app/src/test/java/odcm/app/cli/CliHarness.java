package odcm.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process against one store in a temporary folder, as a user would type it. */
final class CliHarness {
    record Result(int exit, String out, String err) {
    }

    private final Path store;
    private final Map<String, String> env;

    CliHarness(Path dir) {
        this(dir.resolve("store"), Map.of("ODCM_KEY_DIR", dir.resolve("keys").toString(), "ODCM_LOG_DIR", dir.resolve("logs").toString()));
    }

    private CliHarness(Path store, Map<String, String> env) {
        this.store = store;
        this.env = env;
    }

    /** The same store, with one more environment variable (e.g. COLUMNS). */
    CliHarness withEnv(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(env);
        more.put(name, value);
        return new CliHarness(store, Map.copyOf(more));
    }

    /** The log file of the commands run here. */
    Path log() {
        return Path.of(env.get("ODCM_LOG_DIR")).resolve("odcm.log.0");
    }

    Path store() {
        return store;
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Everything a user can list, to compare before and after a refused command. */
    String listings() {
        StringBuilder sb = new StringBuilder();
        for (String[] cmd : new String[][] {{"space", "list", "--json"}, {"remote", "list", "--json"}, {"trust", "list", "--all", "--json"},
                {"audit", "list", "--json"}}) {
            Result r = run(cmd);
            if (r.exit() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed: " + r.err());
            }
            sb.append(r.out());
        }
        return sb.toString();
    }
}
