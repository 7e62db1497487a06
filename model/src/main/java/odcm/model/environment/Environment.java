package odcm.model.environment;

import odcm.model.Names;

/** An environment of a local space (Development, Test, Production). */
public record Environment(long id, long spaceId, String name, String description) {
    public static final int MAX_NAME = 60;

    public static String checkName(String name) {
        return Names.checkWithoutColon("An environment", name, MAX_NAME);
    }
}
