package odcm.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import odcm.model.compare.Entry;
import odcm.model.compare.FieldChange;
import odcm.model.compare.ReleaseDiff;
import odcm.model.compare.Section;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import org.junit.jupiter.api.Test;

/**
 * What was rewritten for speed (issue 12) writes what the code it replaced wrote, kept below as the reference: the HTML
 * and Markdown escaping, walked without a string per character, on 20,000 random strings of printable ASCII, the
 * characters each format escapes, line breaks, controls, bidi overrides, zero-width and tag characters, surrogate pairs
 * and lone surrogates; the JSON report, written through the generator instead of maps, on a comparison with every kind
 * of change, absent sides, sensitive values and hostile text.
 */
class ReportAsBeforeTest {
    private static final int[] ALPHABET = {'a', 'Z', '0', ' ', '-', '.', '&', '<', '>', '"', '\'', '\\', '`', '*', '_', '[', ']', '#', '|', '~',
        '\n', '\t', '\r', 0x1b, 0x7f, 0x85, 0xa0, 0xe9, 0x416, 0x200b, 0x202e, 0x2028, 0x2029, 0xfeff, 0x1f600, 0xe0041, 0xd800, 0xdc00};

    @Test
    void htmlAndMarkdownEscapeEveryCharacterAsBefore() {
        Random random = new Random(12);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String text = sb.toString();
            assertEquals(referenceHtml(text), ComparisonReport.html(text), () -> "HTML of " + text.codePoints().boxed().toList());
            assertEquals(referenceMd(text), ComparisonReport.md(text), () -> "Markdown of " + text.codePoints().boxed().toList());
        }
        assertEquals("a&lt;b&gt; &amp; \\u202e\n", ComparisonReport.html("a<b> & \u202e\n"));
        assertEquals("\\*x\\*<br>\\t\ud83d\ude00 \\u202e", ComparisonReport.md("*x*\n\t\ud83d\ude00 \u202e"));
    }

    @Test
    void jsonIsTheDocumentTheMapsMade() throws Exception {
        String odd = "Tab\there \"quoted\" <b>&</b> \u00e9\u0416 \ud83d\ude00 back\\slash";
        String hostile = odd + " \u001b[31m \u202e \u0000"; // where nothing checks it: the project's name, the notes
        ReleaseSnapshot a = new ReleaseSnapshot(
                List.of(new DeploymentStep("Deploy", "Octopus.Script", Map.of("Script", "echo 1\necho 2\n"), Scope.ALL, List.of(new PackageReference("Web"))),
                        new DeploymentStep("Gone", "Octopus.Script", Map.of(), Scope.ALL, List.of()),
                        new DeploymentStep("Mover", "Octopus.Script", Map.of(), Scope.of(List.of("Test")), List.of())),
                List.of(new Variable("Secret", "s3cret", true, Scope.ALL), new Variable("Odd", odd, false, Scope.of(List.of("Test"))),
                        new Variable("Old", "1", false, Scope.ALL)),
                List.of(new VariableTemplate("Region", "Region", "help", TemplateType.SINGLE_LINE, List.of(), false, "")),
                List.of(new PackageVersion("Web", "1.0.0", "a".repeat(64))));
        ReleaseSnapshot b = new ReleaseSnapshot(
                List.of(new DeploymentStep("Mover", "Octopus.Script", Map.of(), Scope.of(List.of("Test")), List.of()),
                        new DeploymentStep("Deploy", "Octopus.Script", Map.of("Script", "echo 1\necho 3 " + odd + "\n"), Scope.ALL, List.of()),
                        new DeploymentStep("New \u00c4rger", "Octopus.Script", Map.of(), Scope.ALL, List.of())),
                List.of(new Variable("Secret", "changed", true, Scope.ALL), new Variable("Odd", odd + "!", false, Scope.of(List.of("Production"))),
                        new Variable("New", "", false, Scope.ALL)),
                List.of(new VariableTemplate("Region", "Region \u00e9", "help", TemplateType.SINGLE_LINE, List.of(), true, "")),
                List.of(new PackageVersion("Web", "1.1.0", "b".repeat(64))));
        ReleaseDiff d = ReleaseDiff.of("Web " + hostile, new ReleaseDiff.Side("1.0.0", "Default", Instant.EPOCH, "notes " + hostile),
                a, new ReleaseDiff.Side("1.1.0", "Beta", Instant.parse("2026-01-02T03:04:05Z"), ""), b);
        for (boolean onlyChanges : new boolean[] {true, false}) {
            String json = ComparisonReport.json(d, onlyChanges);
            assertEquals(referenceJson(d, onlyChanges), json, onlyChanges ? "only the changes" : "everything");
            assertEquals(-1, json.indexOf("s3cret"));
        }
    }

    /** The JSON report as it was before: maps of every entry and field handed to the mapper. */
    private static String referenceJson(ReleaseDiff d, boolean onlyChanges) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", d.project());
        m.put("from", side(d.from()));
        m.put("to", side(d.to()));
        m.put("summary", d.summary());
        Map<String, Object> counts = new LinkedHashMap<>();
        d.counts().forEach((s, c) -> {
            Map<String, Object> n = new LinkedHashMap<>();
            c.forEach((ch, k) -> n.put(ch.words(), k));
            if (s == Section.PROCESS) {
                n.put("moved", d.moved());
            }
            counts.put(s.title().toLowerCase(Locale.ROOT), n);
        });
        m.put("counts", counts);
        List<Object> entries = new ArrayList<>();
        for (Section s : Section.values()) {
            for (Entry e : onlyChanges ? d.changes(s) : d.section(s)) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("section", s.title().toLowerCase(Locale.ROOT));
                em.put("name", e.name());
                em.put("change", e.change().words());
                em.put("moved", e.moved());
                em.put("fromPosition", e.fromPosition());
                em.put("toPosition", e.toPosition());
                List<Object> fields = new ArrayList<>();
                for (FieldChange f : onlyChanges && e.change() == odcm.model.compare.Change.CHANGED ? e.changedFields() : e.fields()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("field", f.field());
                    fm.put("from", f.from() == null ? null : f.from().shown());
                    fm.put("to", f.to() == null ? null : f.to().shown());
                    fm.put("changed", f.changed());
                    fm.put("sensitive", f.sensitive());
                    fields.add(fm);
                }
                em.put("fields", fields);
                entries.add(em);
            }
        }
        m.put("entries", entries);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }

    private static Map<String, Object> side(ReleaseDiff.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("channel", s.channel());
        m.put("createdAt", s.createdAt().toString());
        m.put("notes", s.notes());
        return m;
    }

    /** The escaping as it was before (a stream of code points, each cleaned as a string of its own). */
    private static String referenceHtml(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\n', '\t' -> sb.appendCodePoint(c);
                default -> sb.append(ComparisonReport.clean(Character.toString(c)));
            }
        });
        return sb.toString();
    }

    private static String referenceMd(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> sb.append('\\').appendCodePoint(c);
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n' -> sb.append("<br>");
                default -> sb.append(ComparisonReport.clean(Character.toString(c)));
            }
        });
        return sb.toString();
    }
}
