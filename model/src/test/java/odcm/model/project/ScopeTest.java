package odcm.model.project;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3: a scope of none or one environment (most of a release's 10,000 variables) is made without a sorted set;
 * every scope is still sorted, without repeats, unmodifiable and independent of the list it was made from.
 */
class ScopeTest {
    @Test
    void scopesAreSortedWithoutRepeatsWhateverTheirSize() {
        assertEquals(List.of(), Scope.of(List.of()).environments());
        assertEquals(List.of("Test"), Scope.of(List.of("Test")).environments());
        assertEquals(List.of("Prod", "Test"), Scope.of(List.of("Test", "Prod", "Test")).environments());
        assertEquals(List.of("A", "B"), Scope.of(new LinkedHashSet<>(List.of("B", "A"))).environments());
        assertEquals(Scope.ALL, Scope.of(List.of()));
        assertEquals(Scope.of(List.of("B", "A")), new Scope(List.of("A", "B")));
    }

    @Test
    void aScopeIsUnmodifiableAndKeepsNoLinkToItsList() {
        for (int size = 0; size <= 2; size++) {
            List<String> given = new ArrayList<>(List.of("Prod", "Test").subList(0, size));
            Scope s = Scope.of(given);
            given.add("Later");
            assertEquals(size, s.environments().size());
            assertThrows(UnsupportedOperationException.class, () -> s.environments().add("X"));
        }
    }

    @Test
    void noEnvironmentIsNull() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> Scope.of(withNull));
        withNull.add("Test");
        assertThrows(NullPointerException.class, () -> Scope.of(withNull));
        assertThrows(NullPointerException.class, () -> Scope.of(null));
    }
}
