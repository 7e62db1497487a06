package odcm.model.environment;

import java.time.Instant;
import odcm.model.Names;

/**
 * An environment of a local space (Development, Test, Production). One made from an environment template is its instance:
 * {@code templateId} and {@code templateName} say which (null for others); a de-provisioned instance keeps its row, for the
 * deployments made to it, with {@code deprovisionedAt} set, and is neither listed nor deployable until provisioned again.
 */
public record Environment(long id, long spaceId, String name, String description, long version, Long templateId, String templateName,
                          Instant deprovisionedAt) {
    public static final int MAX_NAME = 60;

    public Environment(long id, long spaceId, String name, String description, long version) {
        this(id, spaceId, name, description, version, null, null, null);
    }

    public static String checkName(String name) {
        String n = Names.checkWithoutColon("An environment", name, MAX_NAME);
        if (Names.key(n).endsWith(" (template)")) { // "Feature (template)" is the scope of every instance of template Feature
            throw new odcm.model.Refusal("An environment name cannot end in '(template)', which names an environment template's instances as a scope.");
        }
        return n;
    }

    public boolean isInstance() {
        return templateId != null;
    }

    /** Not a de-provisioned instance. */
    public boolean isLive() {
        return deprovisionedAt == null;
    }

    /** Its id and version, for a change of what was seen (decision 0036). */
    public odcm.model.Seen seen() {
        return new odcm.model.Seen(id, version);
    }
}
