package odcm.app.ui.release;

import odcm.model.compare.Change;
import odcm.model.compare.Entry;
import odcm.model.compare.FieldChange;
import odcm.model.compare.ReleaseDiff;
import odcm.model.compare.Section;
import odcm.model.compare.Value;

/**
 * One row of the side-by-side comparison: a section's heading, an item (a step, a variable…) or one field of it.
 * A sensitive field shows the mask unless its item was revealed (an audited action).
 */
public record CompareRow(Kind kind, Section section, Entry entry, FieldChange field, String heading, boolean revealed) {
    public enum Kind { SECTION, ENTRY, FIELD }

    /** "Process (4 steps, 2 changes)". */
    static CompareRow section(Section s, ReleaseDiff d) {
        int changes = (int) d.section(s).stream().filter(Entry::isChange).count();
        String counts = changes == 0 ? "no changes" : changes + (changes == 1 ? " change" : " changes");
        return new CompareRow(Kind.SECTION, s, null, null, s.title() + " (" + s.count(d.section(s).size()) + ", " + counts + ")", false);
    }

    /** Anything to stop at with next/previous change. */
    public boolean isChange() {
        return kind == Kind.ENTRY && entry.isChange();
    }

    /** The text marker (never colour alone): "+", "-", "~", "↕", "~↕". */
    public String marker() {
        return switch (kind) {
            case SECTION -> "";
            case ENTRY -> entry.marker();
            case FIELD -> field.changed() ? "~" : "";
        };
    }

    public String item() {
        return switch (kind) {
            case SECTION -> heading;
            case ENTRY -> entry.name();
            case FIELD -> "";
        };
    }

    public String fieldName() {
        return switch (kind) {
            case SECTION -> "";
            case ENTRY -> entry.describe();
            case FIELD -> field.field();
        };
    }

    public String from() {
        return kind == Kind.FIELD ? side(field.from()) : kind == Kind.ENTRY && entry.fromPosition() > 0 && entry.section() == Section.PROCESS
                ? "step " + entry.fromPosition() : "";
    }

    public String to() {
        return kind == Kind.FIELD ? side(field.to()) : kind == Kind.ENTRY && entry.toPosition() > 0 && entry.section() == Section.PROCESS
                ? "step " + entry.toPosition() : "";
    }

    private String side(Value v) {
        if (v == null) {
            return "";
        }
        String t = revealed ? v.reveal() : v.shown();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " …";
    }

    /** The style class of the row: by change, so the stylesheet colours it; the marker says the same in text. */
    public String styleClass() {
        return switch (kind) {
            case SECTION -> "compare-section";
            case FIELD -> field.changed() ? "compare-field-changed" : "compare-field";
            case ENTRY -> entry.change() == Change.UNCHANGED ? (entry.moved() ? "compare-moved" : "compare-unchanged")
                    : "compare-" + entry.change().words();
        };
    }
}
