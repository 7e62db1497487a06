package odcm.model.release;

/** An approver's decision on a release in a space. */
public enum Verdict {
    APPROVED("approved"), REJECTED("rejected");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
