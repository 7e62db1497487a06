package odcm.model.compare;

/**
 * One side of a field: its text, and whether it is sensitive. A sensitive value is only ever shown as the mask;
 * {@link #reveal()} is for the explicit, audited reveal of the console. {@code toString} masks too.
 */
public record Value(String text, boolean sensitive) {
    public static final String MASK = odcm.model.project.Variable.MASK;

    public Value {
        text = text == null ? "" : text;
    }

    public static Value of(String text) {
        return new Value(text, false);
    }

    /** What may be shown, written or printed without a reveal. */
    public String shown() {
        return sensitive ? MASK : text;
    }

    /** The clear text, for the audited reveal only. */
    public String reveal() {
        return text;
    }

    /** Long text (a script, notes) gets a line diff with the changed words marked. */
    public boolean isLong() {
        return !sensitive && (text.indexOf('\n') >= 0 || text.length() > 80);
    }

    @Override
    public String toString() {
        return "Value[" + shown() + "]";
    }
}
