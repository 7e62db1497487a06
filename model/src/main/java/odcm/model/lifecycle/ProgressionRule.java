package odcm.model.lifecycle;

import odcm.model.Refusal;

/** When a phase counts as complete: all its environments, at least N of them, or never required (optional). */
public record ProgressionRule(Kind kind, int atLeast) {
    public enum Kind { ALL, AT_LEAST, OPTIONAL }

    public static final ProgressionRule ALL = new ProgressionRule(Kind.ALL, 0);
    public static final ProgressionRule OPTIONAL = new ProgressionRule(Kind.OPTIONAL, 0);

    public ProgressionRule {
        if (kind == Kind.AT_LEAST && atLeast < 1) {
            throw new Refusal("'At least N' needs N of 1 or more.");
        }
        if (kind != Kind.AT_LEAST) {
            atLeast = 0;
        }
    }

    public static ProgressionRule atLeast(int n) {
        return new ProgressionRule(Kind.AT_LEAST, n);
    }

    /** How many of a phase's {@code members} (that count) must complete. */
    public int needed(int members) {
        return switch (kind) {
            case ALL -> members;
            case AT_LEAST -> Math.min(atLeast, members);
            case OPTIONAL -> 0;
        };
    }

    /** "all must complete", "at least 2 must complete", "optional". */
    public String words() {
        return switch (kind) {
            case ALL -> "all must complete";
            case AT_LEAST -> "at least " + atLeast + " must complete";
            case OPTIONAL -> "optional";
        };
    }

    /** Reads "all", "optional", "at-least-2" / "at least 2". */
    public static ProgressionRule parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT).replace('-', ' ');
        if (t.isEmpty() || t.equals("all")) {
            return ALL;
        }
        if (t.equals("optional")) {
            return OPTIONAL;
        }
        if (t.matches("at least \\d{1,3}")) {
            return atLeast(Integer.parseInt(t.substring(9)));
        }
        throw new Refusal("A phase's progression is 'all', 'optional' or 'at least N', not '" + text + "'.");
    }
}
