package odcm.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import odcm.app.io.ErrorLog;
import odcm.app.service.AppContext;
import odcm.model.Refusal;
import odcm.persistence.StoreLocation;
import picocli.CommandLine;

/** Runs one command line: parses, opens the store, calls a service, prints; refusals are one line on stderr. */
public final class Cli {
    /** Exit code of a refusal: bad input or a rule said no; nothing was changed. */
    public static final int REFUSED = 1;
    /** Exit code of a command line that could not be parsed, or names the wrong kind of thing (a file for a folder). */
    public static final int USAGE = 2;
    /** Exit code of an unexpected error (a fault of the program): one sentence naming the log file with the details. */
    public static final int UNEXPECTED = 3;

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
        // java.util.logging's first use (ErrorLog's set-up) looks through every jar of the class path for a logging
        // service, opening each (~30 ms): on a thread of its own while the parser is built, which needs no jar (its
        // classes come from the class-data archive, decision 0020); install waits for it (the class's initialisation).
        Thread logging = new Thread(ErrorLog::load, "odcm-log-start");
        logging.setDaemon(true);
        logging.start();
        // No Groovy closures in our annotations: without this, picocli's first model looks for groovy.lang.Closure, a class
        // no jar has, which opens every jar of the class path on this thread.
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cl;
        try {
            cl = new CommandLine(new OdcmCommand(cli));
            for (Class<?> command : commandsFor(args)) {
                cl.addSubcommand(command(command, args));
            }
        } finally {
            // also when building the parser failed (a fault of ours): what the caller then logs reaches the log folder
            ErrorLog.install(env, System.getProperty("user.home"), java.util.Arrays.asList(args).contains("--verbose") ? err : null);
        }
        HelpText.wrapAtSpaces(cl, HelpText.width(env));
        cl.setOut(out);
        cl.setErr(err);
        Handlers handlers = new Handlers(cli);
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        cl.setExecutionStrategy(handlers);
        return cl.execute(args);
    }

    /**
     * What picocli calls back: a parse error, an exception of a command, and the run of the command parsed (its arguments
     * checked first). A class of its own rather than lambdas: picocli's interfaces are compiled for Java 5, and a lambda
     * of one makes the class-data archive's dump link that interface, which then leaves it, and every picocli class
     * implementing it, out of the archive (loaded from the jar at every start, after opening each jar before picocli's;
     * docs/decisions/0020). A named class is archived unlinked, as are picocli's.
     */
    private static final class Handlers implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler,
            CommandLine.IExecutionStrategy {
        private final Cli cli;
        private final CommandLine.IExecutionStrategy run = new CommandLine.RunLast();

        Handlers(Cli cli) {
            this.cli = cli;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            cli.err.println(oneLine(ex.getMessage()) + " (see 'odcm " + commandPath(ex.getCommandLine()) + "--help')");
            return USAGE;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (ex instanceof Refusal) {
                cli.err.println(oneLine(ex.getMessage()));
                return REFUSED;
            }
            // Not a user's mistake: one sentence for the user, the details in the log (and here on request).
            cli.err.println(ErrorLog.unexpected(ex));
            if (cli.env.containsKey("ODCM_DEBUG")) {
                ex.printStackTrace(cli.err);
            }
            return UNEXPECTED;
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            cli.checkArguments(parsed);
            return run.execute(parsed);
        }
    }

    /**
     * The commands whose model picocli builds for {@code args}: only the one the command line names (with its own
     * subcommands), as building every command's model costs more than most commands' work; all of them when help,
     * a mistake (an unknown command, which picocli answers with the names it knows) or anything unusual may need them;
     * none when no command is named (the console opens).
     */
    static java.util.List<Class<?>> commandsFor(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--store")) {
                i++; // its value
            } else if (!a.startsWith("--store=") && !a.equals("--verbose")) {
                for (Class<?> c : OdcmCommand.COMMANDS) {
                    if (!a.equals("help") && a.equals(c.getAnnotation(CommandLine.Command.class).name())) {
                        return java.util.List.of(c);
                    }
                }
                return OdcmCommand.COMMANDS;
            }
        }
        return java.util.List.of(); // no command: the console opens
    }

    /**
     * The model of one command. Of a group of subcommands (its methods, {@code addMethodSubcommands = false}), only the
     * subcommand named by the word after the group's name (past {@code --store [DIR]}), as building each costs as much as
     * running a read; all of them when that word names none (help, a mistake, an option), so picocli lists or names them.
     */
    static CommandLine command(Class<?> command, String[] args) {
        CommandLine line = new CommandLine(command);
        if (line.getCommandSpec().isAddMethodSubcommands()) {
            return line; // picocli has added them all
        }
        String word = wordAfter(args, line.getCommandName());
        java.util.List<java.lang.reflect.Method> named = CommandLine.getCommandMethods(command, null).stream()
                .filter(m -> m.getAnnotation(CommandLine.Command.class).name().equals(word)).toList(); // each is named (a test checks)
        if (named.size() == 1) {
            line.addSubcommand(new CommandLine(named.get(0)));
        } else {
            line.getCommandSpec().addMethodSubcommands();
        }
        return line;
    }

    /** The word after the first, when the first is {@code name} (words of {@code --store [DIR]} not counted); else null. */
    private static String wordAfter(String[] args, String name) {
        boolean first = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--store")) {
                i++; // its value
            } else if (!a.startsWith("--store=") && !a.equals("--verbose")) {
                if (!first) {
                    return a;
                }
                if (!a.equals(name)) {
                    return null;
                }
                first = false;
            }
        }
        return null;
    }

    /**
     * Whether these words open the console: none, or only a release bundle or deployment receipt file to show (what a
     * desktop passes when such a file is opened, docs/decisions/0050), after {@code --store DIR} if given.
     */
    public static boolean opensConsole(String[] args) {
        return args.length == 0 || fileToShow(args) != null;
    }

    /** The one word that is not {@code --store DIR}, when it names a bundle or receipt file by its extension; else null. */
    private static String fileToShow(String[] args) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--store") && i + 1 < args.length) {
                i++;
            } else if (!args[i].startsWith("--store=") && !args[i].equals("--verbose")) {
                words.add(args[i]);
            }
        }
        if (words.size() != 1) {
            return null;
        }
        String name = words.get(0).toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(odcm.app.service.BundleService.EXTENSION) || name.endsWith(odcm.app.service.ReceiptService.EXTENSION)
                ? words.get(0) : null;
    }

    /** The value of {@code --store} among these words, or null. */
    private static String storeOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--store") && i + 1 < args.length) {
                return args[i + 1];
            } else if (args[i].startsWith("--store=")) {
                return args[i].substring("--store=".length());
            }
        }
        return null;
    }

    /**
     * {@code odcm} alone, or {@code odcm [--store DIR] FILE.odcmbundle|FILE.odcmreceipt}: the console on that store (else
     * the environment's), showing that file, without building the parser of every command first (that took as long as
     * JavaFX's own start, decision 0021); the same checks and exit codes as through it.
     */
    public static int console(String[] args, PrintWriter err, Map<String, String> env) {
        PrintWriter terminalErr = odcm.app.io.TerminalText.printer(err);
        try {
            String store = storeOption(args);
            String empty = store != null && store.isBlank() ? "The store folder is empty; give a folder or a team store's address."
                    : emptyVariable(env, store);
            if (empty != null) {
                terminalErr.println(empty + " (see 'odcm --help')");
                return USAGE;
            }
            ErrorLog.install(env, System.getProperty("user.home"), java.util.Arrays.asList(args).contains("--verbose") ? terminalErr : null);
            String file = fileToShow(args);
            odcm.app.ui.ConsoleLauncher.launch(StoreLocation.resolve(store, env, System.getProperty("user.home")),
                    file == null ? null : Path.of(file).toAbsolutePath());
            return 0;
        } catch (Refusal r) {
            terminalErr.println(oneLine(r.getMessage()));
            return REFUSED;
        } catch (RuntimeException e) {
            terminalErr.println(ErrorLog.unexpected(e));
            return UNEXPECTED;
        } finally {
            terminalErr.flush();
        }
    }

    /** Why ODCM_STORE or ODCM_KEY_DIR cannot be used (set but empty); null when they can. */
    private static String emptyVariable(Map<String, String> env, String storeOption) {
        for (String variable : java.util.List.of("ODCM_STORE", "ODCM_KEY_DIR")) {
            if (env.containsKey(variable) && env.get(variable).isBlank() && (storeOption == null || variable.equals("ODCM_KEY_DIR"))) {
                // An empty variable is a script's mistake, never a wish for the default store (the operator's real one).
                return variable + " is set but empty; set it to a folder, or unset it to use the default.";
            }
        }
        return null;
    }

    /** The options whose value is one of a few words, by their label, and the parser that knows the words. */
    private static final Map<String, java.util.function.Function<String, ?>> CHOICES = Map.of(
            "ec|rsa", odcm.packaging.cert.KeyAlgorithm::parse,
            "KIND", odcm.model.trust.TrustKind::parse,
            "ROLE", odcm.model.role.Role::parse,
            "FORMAT", odcm.app.compare.ComparisonReport.Format::parse,
            "pem|der", SpaceCommands::format);

    /**
     * The values on a command line are of the right kind, checked before anything is opened; a mistake here is the
     * command line's (exit 2). An option that takes one of a few words gets one of them. A path names the right kind
     * of thing: a folder for {@code DIR}, a file for {@code FILE…}; an output file ({@code --out}) in a folder that
     * exists. Whether an input file exists and can be read is the command's to say (it may be '-').
     */
    private void checkArguments(CommandLine.ParseResult parsed) {
        String storeOption = null;
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--store")) {
                storeOption = r.matchedOptionValue("--store", null);
            }
        }
        String empty = emptyVariable(env, storeOption);
        if (empty != null) {
            throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), empty);
        }
        StoreLocation location;
        try {
            location = storeOption != null && storeOption.isBlank() ? null : location(storeOption);
        } catch (Refusal wrong) { // a team store's address that is not one, or holds a password
            throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), Printed.clean(wrong.getMessage()));
        }
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            for (CommandLine.Model.ArgSpec a : r.matchedArgs()) {
                String label = a.paramLabel();
                String name = a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : label;
                java.util.function.Function<String, ?> choice = CHOICES.get(label);
                for (String v : choice == null ? java.util.List.<String>of() : a.originalStringValues()) {
                    try {
                        choice.apply(v);
                    } catch (Refusal wrong) {
                        throw new CommandLine.ParameterException(r.commandSpec().commandLine(), Printed.clean(wrong.getMessage()));
                    }
                }
                boolean folder = label.equals("DIR");
                if (!folder && !label.startsWith("FILE")) {
                    continue;
                }
                for (String v : a.originalStringValues()) {
                    String wrong = wrongPath(v, folder, name.equals("--out"));
                    if (wrong == null && name.equals("--out") && location != null) {
                        wrong = insideStore(v, location);
                    }
                    if (wrong != null) {
                        throw new CommandLine.ParameterException(r.commandSpec().commandLine(), name + " " + wrong);
                    }
                }
            }
        }
    }

    /**
     * Why {@code value} may not be written: it lies directly in the store's folder or anywhere in its key folder (the
     * database, lock, master key, audit head), also through a link; null when it does not. Writing there would destroy the store or its keys.
     */
    static String insideStore(String value, StoreLocation location) {
        if (value.equals("-")) {
            return null;
        }
        java.util.List<Path> file = spellings(Path.of(value).toAbsolutePath().normalize());
        for (Path dir : java.util.List.of(location.storeDir(), location.keyDir())) {
            boolean keys = dir.equals(location.keyDir());
            java.util.List<Path> dirs = spellings(dir);
            // The store's own files lie directly in its folder (its inbox folders below may take bundles); every file of the key folder.
            if (file.stream().anyMatch(f -> dirs.stream().anyMatch(d -> keys ? f.startsWith(d) : d.equals(f.getParent())))) {
                return "'" + Printed.clean(value) + "' is in " + (keys ? "the store's key folder" : "the store's folder") + " (" + dir
                        + "), where a file written would destroy the store or its keys; choose a file elsewhere.";
            }
        }
        return null;
    }

    /** {@code p} as written, and as the file system resolves it (links followed: of {@code p} itself, else of its folder). */
    private static java.util.List<Path> spellings(Path p) {
        try {
            if (Files.exists(p)) {
                return java.util.List.of(p, p.toRealPath());
            }
            Path parent = p.getParent();
            if (parent != null && Files.exists(parent)) {
                return java.util.List.of(p, parent.toRealPath().resolve(p.getFileName()));
            }
        } catch (java.io.IOException e) {
            // the form as written is still compared
        }
        return java.util.List.of(p);
    }

    /** What is wrong with {@code value} as a folder, or an input or output file; null when nothing is. */
    static String wrongPath(String value, boolean folder, boolean output) {
        String kind = folder ? "a folder" : "a file";
        if (value.isBlank()) {
            return "needs " + kind + "; an empty name is none.";
        }
        if (value.equals("-") && !folder) {
            return null;
        }
        Path p;
        try {
            p = Path.of(value).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return "'" + Printed.clean(value) + "' is not a path.";
        }
        String shown = Printed.clean(p.toString());
        if (folder && Files.exists(p) && !Files.isDirectory(p)) {
            return shown + " is a file; it needs a folder.";
        }
        if (!folder && Files.isDirectory(p)) {
            return shown + " is a folder; it needs " + kind + ".";
        }
        for (Path up = p.getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up)) {
                if (!Files.isDirectory(up)) {
                    return shown + " cannot be: " + Printed.clean(up.toString()) + " is a file, not a folder.";
                }
                if (output && !up.equals(p.getParent())) {
                    return shown + " cannot be written: the folder " + Printed.clean(p.getParent().toString()) + " does not exist.";
                }
                break;
            }
        }
        return null;
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
        return StoreLocation.resolve(storeOption, env, System.getProperty("user.home"));
    }

    /** Opens the store for one command and closes it again, so the store is held only while a command runs. */
    <T> T withContext(String storeOption, java.util.function.Function<AppContext, T> work) {
        return withContext(storeOption, false, work);
    }

    /** Like {@link #withContext} for a command that only reads: the store is opened the light way (docs/decisions/0020). */
    <T> T reading(String storeOption, java.util.function.Function<AppContext, T> work) {
        return withContext(storeOption, true, work);
    }

    private <T> T withContext(String storeOption, boolean reading, java.util.function.Function<AppContext, T> work) {
        StoreLocation location = location(storeOption);
        try (AppContext ctx = reading ? AppContext.openForReading(location) : AppContext.open(location)) {
            // A store behind its audit head is said on every command, once: a refusal that already says it stands alone.
            java.util.Optional<String> warning = ctx.store().auditWarning();
            try {
                T result = work.apply(ctx);
                warning.ifPresent(err::println);
                return result;
            } catch (Refusal r) {
                warning.filter(w -> r.getMessage() == null || !r.getMessage().startsWith(w)).ifPresent(err::println);
                throw r;
            }
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
