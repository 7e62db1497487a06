package odcm.model.space;

/** A local space is managed here and has its own key pair; a remote space is another console's, known by its certificate. */
public enum SpaceKind {
    LOCAL("local space"),
    REMOTE("remote space");

    private final String words;

    SpaceKind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
