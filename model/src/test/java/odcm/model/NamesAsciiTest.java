package odcm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass key and tidy-up of printable ASCII names give exactly what the Unicode steps give. */
class NamesAsciiTest {
    @Test
    void asciiNamesGetTheSameKeyAndFormAsThroughTheUnicodeSteps() {
        Random random = new Random(12);
        String alphabet = "  aAzZ09-_.:'\"!~`{}|\\^?@";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                sb.append(random.nextBoolean() ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) (0x20 + random.nextInt(0x5F)));
            }
            String name = sb.toString();
            assertEquals(Names.unicodeKey(name), Names.key(name), name);
            assertEquals(java.text.Normalizer.normalize(name.replaceAll("\\h+", " ").strip(), java.text.Normalizer.Form.NFC),
                    Names.ascii(name, false), name);
        }
        assertEquals("dev test space", Names.key("  Dev   TEST Space "));
        assertNull(Names.ascii("DevT\u0435st", true), "a Cyrillic letter takes the Unicode steps");
        assertNull(Names.ascii("Dev\tTest", true), "a tab too");
        assertEquals(Names.key("devtest"), Names.key("DevT\u0435st"));
    }
}
