package odcm.model.compare;

/** The parts of a release snapshot a comparison shows, in this order. */
public enum Section {
    PROCESS("Process", "step", "steps"),
    VARIABLES("Variables", "variable", "variables"),
    TEMPLATES("Templates", "template", "templates"),
    PACKAGES("Packages", "package", "packages");

    private final String title;
    private final String one;
    private final String many;

    Section(String title, String one, String many) {
        this.title = title;
        this.one = one;
        this.many = many;
    }

    public String title() {
        return title;
    }

    /** "1 step", "3 steps". */
    public String count(int n) {
        return n + " " + (n == 1 ? one : many);
    }
}
