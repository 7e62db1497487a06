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

    @Test
    void namesThatLookAlikeAreTheSameName() {
        assertEquals(SpaceName.of("Caf\u00e9").key(), SpaceName.of("Cafe\u0301").key(), "composed and decomposed");
        assertEquals(SpaceName.of("Stra\u00dfe").key(), SpaceName.of("STRASSE").key(), "sharp s and its capital form");
        assertEquals("Caf\u00e9", SpaceName.of("Cafe\u0301").value(), "kept in the composed form");
    }

    @Test
    void refusesInvisibleAndDirectionChangingCharacters() {
        assertTrue(assertThrows(Refusal.class, () -> SpaceName.of("Prod\u200BSpace")).getMessage().contains("U+200B"));
        assertThrows(Refusal.class, () -> SpaceName.of("Prod \u202Eecaps"));
    }

    @Test
    void lengthCountsCharactersNotCodeUnits() {
        assertEquals(60, SpaceName.of("\uD83D\uDE80".repeat(60)).value().codePointCount(0, 120));
        assertThrows(Refusal.class, () -> SpaceName.of("\uD83D\uDE80".repeat(61)));
    }

    @Test
    void descriptionsRefuseTerminalControlCharacters() {
        assertThrows(Refusal.class, () -> Space.checkDescription("red \u001b[31m text"));
        assertEquals("two\nlines", Space.checkDescription(" two\nlines "));
    }
}
