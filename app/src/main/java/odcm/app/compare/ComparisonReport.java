package odcm.app.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import odcm.model.compare.Change;
import odcm.model.compare.Entry;
import odcm.model.compare.FieldChange;
import odcm.model.compare.ReleaseDiff;
import odcm.model.compare.Section;
import odcm.model.compare.TextDiff;
import odcm.model.compare.Value;

/**
 * A release comparison as text (terminal), JSON, a self-contained HTML page (inline CSS, no scripts, nothing
 * fetched) and Markdown, for a change ticket. Every format writes only {@link Value#shown()}: a sensitive value
 * is the mask, never its text. Text from the store is escaped for its format and control characters are shown
 * escaped, so no name can forge lines, markup or table cells.
 */
public final class ComparisonReport {
    /** The formats of {@code release diff --format} and of the console's export. */
    public enum Format {
        TEXT("txt"), JSON("json"), HTML("html"), MD("md");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        public static Format parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "text", "txt" -> TEXT;
                case "json" -> JSON;
                case "html" -> HTML;
                case "md", "markdown" -> MD;
                default -> throw new odcm.model.Refusal("A comparison is written as text, json, html or md, not '" + text + "'.");
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonReport() {
    }

    public static String render(ReleaseDiff d, Format f, boolean onlyChanges) {
        return switch (f) {
            case TEXT -> text(d, onlyChanges);
            case JSON -> json(d, onlyChanges);
            case HTML -> html(d, onlyChanges);
            case MD -> markdown(d, onlyChanges);
        };
    }

    /** The title line: "Release 1.0.0 → 1.1.0 of 'Web Shop'". */
    public static String title(ReleaseDiff d) {
        return "Release " + d.from().version() + " \u2192 " + d.to().version() + " of '" + d.project() + "'";
    }

    private static List<Entry> shown(ReleaseDiff d, Section s, boolean onlyChanges) {
        return onlyChanges ? d.changes(s) : d.section(s);
    }

    private static List<FieldChange> fieldsOf(Entry e, boolean onlyChanges) {
        return onlyChanges && e.change() == Change.CHANGED ? e.changedFields() : e.fields();
    }

    private static String side(ReleaseDiff.Side s) {
        return s.version() + " (channel " + s.channel() + ", created " + s.createdAt() + ")";
    }

    // ---- text

