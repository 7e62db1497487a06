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
        // Printable ASCII: NFC changes nothing, and nothing in it is invisible, a combining mark or of another alphabet.
        String asciiName = ascii(value, false);
        boolean ascii = asciiName != null;
        String v = ascii ? asciiName : Normalizer.normalize(SPACES.matcher(value).replaceAll(" ").strip(), Normalizer.Form.NFC);
        int length = v.codePointCount(0, v.length());
        if (length > max) {
            throw new Refusal(what + " name can be at most " + max + " characters; this one has " + length + ".");
        }
        if (!ascii) {
            refuseInvisible(what + " name", v, false);
            refuseLookAlike(what, v);
        }
        if ((ascii ? v.length() : key(v).length()) > MAX_KEY_LENGTH) { // an ASCII name's key is as long as the name
            throw new Refusal(what + " name uses characters that expand too much when names are compared; choose a plainer name.");
        }
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

    /**
     * The form names are compared in (their "skeleton"): compatibility-normalized (fullwidth letters, ligatures such
     * as ﬁ, other spaces), invisible characters dropped, Cyrillic and Greek letters that look like Latin ones mapped to
     * them, whitespace collapsed, and case-folded. Two names with the same key are the same name: {@code Ｔest},
     * {@code DevTеst} (Cyrillic е) and {@code DEVTEST} are all {@code devtest}. The store's unique name keys hold this.
     */
    public static String key(String name) {
        String ascii = ascii(name, true);
        return ascii != null ? ascii : unicodeKey(name);
    }

    /**
     * A name of printable ASCII only (most names) with its spaces tidied (and {@code lowerCase}: its key), in one pass: none
     * of the Unicode steps of {@link #unicodeKey} or {@link #check} changes such a name but the spaces and the case, so the
     * result is the same; null for any other name.
     */
    static String ascii(String name, boolean lowerCase) {
        if (tidyAscii(name, lowerCase)) {
            return name; // most names: nothing to tidy, so no copy (an import checks some 30,000 names)
        }
        StringBuilder sb = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
            if (c == ' ') {
                space = sb.length() > 0; // leading spaces dropped; inner runs become one; trailing ones never written
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(lowerCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }

    /** Printable ASCII with no space at either end nor two in a row (and, for a key, no capital): {@link #ascii} would return it unchanged. */
    private static boolean tidyAscii(String name, boolean lowerCase) {
        int n = name.length();
        if (n == 0 || name.charAt(0) == ' ' || name.charAt(n - 1) == ' ') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E || c == ' ' && previous == ' ' || lowerCase && c >= 'A' && c <= 'Z') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    static String unicodeKey(String name) {
        String d = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(d.length());
        d.codePoints().filter(c -> !isInvisible(c)).forEach(c -> {
            int i = CONFUSABLE_FROM.indexOf(c);
            sb.appendCodePoint(i >= 0 && c <= 0xFFFF ? CONFUSABLE_TO.charAt(i) : c);
        });
        String k = SPACES.matcher(Normalizer.normalize(sb, Normalizer.Form.NFKC)).replaceAll(" ").strip();
        return Normalizer.normalize(k.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** Whether two names are the same name (their {@link #key}s are equal); null is no name. */
    public static boolean same(String a, String b) {
        return a != null && b != null && key(a).equals(key(b));
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

    /**
     * A value (not a name), kept exactly as given: control characters (C0, DEL, C1) are refused, except line breaks and
     * tabs in multi-line text; a single-line value refuses those and line/paragraph separators too. The refusal names
     * {@code what} and the character's code, never the value (it may be a secret).
     *
     * @param what the value as a user calls it ("The value of 'Region' for Production")
     */
    public static String value(String what, String value, boolean multiLine) {
        return value(() -> what, value, multiLine);
    }

    /**
     * As {@link #value(String, String, boolean)}, the words {@code what} made only for a refusal: a release of 10,000
     * variables checks 10,000 values, and the sentence naming each one was built for every one of them.
     */
    public static String value(java.util.function.Supplier<String> what, String value, boolean multiLine) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x20 && c < 0x7f) {
                continue; // printable ASCII: none of the refusals below applies
            }
            boolean layout = c == '\n' || c == '\t' || c == '\r';
            int type = Character.getType(c);
            if ((Character.isISOControl(c) && !(multiLine && layout))
                    || (!multiLine && (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR))) {
                throw new Refusal(what.get() + " cannot contain control characters (it holds U+" + String.format("%04X", c) + ")"
                        + (layout ? "; only multi-line text may hold line breaks and tabs." : "."));
            }
            // A one-line value (a host, an address) shown on a screen must read as it is: no overrides, nothing invisible
            // (right-to-left text keeps its marks U+200E/U+200F).
            if (!multiLine && ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || (c >= 0x200B && c <= 0x200D)
                    || c == 0x2060 || c == 0xFEFF)) {
                throw new Refusal(what.get() + " cannot contain direction overrides or invisible characters (it holds U+" + String.format("%04X", c)
                        + "), which would make it read as another value.");
            }
        }
        return value;
    }

    /** How long a {@link #key} may grow (compatibility forms expand); the store's name_key columns hold this much. */
    public static final int MAX_KEY_LENGTH = 400;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\h+");
    /** Cyrillic and Greek letters (upper and lower case, before folding) drawn like Latin ones, and the Latin letter. */
    private static final String CONFUSABLE_FROM =
            "АВЕЅІЈКМНОРСТХУЁаеорсухіјѕԁԛԝһӏкмнтвѵүɑ" + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαβεικνορτυχγηωϲϳ" + "ıɩɡ";
    private static final String CONFUSABLE_TO =
            "ABESIJKMHOPCTXYEaeopcyxijsdqwhlkmhtbvya" + "ABEZHIKMNOPTYXaBeikvoptuxynwcj" + "iig";
    /** Scripts whose letters look like each other's; a name writes in at most one of them. */
    private static final java.util.Set<Character.UnicodeScript> LOOK_ALIKE_SCRIPTS = java.util.EnumSet.of(
            Character.UnicodeScript.LATIN, Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.GREEK,
            Character.UnicodeScript.ARMENIAN, Character.UnicodeScript.CHEROKEE, Character.UnicodeScript.COPTIC);

    /**
     * Refuses a name that mixes look-alike scripts (Latin with Cyrillic or Greek letters, as in {@code DevTеst}) or
     * starts with a combining mark (which would attach to whatever is printed before the name).
     */
    private static void refuseLookAlike(String what, String v) {
        Character.UnicodeScript seen = null;
        for (int i = 0; i < v.length(); ) {
            int c = v.codePointAt(i);
            if (i == 0 && (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.ENCLOSING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK)) {
                throw new Refusal(what + " name cannot start with a combining mark.");
            }
            i += Character.charCount(c);
            if (PHONETIC.contains(Character.UnicodeBlock.of(c)) || c == 0xA730 || c == 0xA731) {
                throw new Refusal(what + " name cannot contain phonetic letters or small capitals (such as U+" + String.format("%04X", c)
                        + "), which are drawn like other letters; use the plain letter.");
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (LOOK_ALIKE_SCRIPTS.contains(script)) {
                if (seen != null && seen != script) {
                    throw new Refusal(what + " name mixes " + scriptName(seen) + " and " + scriptName(script)
                            + " letters, which can make it look like another name; write it in one alphabet.");
                }
                seen = script;
            }
        }
    }

    /** Latin letters of phonetics (small capitals such as ᴠ, ʜ, modifier letters): drawn like the plain letters, never needed in a name. */
    private static final java.util.Set<Character.UnicodeBlock> PHONETIC = java.util.Set.of(Character.UnicodeBlock.IPA_EXTENSIONS,
            Character.UnicodeBlock.PHONETIC_EXTENSIONS, Character.UnicodeBlock.PHONETIC_EXTENSIONS_SUPPLEMENT,
            Character.UnicodeBlock.SPACING_MODIFIER_LETTERS);

    private static String scriptName(Character.UnicodeScript s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** Characters drawn as nothing: format characters (zero-width, direction controls) and other default-ignorables. */
    public static boolean isInvisible(int c) {
        return Character.getType(c) == Character.FORMAT || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0
                || (c >= 0xE0100 && c <= 0xE01EF);
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
            if (isInvisible(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                throw new Refusal(what + " cannot contain invisible or direction-changing characters (such as U+"
                        + String.format("%04X", c) + "), which would make two different texts look alike.");
            }
        }
    }
}
