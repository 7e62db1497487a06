package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's theme (decision 0032, fifth pass): AtlantaFX's Primer light and dark stylesheets, less every selector
 * that names a style class of a control the console never makes — no node can have such a class, so no such rule can
 * apply, and the look is the same; JavaFX searches about half the selectors for each new kind of node.
 * <p>
 * Made by {@link #trim} from the AtlantaFX jar on the class path; after an AtlantaFX update, or when the console starts
 * using one of {@link #NEVER_CONTROLS}, write them again: {@code mvn -B -q -o -pl app -am test -Dtest=ThemeSheetsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dodcm.theme.write=true} (and take that control's classes out of {@link #NEVER}).
 */
class ThemeSheetsTest {
    /** Style classes (and prefixes of them, ending in '-') of the controls below and of their skins' parts. */
    static final Set<String> NEVER = Set.of("date-picker", "date-picker-popup", "date-", "color-picker", "color-palette", "color-",
            "custom-color-dialog", "tree-table-view", "tree-table-", "tree-view", "tree-cell", "chart", "chart-", "axis", "axis-",
            "pagination", "pagination-", "html-editor", "html-editor-", "slider", "titled-pane", "accordion", "menu-bar", "split-menu-button",
            "choice-box", "toggle-switch", "card", "tile", "tile-base", "message", "notification", "popover", "modal-box", "modal-pane",
            "breadcrumbs", "custom-text-field", "input-group", "ring-progress-indicator", "calendar", "bb-code", "bb-code-",
            "caption-menu-item");
    /** The controls (JavaFX's and AtlantaFX's) whose rules are left out: the console's code names none of them. */
    static final List<String> NEVER_CONTROLS = List.of("DatePicker", "ColorPicker", "TreeTableView", "TreeView", "TreeItem", "Chart",
            "LineChart", "BarChart", "PieChart", "AreaChart", "ScatterChart", "Axis", "Pagination", "HTMLEditor", "Slider", "TitledPane",
            "Accordion", "MenuBar", "SplitMenuButton", "ChoiceBox", "ChoiceDialog", "ToggleSwitch", "Card", "Tile", "Message", "Notification",
            "Popover", "ModalPane", "ModalBox", "Breadcrumbs", "CustomTextField", "InputGroup", "RingProgressIndicator", "Calendar",
            "BBCodeParser", "CaptionMenuItem");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)\\}");
    private static final Pattern STYLE_CLASS = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)");

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Whether a style class is one of {@link #NEVER}, or begins with one of its prefixes. */
    static boolean never(String styleClass) {
        return NEVER.contains(styleClass) || NEVER.stream().anyMatch(p -> p.endsWith("-") && styleClass.startsWith(p));
    }

    /** The stylesheet {@code css} without the selectors that name a class of {@link #NEVER}, and without rules left with none. */
    static String trim(String css) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
        StringBuilder out = new StringBuilder();
        Matcher rule = RULE.matcher(text);
        int end = 0;
        while (rule.find()) {
            assertTrue(text.substring(end, rule.start()).isBlank(), "only rules, no @-rules: " + text.substring(end, rule.start()));
            end = rule.end();
            List<String> kept = Arrays.stream(rule.group(1).split(",")).map(String::strip)
                    .filter(selector -> STYLE_CLASS.matcher(selector).results().noneMatch(m -> never(m.group(1)))).toList();
            if (!kept.isEmpty()) {
                out.append(String.join(",\n", kept)).append(" {").append(rule.group(2)).append("}\n");
            }
        }
        assertTrue(text.substring(end).isBlank());
        return out.toString();
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> rules(Stylesheet sheet) {
        // each rule's selectors and the properties it sets (a binary sheet's declarations are read when first asked for)
        return sheet.getRules().stream().map(r -> r.getSelectors() + " " + r.getDeclarations().stream().map(d -> d.getProperty()).toList()).toList();
    }

    @Test
    void theThemeIsPrimerLessTheRulesOfControlsTheConsoleNeverShows() throws Exception {
        for (String name : List.of("primer-light", "primer-dark")) {
            URL atlantafx = ThemeSheetsTest.class.getResource("/atlantafx/base/theme/" + name + ".css");
            String trimmed = trim(read(atlantafx));
            Path css = Path.of("src/main/resources/odcm/app/ui/theme/" + name + ".css");
            Path bss = css.resolveSibling(name + ".bss");
            if (Boolean.getBoolean("odcm.theme.write")) {
                Files.writeString(css, trimmed);
                Stylesheet.convertToBinary(css.toFile(), bss.toFile());
                continue;
            }
            assertEquals(trimmed, read(ThemeSheetsTest.class.getResource("/odcm/app/ui/theme/" + name + ".css")),
                    name + " as made from AtlantaFX's (write it again: see this class)");
            Stylesheet parsed = new CssParser().parse(ThemeSheetsTest.class.getResource("/odcm/app/ui/theme/" + name + ".css"));
            Stylesheet binary = Stylesheet.loadBinary(ThemeSheetsTest.class.getResource("/odcm/app/ui/theme/" + name + ".bss"));
            assertEquals(rules(parsed), rules(binary), "its binary form, which JavaFX reads, says the same");
            Stylesheet full = new CssParser().parse(atlantafx);
            List<String> left = rules(full).stream().filter(r -> !rules(parsed).contains(r)).toList();
            assertTrue(left.size() > 300, "many rules left out: " + left.size());
        }
    }

    /**
     * Decision 0032, 2026-12-05 (sixth pass): the console's own stylesheet is read in its binary form (~4 ms of the first
     * window's CSS instead of ~23 to parse the text), made from console.css as it is now; on the code before there was
     * none and the text was parsed.
     */
    @Test
    void theConsolesStylesheetIsReadInTheBinaryFormOfConsoleCssAsItIsNow() throws Exception {
        Path css = Path.of("src/main/resources/odcm/app/ui/console.css");
        Path bss = css.resolveSibling("console.bss");
        Path made = Files.createTempFile("console", ".bss");
        try {
            Stylesheet.convertToBinary(css.toFile(), made.toFile());
            if (Boolean.getBoolean("odcm.theme.write")) {
                Files.copy(made, bss, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            assertTrue(Arrays.equals(Files.readAllBytes(made), Files.readAllBytes(bss)),
                    "console.bss is made from console.css as it is now (write it again: see console.css)");
        } finally {
            Files.delete(made);
        }
        URL read = new URL(odcm.app.ui.common.Css.stylesheet());
        assertTrue(read.getPath().endsWith("/odcm/app/ui/console.bss"), "the scenes read the binary form: " + read);
        assertEquals(rules(new CssParser().parse(ThemeSheetsTest.class.getResource("/odcm/app/ui/console.css"))), rules(Stylesheet.loadBinary(read)),
                "which says what the text says");
    }

    @Test
    void theConsolesThemeHasNoRuleForAControlItNeverShowsAndEveryOtherOfPrimer() throws Exception {
        for (boolean dark : List.of(false, true)) {
            String used = WaitForAsyncUtils.asyncFx(() -> {
                Theme.setDark(dark);
                return Application.getUserAgentStylesheet();
            }).get();
            WaitForAsyncUtils.asyncFx(() -> Theme.setDark(false)).get();
            String shown = read(used.contains(":") ? new URL(used) : ThemeSheetsTest.class.getResource(used)); // a path: on the class path
            List<String> selectors = new ArrayList<>();
            RULE.matcher(shown.replaceAll("(?s)/\\*.*?\\*/", "")).results().forEach(m -> Arrays.stream(m.group(1).split(",")).map(String::strip).forEach(selectors::add));
            assertTrue(selectors.stream().noneMatch(s -> s.contains(".date-picker") || s.contains(".tree-table-view") || s.contains(".chart")),
                    "no rule of a control the console never shows");
            assertTrue(selectors.containsAll(List.of(".button", ".table-view", ".text-input", ".combo-box-base", ".spinner", ".tab-pane", ".scroll-bar",
                    ".context-menu", ".dialog-pane", ".progress-indicator", ".tooltip")), "the controls it shows keep theirs");
            String primer = read(ThemeSheetsTest.class.getResource("/atlantafx/base/theme/" + (dark ? "primer-dark" : "primer-light") + ".css"));
            assertTrue(shown.contains("-color-accent-emphasis"), "with Primer's colours");
            assertEquals(trim(primer), shown, "Primer's rules, each as it is");
        }
    }

    /** No class of the console names a control whose rules are left out, and none gives a node one of their style classes. */
    @Test
    void theConsoleMakesNoneOfTheControlsWhoseRulesAreLeftOut() throws IOException {
        Pattern control = Pattern.compile("\\b(" + String.join("|", NEVER_CONTROLS) + ")\\b");
        Pattern literal = Pattern.compile("\"([a-z][a-z0-9-]*)\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".css") || f.toString().endsWith(".fxml")).toList()) {
                if (f.startsWith("src/main/resources/odcm/app/ui/theme")) {
                    continue;
                }
                String text = Files.readString(f);
                if (f.toString().endsWith(".java")) {
                    control.matcher(text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")).results()
                            .forEach(m -> found.add(f + ": " + m.group()));
                    literal.matcher(text).results().filter(m -> never(m.group(1))).forEach(m -> found.add(f + ": \"" + m.group(1) + "\""));
                } else {
                    STYLE_CLASS.matcher(text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?s)\\{[^}]*\\}", "{}")).results()
                            .filter(m -> never(m.group(1))).forEach(m -> found.add(f + ": ." + m.group(1)));
                }
            }
        }
        assertEquals(List.of(), found, "a control whose rules the theme leaves out: keep them (see ThemeSheetsTest)");
        assertFalse(never("button") || never("table-view") || never("menu-item") || never("context-menu"));
    }
}
