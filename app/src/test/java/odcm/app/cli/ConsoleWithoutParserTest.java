package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code odcm} alone opens the console without the parser (decision 0021): the same refusals as through it, before any window. */
class ConsoleWithoutParserTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyStoreOrKeyVariableIsExit2WithTheParsersLineAndNothingOpened() {
        for (String variable : new String[] {"ODCM_STORE", "ODCM_KEY_DIR"}) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("ODCM_STORE", tmp.resolve("store").toString(),
                    "ODCM_KEY_DIR", tmp.resolve("keys").toString(), "ODCM_LOG_DIR", tmp.resolve("logs").toString()));
            env.put(variable, "");
            StringWriter direct = new StringWriter();
            StringWriter parsed = new StringWriter();
            assertEquals(Cli.USAGE, Cli.console(new String[0], new PrintWriter(direct, true), env), direct.toString());
            assertEquals(Cli.USAGE, Cli.execute(new String[] {"space", "list"}, new PrintWriter(new StringWriter(), true), new PrintWriter(parsed, true), env));
            assertEquals(variable + " is set but empty; set it to a folder, or unset it to use the default. (see 'odcm --help')",
                    direct.toString().strip());
            assertEquals(parsed.toString().strip().replace("odcm space list --help", "odcm --help"), direct.toString().strip(), "the same line");
            assertFalse(Files.exists(tmp.resolve("store")) || Files.exists(tmp.resolve("logs")), "nothing made");
        }
    }

    @Test
    void aBundleOrReceiptFileAloneOpensTheConsoleOnItAndACommandNamingOneDoesNot() {
        assertTrue(Cli.opensConsole(new String[0]));
        assertTrue(Cli.opensConsole(new String[] {"/tmp/web-1.2.0.odcmbundle"}));
        assertTrue(Cli.opensConsole(new String[] {"--store", tmp.toString(), "prod.ODCMRECEIPT"}));
        assertTrue(Cli.opensConsole(new String[] {"--store=" + tmp, "a b.odcmbundle"}));
        assertFalse(Cli.opensConsole(new String[] {"bundle", "verify", "web.odcmbundle"}));
        assertFalse(Cli.opensConsole(new String[] {"--store", "web.odcmbundle"}), "a store folder, whatever its name");
        assertFalse(Cli.opensConsole(new String[] {"notes.txt"}), "picocli says what is wrong with it");
        assertFalse(Cli.opensConsole(new String[] {"--version"}));
    }

    @Test
    void withoutADisplayTheConsoleIsRefusedInOneSentenceOnLinuxOnly() {
        assertFalse(odcm.app.ui.ConsoleLauncher.displayKnown(Map.of(), "Linux", null));
        assertFalse(odcm.app.ui.ConsoleLauncher.displayKnown(Map.of("DISPLAY", ""), "Linux", null));
        assertTrue(odcm.app.ui.ConsoleLauncher.displayKnown(Map.of("DISPLAY", ":0"), "Linux", null));
        assertTrue(odcm.app.ui.ConsoleLauncher.displayKnown(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null));
        assertTrue(odcm.app.ui.ConsoleLauncher.displayKnown(Map.of(), "Linux", "Monocle"), "headless tests");
        assertTrue(odcm.app.ui.ConsoleLauncher.displayKnown(Map.of(), "Windows 11", null));
        assertTrue(odcm.app.ui.ConsoleLauncher.NO_DISPLAY.endsWith("commands work without one: odcm --help"));
    }
}
