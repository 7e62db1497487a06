package odcm.model.space;

import odcm.model.Names;
import odcm.model.Refusal;

/**
 * A space name. Names namespace other things ({@code Prod Space: Production}), so they are unique
 * (compared by {@link #key()}) across local and remote spaces, and may not contain a colon.
 */
public record SpaceName(String value) {
    public static final int MAX_LENGTH = 60;
    /** How long the compared form may grow (compatibility forms can expand); the store's column holds this much. */
    static final int MAX_KEY_LENGTH = 400;

    public SpaceName {
        value = Names.checkWithoutColon("A space", value, MAX_LENGTH);
        if (Names.key(value).length() > MAX_KEY_LENGTH) {
            throw new Refusal("The space name '" + value + "' uses characters that expand too much when names are compared; choose a plainer name.");
        }
    }

    public static SpaceName of(String value) {
        return new SpaceName(value);
    }

    /** The form compared for uniqueness: names differing only in case or Unicode form are the same name. */
    public String key() {
        return Names.key(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
