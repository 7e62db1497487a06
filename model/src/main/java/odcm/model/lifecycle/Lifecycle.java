package odcm.model.lifecycle;

import java.util.List;
import odcm.model.Names;

/** Ordered phases in one space. A space's default lifecycle is used for projects it does not know by name. */
public record Lifecycle(long id, long spaceId, String name, String description, boolean isDefault, List<Phase> phases, long version) {
    public static final int MAX_NAME = 60;

    public Lifecycle {
        phases = List.copyOf(phases);
    }

    public static String checkName(String name) {
        return Names.check("A lifecycle", name, MAX_NAME);
    }

    /** Its id and version, for a change of what was seen (decision 0036). */
    public odcm.model.Seen seen() {
        return new odcm.model.Seen(id, version);
    }
}
