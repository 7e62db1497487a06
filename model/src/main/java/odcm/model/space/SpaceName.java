package odcm.model.space;

import java.util.Locale;
import odcm.model.Refusal;

/**
 * A space name. Names namespace other things ({@code Prod Space: Production}), so they are unique
 * case-insensitively across local and remote spaces, and may not contain a colon.
 */
public record SpaceName(String value) {
    public static final int MAX_LENGTH = 60;

    public SpaceName {
        if (value == null || value.isBlank()) {
            throw new Refusal("A space needs a name.");
        }
        value = value.strip().replaceAll("\\s+", " ");
        if (value.length() > MAX_LENGTH) {
            throw new Refusal("A space name can be at most " + MAX_LENGTH + " characters; this one has " + value.length() + ".");
        }
        if (value.indexOf(':') >= 0) {
            throw new Refusal("A space name cannot contain ':' because it separates a space from its environments, as in 'Prod Space: Production'.");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new Refusal("A space name cannot contain control characters.");
            }
        }
    }

    public static SpaceName of(String value) {
        return new SpaceName(value);
    }

    /** The form compared for uniqueness: names differing only in case are the same name. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