    public static String text(ReleaseDiff d, boolean onlyChanges) {
        StringBuilder sb = new StringBuilder();
        sb.append(clean(title(d))).append('\n');
        sb.append("FROM ").append(clean(side(d.from()))).append('\n');
        sb.append("TO   ").append(clean(side(d.to()))).append('\n');
        sb.append("Summary: ").append(d.summary()).append('\n');
        for (Section s : Section.values()) {
            List<Entry> entries = shown(d, s, onlyChanges);
            sb.append('\n').append(s.title()).append(entries.isEmpty() ? (onlyChanges ? ": no changes" : ": none") : "").append('\n');
            for (Entry e : entries) {
                String marker = e.marker();
                sb.append(marker).append(marker.length() < 2 ? "  " : " ").append(clean(e.name())).append("  [").append(e.describe()).append("]\n");
                for (FieldChange f : fieldsOf(e, onlyChanges)) {
                    if (f.changed() && f.hasLineDiff() && f.from() != null && f.to() != null) {
                        sb.append("     ").append(clean(f.field())).append(":\n");
                        for (TextDiff.Line l : TextDiff.lines(f.from().shown(), f.to().shown())) {
                            sb.append("       ").append(l.kind().marker()).append(' ');
                            for (TextDiff.Segment seg : l.segments()) {
                                String t = clean(seg.text());
                                sb.append(!seg.changed() || l.kind() == TextDiff.Kind.SAME ? t
                                        : l.kind() == TextDiff.Kind.REMOVED ? "[-" + t + "-]" : "{+" + t + "+}");
                            }
                            sb.append('\n');
                        }
                    } else {
                        sb.append("     ").append(clean(f.field())).append(": ").append(clean(FieldChange.shown(f.from())))
                                .append(f.changed() ? " -> " + clean(FieldChange.shown(f.to())) : "").append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    // ---- json

    /**
     * Written field by field through Jackson's generator (the mapper's own pretty printer), not built as maps and handed
     * to the serializer: the same document, without a map per entry and field (for speed).
     */
    public static String json(ReleaseDiff d, boolean onlyChanges) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("project", d.project());
            side(g, "from", d.from());
            side(g, "to", d.to());
            g.writeStringField("summary", d.summary());
            g.writeObjectFieldStart("counts");
            for (Section s : Section.values()) {
                g.writeObjectFieldStart(s.title().toLowerCase(Locale.ROOT));
                for (Change c : Change.values()) {
                    g.writeNumberField(c.words(), d.count(s, c));
                }
                if (s == Section.PROCESS) {
                    g.writeNumberField("moved", d.moved());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("entries");
            for (Section s : Section.values()) {
                for (Entry e : shown(d, s, onlyChanges)) {
                    g.writeStartObject();
                    g.writeStringField("section", s.title().toLowerCase(Locale.ROOT));
                    g.writeStringField("name", e.name());
                    g.writeStringField("change", e.change().words());
                    g.writeBooleanField("moved", e.moved());
                    g.writeNumberField("fromPosition", e.fromPosition());
                    g.writeNumberField("toPosition", e.toPosition());
                    g.writeArrayFieldStart("fields");
                    for (FieldChange f : fieldsOf(e, onlyChanges)) {
                        g.writeStartObject();
                        g.writeStringField("field", f.field());
                        g.writeStringField("from", f.from() == null ? null : f.from().shown()); // null is written as null
                        g.writeStringField("to", f.to() == null ? null : f.to().shown());
                        g.writeBooleanField("changed", f.changed());
                        g.writeBooleanField("sensitive", f.sensitive());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out + "\n";
    }

    private static void side(JsonGenerator g, String name, ReleaseDiff.Side s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("version", s.version());
        g.writeStringField("channel", s.channel());
        g.writeStringField("createdAt", s.createdAt().toString());
        g.writeStringField("notes", s.notes());
        g.writeEndObject();
    }

    // ---- html

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}
            h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 8px}
            .meta{color:#59636e;margin:2px 0}.summary{font-weight:600;margin:12px 0}
            table{border-collapse:collapse;width:100%;table-layout:fixed}
            th,td{border:1px solid #d1d9e0;padding:4px 8px;vertical-align:top;text-align:left;word-wrap:break-word;white-space:pre-wrap}
            th{background:#f6f8fa}col.m{width:6em}col.i{width:22%}col.f{width:14%}
            tr.item td{font-weight:600}tr.added td.m{background:#dafbe1}tr.removed td.m{background:#ffebe9}
            tr.changed td.m,tr.moved td.m{background:#fff8c5}td.chg{background:#fff8c5}
            .diff{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;margin:0}
            .diff .rm{background:#ffebe9}.diff .ad{background:#dafbe1}.diff del{background:#ff818266;text-decoration:none}
            .diff ins{background:#4ac26b66;text-decoration:none}.none{color:#59636e;font-style:italic}
            """;

    public static String html(ReleaseDiff d, boolean onlyChanges) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        sb.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        sb.append("<title>").append(html(title(d))).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>").append(html(title(d))).append("</h1>\n");
        sb.append("<p class=\"meta\">FROM ").append(html(side(d.from()))).append("</p>\n");
        sb.append("<p class=\"meta\">TO ").append(html(side(d.to()))).append("</p>\n");
        sb.append("<p class=\"summary\">").append(html(d.summary())).append("</p>\n");
        sb.append("<p class=\"meta\">Markers: + added, - removed, ~ changed, \u2195 moved. Sensitive values are shown as ")
                .append(Value.MASK).append(".</p>\n");
        for (Section s : Section.values()) {
            List<Entry> entries = shown(d, s, onlyChanges);
            sb.append("<h2>").append(s.title()).append("</h2>\n");
            if (entries.isEmpty()) {
                sb.append("<p class=\"none\">").append(onlyChanges ? "No changes." : "None.").append("</p>\n");
                continue;
            }
            sb.append("<table><colgroup><col class=\"m\"><col class=\"i\"><col class=\"f\"><col><col></colgroup>\n");
            sb.append("<tr><th>Change</th><th>Item</th><th>Field</th><th>FROM ").append(html(d.from().version()))
                    .append("</th><th>TO ").append(html(d.to().version())).append("</th></tr>\n");
            for (Entry e : entries) {
                String cls = e.moved() && e.change() == Change.UNCHANGED ? "moved" : e.change().words();
                html(sb.append("<tr class=\"item ").append(cls).append("\"><td class=\"m\">"), e.marker()).append(' ');
                html(sb, e.moved() && e.change() == Change.UNCHANGED ? "moved" : e.change().words()).append("</td><td>");
                html(sb, e.name()).append("</td><td colspan=\"3\">");
                html(sb, e.describe()).append("</td></tr>\n");
                for (FieldChange f : fieldsOf(e, onlyChanges)) {
                    html(sb.append("<tr><td class=\"m\"></td><td></td><td>"), f.field()).append("</td>");
                    if (f.changed() && f.hasLineDiff() && f.from() != null && f.to() != null) {
                        sb.append("<td colspan=\"2\" class=\"chg\"><div class=\"diff\">");
                        for (TextDiff.Line l : TextDiff.lines(f.from().shown(), f.to().shown())) {
                            String tag = l.kind() == TextDiff.Kind.REMOVED ? "del" : "ins";
                            sb.append("<div class=\"").append(l.kind() == TextDiff.Kind.SAME ? "" : l.kind() == TextDiff.Kind.REMOVED ? "rm" : "ad")
                                    .append("\">").append(l.kind().marker()).append(' ');
                            for (TextDiff.Segment seg : l.segments()) {
                                boolean mark = seg.changed() && l.kind() != TextDiff.Kind.SAME;
                                html(sb.append(mark ? "<" + tag + ">" : ""), seg.text()).append(mark ? "</" + tag + ">" : "");
                            }
                            sb.append("</div>");
                        }
                        sb.append("</div></td>");
                    } else {
                        String c = f.changed() && e.change() == Change.CHANGED ? " class=\"chg\"" : "";
                        html(sb.append("<td").append(c).append('>'), FieldChange.shown(f.from())).append("</td><td").append(c).append('>');
                        html(sb, FieldChange.shown(f.to())).append("</td>");
                    }
                    sb.append("</tr>\n");
                }
            }
            sb.append("</table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    static String html(String text) {
        return html(new StringBuilder(text.length() + 16), text).toString();
    }

    /** Appends {@code text} escaped for HTML (see {@link #escaped}). */
    private static StringBuilder html(StringBuilder sb, String text) {
        return escaped(sb, text, HTML_PLAIN, ComparisonReport::htmlCodePoint);
    }

    private static final boolean[] HTML_PLAIN = plainAscii("&<>\"'");

    private static void htmlCodePoint(StringBuilder sb, int c) {
        switch (c) {
            case '&' -> sb.append("&amp;");
            case '<' -> sb.append("&lt;");
            case '>' -> sb.append("&gt;");
            case '"' -> sb.append("&quot;");
            case '\'' -> sb.append("&#39;");
            case '\n', '\t' -> sb.appendCodePoint(c);
            default -> cleanCodePoint(sb, c);
        }
    }

    // ---- markdown

    public static String markdown(ReleaseDiff d, boolean onlyChanges) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(md(title(d))).append("\n\n");
        sb.append("- FROM ").append(md(side(d.from()))).append('\n');
        sb.append("- TO ").append(md(side(d.to()))).append("\n\n");
        sb.append("**").append(md(d.summary())).append("**\n\n");
        sb.append("Markers: + added, - removed, ~ changed, \u2195 moved. Sensitive values are shown as ").append(md(Value.MASK)).append(".\n");
        for (Section s : Section.values()) {
            List<Entry> entries = shown(d, s, onlyChanges);
            sb.append("\n## ").append(s.title()).append("\n\n");
            if (entries.isEmpty()) {
                sb.append(onlyChanges ? "No changes.\n" : "None.\n");
                continue;
            }
            sb.append("| Change | Item | Field | FROM ").append(md(d.from().version())).append(" | TO ").append(md(d.to().version())).append(" |\n");
            sb.append("|---|---|---|---|---|\n");
            List<String> diffs = new ArrayList<>();
            for (Entry e : entries) {
                md(sb.append("| "), e.marker()).append(' ');
                md(sb, e.moved() && e.change() == Change.UNCHANGED ? "moved" : e.change().words()).append(" | **");
                md(sb, e.name()).append("** | ");
                md(sb, e.describe()).append(" | | |\n");
                for (FieldChange f : fieldsOf(e, onlyChanges)) {
                    if (f.changed() && f.hasLineDiff() && f.from() != null && f.to() != null) {
                        int n = diffs.size() + 1;
                        sb.append("| | | ").append(md(f.field())).append(" | see diff ").append(n).append(" below | |\n");
                        diffs.add(diffBlock(n, e.name() + ", " + f.field(), f));
                    } else {
                        // Bold marks the changed fields of a changed item; in an added or removed one every field "changed".
                        String mark = f.changed() && e.change() == Change.CHANGED ? "**" : "";
                        String from = md(FieldChange.shown(f.from()).stripTrailing());
                        String to = md(FieldChange.shown(f.to()).stripTrailing());
                        sb.append("| | | ").append(md(f.field())).append(" | ").append(from.isEmpty() ? "" : mark + from + mark).append(" | ")
                                .append(to.isEmpty() ? "" : mark + to + mark).append(" |\n");
                    }
                }
            }
            diffs.forEach(sb::append);
        }
        return sb.toString();
    }

    /** A fenced diff block; the fence is longer than any run of backticks inside, so the text cannot close it. */
    private static String diffBlock(int n, String what, FieldChange f) {
        StringBuilder body = new StringBuilder();
        for (TextDiff.Line l : TextDiff.lines(f.from().shown(), f.to().shown())) {
            body.append(l.kind().marker()).append(' ');
            for (TextDiff.Segment seg : l.segments()) {
                body.append(clean(seg.text()));
            }
            body.append('\n');
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = body.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return "\n" + n + ". " + md(what) + "\n\n" + fence + "diff\n" + body + fence + "\n";
    }

    static String md(String text) {
        return md(new StringBuilder(text.length() + 16), text).toString();
    }

    /** Appends {@code text} escaped for Markdown (see {@link #escaped}). */
    private static StringBuilder md(StringBuilder sb, String text) {
        return escaped(sb, text, MD_PLAIN, ComparisonReport::mdCodePoint);
    }

    private static final boolean[] MD_PLAIN = plainAscii("\\`*_[]#|~<>&");

    private static void mdCodePoint(StringBuilder sb, int c) {
        switch (c) {
            case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> sb.append('\\').appendCodePoint(c);
            case '<' -> sb.append("&lt;");
            case '>' -> sb.append("&gt;");
            case '&' -> sb.append("&amp;");
            case '\n' -> sb.append("<br>");
            default -> cleanCodePoint(sb, c);
        }
    }

    /**
     * Appends {@code text} with each code point that is not plain (printable ASCII other than the format's own signs)
     * given to {@code escape}; the runs of plain characters between, nearly all of a report, are copied whole.
     */
    private static StringBuilder escaped(StringBuilder sb, String text, boolean[] plain, java.util.function.ObjIntConsumer<StringBuilder> escape) {
        int run = 0; // where the run of plain characters not yet appended begins
        for (int i = 0; i < text.length(); ) {
            char ch = text.charAt(i);
            if (ch < 0x80 && plain[ch]) {
                i++;
                continue;
            }
            sb.append(text, run, i);
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            escape.accept(sb, c);
            run = i;
        }
        return sb.append(text, run, text.length());
    }

    /** Which ASCII characters a format shows as they are: the printable ones but for its own signs. */
    private static boolean[] plainAscii(String signs) {
        boolean[] plain = new boolean[0x80];
        for (char c = 0x20; c < 0x7f; c++) {
            plain[c] = signs.indexOf(c) < 0;
        }
        return plain;
    }

    /** One character as {@link #clean} shows it; printable ASCII, nearly every character of a report, without a string of its own (for speed). */
    private static void cleanCodePoint(StringBuilder sb, int c) {
        if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
        } else {
            sb.append(clean(Character.toString(c)));
        }
    }

    /**
     * One safe line: a line break, a tab, an escape sequence or a bidirectional override is shown escaped, so
     * text from a release cannot forge lines or repaint a terminal.
     */
    public static String clean(String text) {
        return odcm.app.io.TerminalText.oneLine(text);
    }
}
