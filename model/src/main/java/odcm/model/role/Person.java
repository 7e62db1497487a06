package odcm.model.role;

import java.util.List;

/**
 * Who acts (docs/decisions/0040-people.md, 0041-roles-per-space.md). On a team store: the database login the server
 * authenticated ({@code session_user}, never a name the client claims) and the database roles it is a member of,
 * directly or through other roles (PostgreSQL's own {@code pg_*} roles left out). In an embedded store: this computer's
 * user, the store's one person, who holds every role.
 */
public record Person(String name, List<String> groups, boolean holdsEveryRole) {
    public Person {
        groups = List.copyOf(groups);
    }

    /** The one person of an embedded store. */
    public static Person embedded(String osUser) {
        return new Person(osUser, List.of(), true);
    }

    /** What the person is, in one line (the status bar's tooltip, {@code odcm whoami}). */
    public String sentence() {
        if (holdsEveryRole) {
            return name + " (this computer's user; an embedded store has one person, with every role)";
        }
        return name + " (the database login signed in to the team store; groups: "
                + (groups.isEmpty() ? "none" : String.join(", ", groups)) + ")";
    }
}
