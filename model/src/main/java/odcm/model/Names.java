package odcm.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The checks every user-given name and text shares. Names are compared as people read them: the same letters
 * in another case, another Unicode composition, or with invisible characters are the same name, so invisible
 * and direction-changing characters are refused outright and names are compared by {@link #key}.
 */
public final class Names {
    private Names() {
    }

    /**
     * @param what the thing named, as a user calls it ("An environment", "A lifecycle")
     * @return the name in Unicode NFC, with surrounding and repeated whitespace tidied
     */
    public static String check(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new Refusal(what + " needs a name.");
        }
        String v = Normalizer.normalize(value.strip().replaceAll("\\s+", " "), Normalizer.Form.NFC);
        int length = v.codePointCount(0, v.length());
        if (length > max) {
            throw new Refusal(what + " name can be at most " + max + " characters; this one has " + length + ".");
        }
        refuseInvisible(what + " name", v, false);
        return v;
    }

    /** A name that may stand before or after "Space: ", so it may not itself contain the separator. */
    public static String checkWithoutColon(String what, String value, int max) {
        String v = check(what, value, max);
        if (v.indexOf(':') >= 0) {
            throw new Refusal(what + " name cannot contain ':' because it separates a space from what it owns, as in 'Prod Space: Production'.");
        }
        return v;
    }

    /** The form names are compared in: compatibility-normalized and case-folded. */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Optional free text (descriptions, notes, help): tidied at the ends, limited in length; line breaks and tabs allowed. */
    public static String text(String what, String value, int max) {
        String v = value == null ? "" : Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (v.length() > max) {
            throw new Refusal(what + " can be at most " + max + " characters; this one has " + v.length() + ".");
        }
        refuseInvisible(what, v, true);
        return v;
    }

    private static void refuseInvisible(String what, String v, boolean linesAllowed) {
        for (int i = 0; i < v.length(); ) {
            int c = v.codePointAt(i);
            i += Character.charCount(c);
            if (linesAllowed && (c == '\n' || c == '\t' || c == '\r')) {
                continue;
            }
            int type = Character.getType(c);
            if (Character.isISOControl(c)) {
                throw new Refusal(what + " cannot contain control characters.");
            }
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                throw new Refusal(what + " cannot contain invisible or direction-changing characters (such as U+"
                        + String.format("%04X", c) + "), which would make two different texts look alike.");
            }
        }
    }
}
