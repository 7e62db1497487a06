package odcm.model.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import odcm.model.Refusal;
import org.junit.jupiter.api.Test;

class SpaceNameTest {
    @Test
    void trimsAndCollapsesWhitespace() {
        assertEquals("Prod Space", SpaceName.of("  Prod \t Space ").value());
    }

    @Test
    void namesDifferingInCaseShareAKey() {
        assertEquals(SpaceName.of("Prod Space").key(), SpaceName.of("PROD space").key());
    }

    @Test
    void refusesEmptyName() {
        assertEquals("A space needs a name.", assertThrows(Refusal.class, () -> SpaceName.of(" ")).getMessage());
    }

    @Test
    void refusesColonBecauseItNamespacesEnvironments() {
        assertTrue(assertThrows(Refusal.class, () -> SpaceName.of("Prod: EU")).getMessage().contains("'Prod Space: Production'"));
    }

    @Test
    void refusesOverlongName() {
        assertTrue(assertThrows(Refusal.class, () -> SpaceName.of("a".repeat(61))).getMessage().contains("61"));
        assertEquals(60, SpaceName.of("a".repeat(60)).value().length());
    }

    @Test
    void refusesControlCharacters() {
        assertThrows(Refusal.class, () -> SpaceName.of("Prod\u0007Space"));
    }
}
