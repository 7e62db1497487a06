package odcm.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Map;
import odcm.app.service.AppContext;
import odcm.model.Refusal;
import odcm.persistence.StoreLocation;
import picocli.CommandLine;

/** Runs one command line: parses, opens the store, calls a service, prints; refusals are one line on stderr. */
public final class Cli {
    /** Exit code of a refusal: bad input or a rule said no; nothing was changed. */
    public static final int REFUSED = 1;
    /** Exit code of a command line that could not be parsed. */
    public static final int USAGE = 2;

    // Jackson is slow to load; only commands with --json pay for it.
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;

    private Cli(PrintWriter out, PrintWriter err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        // Everything printed goes through the one escaping routine: no command can let a control character through.
        PrintWriter terminalOut = odcm.app.io.TerminalText.printer(out);
        PrintWriter terminalErr = odcm.app.io.TerminalText.printer(err);
        try {
            return run(args, terminalOut, terminalErr, env);
        } finally {
            terminalOut.flush();
            terminalErr.flush();
        }
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        Cli cli = new Cli(out, err, env);
        CommandLine cl = new CommandLine(new OdcmCommand(cli));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(oneLine(ex.getMessage()) + " (see 'odcm " + commandPath(ex.getCommandLine()) + "--help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof Refusal) {
                err.println(oneLine(ex.getMessage()));
                return REFUSED;
            }
            // Not a user's mistake: still one line for the user; the trace only on request.
            err.println("Unexpected error: " + oneLine(String.valueOf(ex.getMessage())) + " (" + ex.getClass().getSimpleName()
                    + "; set ODCM_DEBUG=1 for details)");
            if (env.containsKey("ODCM_DEBUG")) {
                ex.printStackTrace(err);
            }
            return 3;
        });
        return cl.execute(args);
    }

    private static String commandPath(CommandLine c) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
            sb.insert(0, p.getCommandName() + " ");
        }
        return sb.toString();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    StoreLocation location(String storeOption) {
        if (storeOption != null && storeOption.isBlank()) {
            throw new Refusal("--store needs a folder; an empty name is none.");
        }
        return StoreLocation.resolve(storeOption, env, System.getProperty("user.home"));
    }

    /** Opens the store for one command and closes it again, so the store is held only while a command runs. */
    <T> T withContext(String storeOption, java.util.function.Function<AppContext, T> work) {
        try (AppContext ctx = AppContext.open(location(storeOption))) {
            return work.apply(ctx);
        }
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    void printJson(Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
