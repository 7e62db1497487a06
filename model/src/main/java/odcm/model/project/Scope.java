package odcm.model.project;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The environments something applies to, by display name ("Test", "Prod Space: Production"); empty means
 * every environment. Names, not ids, so a scope means the same in every space a release reaches.
 */
public record Scope(List<String> environments) {
    public static final Scope ALL = new Scope(List.of());

    public Scope {
        // Sorted and without repeats; none or one (most scopes) needs no set (a release has 10,000 of them to read).
        environments = environments.size() <= 1 ? List.copyOf(environments) : List.copyOf(new TreeSet<>(environments));
    }

    public static Scope of(Collection<String> environments) {
        return new Scope(environments instanceof List<String> l ? l : List.copyOf(environments));
    }

    public boolean isAll() {
        return environments.isEmpty();
    }

    public boolean appliesTo(String environment) {
        return isAll() || environments.contains(environment);
    }

    @Override
    public String toString() {
        return isAll() ? "all environments" : String.join(", ", environments);
    }
}
