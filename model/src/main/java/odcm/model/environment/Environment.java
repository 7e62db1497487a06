package odcm.model.environment;

import odcm.model.Names;

/** An environment of a local space (Development, Test, Production). */
public record Environment(long id, long spaceId, String name, String description, long version) {
    public static final int MAX_NAME = 60;

    public static String checkName(String name) {
        return Names.checkWithoutColon("An environment", name, MAX_NAME);
    }

    /** Its id and version, for a change of what was seen (decision 0036). */
    public odcm.model.Seen seen() {
        return new odcm.model.Seen(id, version);
    }
}
