package odcm.app.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import odcm.model.Names;

/**
 * The one escaping routine for text bound for a terminal (docs/decisions/0017). A character a terminal would act on
 * or that would disguise text is shown as a Java/JSON escape, lower-case hex, e.g. {@code \u001b} for ESC,
 * {@code \u202e} for a right-to-left override; a character beyond U+FFFF as its two UTF-16 escapes. Escaped: C0
 * controls, DEL, C1 controls (U+0080–U+009F), format characters (bidi embeddings, overrides and isolates, zero-width
 * characters, tags), other invisible default-ignorables, line and paragraph separators, and lone surrogates. Inside a
 * JSON string the escape is the same character, so JSON output stays valid and means the same.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** Text as one safe line: also line breaks and tabs inside it are escaped ({@code \n}, {@code \t}). */
    public static String oneLine(String text) {
        int plain = 0;
        while (plain < text.length() && text.charAt(plain) >= 0x20 && text.charAt(plain) < 0x7f) {
            plain++;
        }
        if (plain == text.length()) {
            return text; // printable ASCII only, the common case: nothing to escape
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                escape(sb, c);
            }
        });
        return sb.toString();
    }

    /** Whether a character is printed as it is (a newline and a tab are layout, decided by the caller). */
    public static boolean printable(int c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && !Names.isInvisible(c) && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE;
    }

    private static void escape(StringBuilder sb, int c) {
        if (c >= 0x20 && c < 0x7f || printable(c)) {
            sb.appendCodePoint(c);
        } else {
            for (char ch : Character.toChars(c)) {
                sb.append(String.format("\\u%04x", (int) ch));
            }
        }
    }

    /**
     * A writer for a terminal: everything written through it is escaped as above, except the newline and tab the
     * printer itself lays out with (and a carriage return directly before a newline), so no command can forget.
     */
    public static PrintWriter printer(PrintWriter terminal) {
        return new PrintWriter(new Escaping(terminal), true);
    }

    private static final class Escaping extends Writer {
        private final Writer out;
        private char high;
        private boolean cr;

        Escaping(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            StringBuilder sb = new StringBuilder(len + 16);
            for (int i = off; i < off + len; i++) {
                char ch = buf[i];
                if (high != 0) {
                    char h = high;
                    high = 0;
                    if (Character.isLowSurrogate(ch)) {
                        escape(sb, Character.toCodePoint(h, ch));
                        continue;
                    }
                    escape(sb, h);
                }
                if (cr) {
                    cr = false;
                    if (ch == '\n') {
                        sb.append("\r\n");
                        continue;
                    }
                    escape(sb, '\r');
                }
                if (Character.isHighSurrogate(ch)) {
                    high = ch;
                } else if (ch == '\r') {
                    cr = true;
                } else if (ch == '\n' || ch == '\t') {
                    sb.append(ch);
                } else {
                    escape(sb, ch);
                }
            }
            out.write(sb.toString());
        }

        private void pending() throws IOException {
            StringBuilder sb = new StringBuilder();
            if (high != 0) {
                escape(sb, high);
                high = 0;
            }
            if (cr) {
                escape(sb, '\r');
                cr = false;
            }
            out.write(sb.toString());
        }

        @Override
        public void flush() throws IOException {
            pending();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
