package odcm.model.compare;

import java.util.List;

/**
 * One item of a comparison, matched by name across both releases.
 *
 * @param name         the item's name; for a variable also its scope, e.g. "LogLevel (Test)"
 * @param fromPosition 1-based position in the FROM release (0 where absent); for steps, their order
 * @param toPosition   1-based position in the TO release (0 where absent)
 * @param moved        a step whose relative order changed (only steps move)
 * @param fields       every field on both sides, changed or not, in a stable order
 */
public record Entry(Section section, String name, Change change, boolean moved, int fromPosition, int toPosition, List<FieldChange> fields) {
    public Entry {
        fields = List.copyOf(fields);
    }

    /** Anything to look at: added, removed, changed or moved. */
    public boolean isChange() {
        return change != Change.UNCHANGED || moved;
    }

    public List<FieldChange> changedFields() {
        return fields.stream().filter(FieldChange::changed).toList();
    }

    public boolean sensitive() {
        return fields.stream().anyMatch(FieldChange::sensitive);
    }

    /** "+" added, "-" removed, "~" changed, "↕" moved, "~↕" moved and changed, " " unchanged. */
    public String marker() {
        if (moved) {
            return change == Change.CHANGED ? "~\u2195" : "\u2195";
        }
        return change.marker();
    }

    /** "added", "changed: Scope, Script; moved from 2 to 3", "value changed (sensitive)". */
    public String describe() {
        StringBuilder sb = new StringBuilder(change.words());
        if (change == Change.CHANGED) {
            List<String> names = changedFields().stream().map(FieldChange::field).toList();
            sb.append(": ").append(String.join(", ", names));
        }
        if (moved) {
            sb.setLength(change == Change.UNCHANGED ? 0 : sb.length());
            sb.append(sb.length() == 0 ? "" : "; ").append("moved from ").append(fromPosition).append(" to ").append(toPosition);
        }
        return sb.toString();
    }
}
