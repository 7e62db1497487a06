package odcm.model.compare;

/**
 * One field of an item on both sides (a step's "Scope" or property "Script", a variable's "Value", a package's
 * "Version"). A side is null where the item or the field does not exist.
 */
public record FieldChange(String field, Value from, Value to) {
    public boolean changed() {
        if (from == null || to == null) {
            return from != to;
        }
        return !from.text().equals(to.text()) || from.sensitive() != to.sensitive();
    }

    public boolean sensitive() {
        return (from != null && from.sensitive()) || (to != null && to.sensitive());
    }

    /** A line diff applies: both sides present, not sensitive, and one of them long text. */
    public boolean hasLineDiff() {
        return !sensitive() && (from != null && from.isLong() || to != null && to.isLong());
    }

    /** The shown text of a side, "" where it is absent. */
    public static String shown(Value v) {
        return v == null ? "" : v.shown();
    }
}
