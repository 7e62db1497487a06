package odcm.model.compare;

/** What happened to one item (a step, a variable, a template, a package) between two releases. */
public enum Change {
    ADDED("added", "+"),
    REMOVED("removed", "-"),
    CHANGED("changed", "~"),
    UNCHANGED("unchanged", " ");

    private final String words;
    private final String marker;

    Change(String words, String marker) {
        this.words = words;
        this.marker = marker;
    }

    public String words() {
        return words;
    }

    /** A one-character text marker, so a change is never told by colour alone. */
    public String marker() {
        return marker;
    }
}
