package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Issue 12 goal 2: picocli builds the model of the named command only, yet help lists everything and mistakes are one
 * line with exit 2; a command that only reads opens the store the light way and writes nothing.
 */
class CliLightStartTest {
    @TempDir
    Path tmp;

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertEquals(List.of(SpaceCommands.class), Cli.commandsFor(new String[] {"space", "list"}));
        assertEquals(List.of(SpaceCommands.class), Cli.commandsFor(new String[] {"--store", "space", "space", "list", "--json"}));
        assertEquals(List.of(DashboardCommand.class), Cli.commandsFor(new String[] {"--store=x", "dashboard", "--space", "S"}));
        assertEquals(List.of(BundleCommands.class), Cli.commandsFor(new String[] {"bundle", "import", "f", "--space", "S"}));
        assertEquals(List.of(), Cli.commandsFor(new String[] {"--store", "x"}), "no command: the console opens");
        for (String[] everything : List.of(new String[] {"--help"}, new String[] {"help", "space"}, new String[] {"spaec", "list"},
                new String[] {"-V"}, new String[] {"--", "space"})) {
            assertEquals(OdcmCommand.COMMANDS, Cli.commandsFor(everything), String.join(" ", everything));
        }
    }

    @Test
    void ofAGroupOnlyTheNamedSubcommandIsBuiltAndAllWhenNoneIsNamed() {
        assertEquals(List.of("list"), methods(Cli.command(SpaceCommands.class, new String[] {"space", "list"})));
        assertEquals(List.of("list"), methods(Cli.command(SpaceCommands.class, new String[] {"--store", "space", "space", "--store=x", "list", "--json"})));
        assertEquals(List.of("list"), methods(Cli.command(ReleaseCommands.class, new String[] {"release", "list", "--space", "S", "--project", "P"})));
        for (Class<?> c : OdcmCommand.COMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            List<Method> all = CommandLine.getCommandMethods(c, null);
            assertTrue(all.isEmpty() || !c.getAnnotation(Command.class).addMethodSubcommands(), name + ": a group builds only the subcommand named");
            // help, a word that names none of them, or nothing after the group's name: picocli gets them all to list or name
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "lst"}, new String[] {name}, new String[] {"help", name, "list"})) {
                assertEquals(all.size(), methods(Cli.command(c, args)).size(), String.join(" ", args));
            }
            for (Method m : all) { // each alone, by its name
                String sub = m.getAnnotation(Command.class).name();
                assertEquals(List.of(sub), methods(Cli.command(c, new String[] {name, sub, "--help"})), name + " " + sub);
            }
        }
    }

    /** The subcommands of a command's model that are methods of its class. */
    private static List<String> methods(CommandLine line) {
        return line.getSubcommands().entrySet().stream().filter(e -> e.getValue().getCommandSpec().userObject() instanceof Method)
                .map(java.util.Map.Entry::getKey).toList();
    }

    @Test
    void helpStillListsEveryCommand() {
        CliHarness cli = new CliHarness(tmp);
        for (String[] help : List.of(new String[] {"--help"}, new String[] {"help"})) {
            Result r = CliTest.ok(cli.run(help));
            String commands = r.out().substring(r.out().indexOf("Commands:"));
            for (Class<?> c : OdcmCommand.COMMANDS) {
                String name = c.getAnnotation(Command.class).name();
                assertTrue(commands.contains("\n  " + name + " "), name + " missing from " + r.out());
            }
        }
        String space = CliTest.ok(cli.run("space", "--help")).out();
        for (String sub : List.of("create", "list", "describe", "rename", "require-approval", "delete", "cert")) {
            assertTrue(space.contains("\n  " + sub + " "), sub + " missing from " + space);
        }
        assertTrue(CliTest.ok(cli.run("bundle", "--help")).out().contains("\n  import "));
        assertTrue(CliTest.ok(cli.run("help", "release")).out().contains("\n  diff "));
    }

    @Test
    void anUnknownCommandIsOneLineWithExit2() {
        CliHarness cli = new CliHarness(tmp);
        // each with the word picocli names as wrong
        for (String[] wrong : List.of(new String[] {"spaec", "spaec", "list"}, new String[] {"lst", "space", "lst"},
                new String[] {"--spaec", "dashboard", "--space", "S", "--spaec"})) {
            Result r = cli.run(java.util.Arrays.copyOfRange(wrong, 1, wrong.length));
            assertEquals(2, r.exit(), r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("'" + wrong[0] + "'"), r.err());
        }
    }

    @Test
    void theStoreOptionWorksBeforeAndAfterTheCommand() {
        CliTest.ok(new CliHarness(tmp).run("space", "create", "DevTest Space"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new String[] {"--store", tmp.resolve("store").toString(), "space", "list"}, new PrintWriter(out, true),
                new PrintWriter(err, true), Map.of("ODCM_KEY_DIR", tmp.resolve("keys").toString(), "ODCM_LOG_DIR", tmp.resolve("logs").toString()));
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().startsWith("DevTest Space\t"), out.toString());
    }

    @Test
    void readCommandsWriteNothingToTheStoreOrItsKeyFolder() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("demo"));
        Map<String, String> before = files();
        String d = "DevTest Space";
        for (String[] read : List.of(new String[] {"space", "list"}, new String[] {"remote", "list", "--json"}, new String[] {"remote", "history", "Prod Space"},
                new String[] {"trust", "list", "--all"}, new String[] {"trust", "list", "--space", d}, new String[] {"env", "list", "--space", d},
                new String[] {"lifecycle", "list", "--space", d}, new String[] {"lifecycle", "check", "--space", d, "--project", "Web Shop"},
                new String[] {"project", "list", "--space", d}, new String[] {"release", "list", "--space", d, "--project", "Web Shop"},
                new String[] {"release", "show", "--space", d, "--project", "Web Shop", "1.0.0"},
                new String[] {"release", "diff", "--space", d, "--project", "Web Shop", "1.0.0", "2.0.0"},
                new String[] {"release", "decisions", "--space", d, "--project", "Web Shop", "1.0.0"}, new String[] {"dashboard", "--space", d},
                new String[] {"deployment", "list", "--space", d, "--project", "Web Shop"}, new String[] {"bundle", "outbox", "--space", d},
                new String[] {"receipt", "list", "--space", d}, new String[] {"audit", "list"}, new String[] {"audit", "verify"})) {
            Result r = cli.run(read);
            assertEquals(0, r.exit(), () -> String.join(" ", read) + ": " + r.err());
            assertEquals("", r.err(), String.join(" ", read));
            assertEquals(before, files(), () -> String.join(" ", read) + " changed a file");
        }
        // a change after them still goes through, audited
        CliTest.ok(cli.run("space", "create", "Another Space"));
        assertTrue(CliTest.ok(cli.run("audit", "verify")).out().startsWith("The audit log is intact"));
    }

    /** Every file of the store folder and the key folder with its SHA-256 and time (the lock file holds only a pid). */
    private Map<String, String> files() throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (Path dir : List.of(tmp.resolve("store"), tmp.resolve("keys"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("odcm.lock")).toList()) {
                    all.put(f.toString(), HexFormat.of().formatHex(sha256(Files.readAllBytes(f))) + " " + Files.getLastModifiedTime(f));
                }
            }
        }
        return all;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
    /**
     * Every command's and subcommand's help, at the width the terminal says (COLUMNS) or 80: no line wider, and every word
     * of every description whole (picocli breaks a word only when it does not fit its column).
     */
    @Test
    void everyHelpFitsItsWidthAndBreaksNoWord() {
        for (int width : new int[] {80, 100}) {
            CliHarness cli = new CliHarness(tmp).withEnv("COLUMNS", Integer.toString(width));
            List<String[]> helps = new java.util.ArrayList<>();
            helps.add(new String[] {"--help"});
            for (Class<?> c : OdcmCommand.COMMANDS) {
                String name = c.getAnnotation(Command.class).name();
                helps.add(new String[] {name, "--help"});
                for (Method m : CommandLine.getCommandMethods(c, null)) {
                    helps.add(new String[] {name, m.getAnnotation(Command.class).name(), "--help"});
                }
            }
            for (String[] help : helps) {
                String out = CliTest.ok(cli.run(help)).out();
                String what = String.join(" ", help) + " at " + width;
                for (String line : out.split("\n")) {
                    assertTrue(line.length() <= width, what + ": " + line.length() + " characters: " + line);
                }
                java.util.Set<String> words = new java.util.HashSet<>(List.of(out.split("\\s+")));
                CommandLine model = Cli.command(OdcmCommand.COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(help[0]))
                        .findFirst().orElse(OdcmCommand.class), help);
                CommandLine.Model.CommandSpec spec = help.length == 3 ? model.getSubcommands().get(help[1]).getCommandSpec() : model.getCommandSpec();
                List<String> texts = new java.util.ArrayList<>(List.of(spec.usageMessage().description()));
                spec.options().forEach(o -> texts.addAll(List.of(o.description())));
                spec.positionalParameters().forEach(o -> texts.addAll(List.of(o.description())));
                for (String text : texts) {
                    for (String word : text.strip().split("\\s+")) {
                        if (!word.isEmpty() && !word.contains("${") && !word.contains("%")) {
                            assertTrue(words.contains(word), what + ": the word '" + word + "' is broken in:\n" + out);
                        }
                    }
                }
            }
        }
    }
}
