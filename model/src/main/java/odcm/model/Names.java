package odcm.model;

/** The checks every user-given name shares: present, not too long, one line. */
public final class Names {
    private Names() {
    }

    /**
     * @param what the thing named, as a user calls it ("An environment", "A lifecycle")
     * @return the name with surrounding and repeated whitespace tidied
     */
    public static String check(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new Refusal(what + " needs a name.");
        }
        String v = value.strip().replaceAll("\\s+", " ");
        if (v.length() > max) {
            throw new Refusal(what + " name can be at most " + max + " characters; '" + v.substring(0, 20) + "…' has " + v.length() + ".");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new Refusal(what + " name cannot contain control characters.");
            }
        }
        return v;
    }

    /** A name that may stand after "Space: ", so it may not itself contain the separator. */
    public static String checkWithoutColon(String what, String value, int max) {
        String v = check(what, value, max);
        if (v.indexOf(':') >= 0) {
            throw new Refusal(what + " name cannot contain ':' because it separates a space from what it owns, as in 'Prod Space: Production'.");
        }
        return v;
    }

    /** Optional free text (descriptions, notes, help): tidied at the ends, limited in length. */
    public static String text(String what, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() > max) {
            throw new Refusal(what + " can be at most " + max + " characters; this one has " + v.length() + ".");
        }
        return v;
    }
}
