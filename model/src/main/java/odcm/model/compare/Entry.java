package odcm.model.compare;

import java.util.ArrayList;
import java.util.Collections;
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
        List<FieldChange> changed = new ArrayList<>(fields.size()); // a loop, not a stream: asked for by every report line
        for (FieldChange f : fields) {
            if (f.changed()) {
                changed.add(f);
            }
        }
        return Collections.unmodifiableList(changed);
    }

    public boolean sensitive() {
        for (FieldChange f : fields) {
            if (f.sensitive()) {
                return true;
            }
        }
        return false;
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
            String separator = ": ";
            for (FieldChange f : fields) {
                if (f.changed()) {
                    sb.append(separator).append(f.field());
                    separator = ", ";
                }
            }
        }
        if (moved) {
            sb.setLength(change == Change.UNCHANGED ? 0 : sb.length());
            sb.append(sb.length() == 0 ? "" : "; ").append("moved from ").append(fromPosition).append(" to ").append(toPosition);
        }
        return sb.toString();
    }
}
