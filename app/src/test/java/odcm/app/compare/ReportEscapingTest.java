package odcm.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The HTML and Markdown escaping of a report, walked without a string per character (issue 12, for speed), escapes
 * exactly as the rule it replaced, kept below as the reference: 20,000 random strings of printable ASCII, the
 * characters each format escapes, line breaks, controls, bidi overrides, zero-width and tag characters, surrogate
 * pairs and lone surrogates.
 */
class ReportEscapingTest {
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
