package odcm.model.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditTextTest {
    @Test
    void fewNamesAreAllListedManyAreCounted() {
        assertEquals("", AuditText.few(List.of()));
        assertEquals("a, b", AuditText.few(List.of("a", "b")));
        List<String> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> "S" + i).toList();
        assertEquals(String.join(", ", ten), AuditText.few(ten));
        List<String> many = IntStream.rangeClosed(1, 5000).mapToObj(i -> "Step " + i).toList();
        assertEquals("Step 1, Step 2, Step 3, Step 4, Step 5, Step 6, Step 7, Step 8, and 4992 more", AuditText.few(many));
        assertEquals("Step 1; Step 2; Step 3; Step 4; Step 5; Step 6; Step 7; Step 8; and 4992 more", AuditText.few(many, "; "));
    }

    @Test
    void boundedKeepsShortTextAndCutsLongTextSayingHowMuch() {
        assertEquals("short", AuditText.bounded("short", 400));
        String cut = AuditText.bounded("x".repeat(1000), 400);
        assertTrue(cut.length() <= 400, cut);
        assertTrue(cut.endsWith(" … (640 more characters)"), cut);
        String emoji = AuditText.bounded("x".repeat(359) + "\uD83D\uDE00".repeat(100), 400);
        assertTrue(emoji.length() <= 400);
        assertFalse(Character.isHighSurrogate(emoji.charAt(emoji.indexOf(" … (") - 1)), "never half a character");
    }
}
