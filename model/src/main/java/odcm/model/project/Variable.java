package odcm.model.project;

import odcm.model.Names;

/**
 * A project variable value, scoped to environments. A sensitive value is never shown, logged or written
 * in clear: {@link #toString()} masks it, and the store seals it under the master key.
 */
public record Variable(String name, String value, boolean sensitive, Scope scope) {
    public static final String MASK = "********";

    public Variable {
        name = Names.check("A variable", name, 200);
        String named = name;
        value = Names.value(() -> "The value of variable '" + named + "'", value, true);
        scope = scope == null ? Scope.ALL : scope;
    }

    /** The value as it may be shown without an explicit reveal. */
    public String shownValue() {
        return sensitive ? MASK : value;
    }

    @Override
    public String toString() {
        return "Variable[" + name + "=" + shownValue() + " (" + scope + ")]";
    }
}
