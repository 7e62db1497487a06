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

    /**
     * A row is itself only: the table, the selection and next/previous find rows by identity, which stays cheap in a
     * comparison of tens of thousands of rows (a record's equals would compare the items' fields, row by row).
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** A section's heading: its title in the item column, "3 steps: 1 added, 1 changed" beside it. */
    static CompareRow section(Section s, ReleaseDiff d) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Change c : java.util.List.of(Change.ADDED, Change.REMOVED, Change.CHANGED)) {
            int n = d.count(s, c);
            if (n > 0) {
                parts.add(n + " " + c.words());
            }
        }
        long moved = d.section(s).stream().filter(Entry::moved).count();
        if (moved > 0) {
            parts.add(moved + " moved");
        }
        return new CompareRow(Kind.SECTION, s, null, null, s.count(d.section(s).size()) + ": " + (parts.isEmpty() ? "no changes" : String.join(", ", parts)),
                false);
    }

    /** A field marked changed only within a changed item: in an added or removed one every field is. */
    private boolean fieldChanged() {
        return field.changed() && entry.change() == Change.CHANGED;
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
            case FIELD -> fieldChanged() ? "~" : "";
        };
    }

    public String item() {
        return switch (kind) {
            case SECTION -> section.title();
            case ENTRY -> entry.name();
            case FIELD -> "";
        };
    }

    public String fieldName() {
        return switch (kind) {
            case SECTION -> heading;
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
        if (field.changed() && field.hasLineDiff()) {
            long lines = t.isEmpty() ? 0 : t.strip().lines().count();
            return lines + (lines == 1 ? " line" : " lines") + (entry.change() == Change.CHANGED ? " — line diff below" : "") + ": "
                    + t.strip().replace('\n', ' ');
        }
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " …";
    }

    /** The style class of the row: by change, so the stylesheet colours it; the marker says the same in text. */
    public String styleClass() {
        return switch (kind) {
            case SECTION -> "compare-section";
            case FIELD -> fieldChanged() ? "compare-field-changed" : "compare-field";
            case ENTRY -> entry.change() == Change.UNCHANGED ? (entry.moved() ? "compare-moved" : "compare-unchanged")
                    : "compare-" + entry.change().words();
        };
    }
}
