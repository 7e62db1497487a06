package odcm.model.role;

import java.util.List;

/**
 * Who acts, as the role checks see them: a name, the groups they are in, and whether they hold every role (the one
 * person of an embedded store, decision 0041).
 */
public record Person(String name, List<String> groups, boolean holdsEveryRole) {
    public Person {
        groups = List.copyOf(groups);
    }
}
