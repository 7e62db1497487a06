package odcm.model.audit;

import java.util.Collection;
import java.util.Iterator;

/**
 * The words of an audit entry stay short whatever the size of what changed: an entry names what changed (counts and the
 * first few names), never copies the whole content, and never outgrows what the store keeps of it (decision 0022).
 */
public final class AuditText {
    /** The most characters of an entry's subject and detail the store keeps (the columns' sizes). */
    public static final int MAX_SUBJECT = 400;
    public static final int MAX_DETAIL = 8000;
    /** How many names {@link #few} lists before "and N more". */
    static final int FEW = 10;

    private AuditText() {
    }

    /** "a, b, c" when there are at most ten; else the first eight and "and 992 more": "a, b, …, h, and 992 more". */
    public static String few(Collection<String> names) {
        return few(names, ", ");
    }

    /** As {@link #few(Collection)}, the names joined with {@code separator}. */
    public static String few(Collection<String> names, String separator) {
        int shown = names.size() <= FEW ? names.size() : FEW - 2;
        StringBuilder out = new StringBuilder();
        Iterator<String> it = names.iterator();
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : separator).append(it.next());
        }
        if (shown < names.size()) {
            out.append(separator).append("and ").append(names.size() - shown).append(" more");
        }
        return out.toString();
    }

    /**
     * {@code text} as it is when it has at most {@code max} characters; else cut so that, with the words saying how much was
     * left out, it has {@code max} (never splitting a character in two). What is kept is what is chained and verified.
     */
    public static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = max - 40;
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + " … (" + (text.length() - keep) + " more characters)";
    }
}
