package odcm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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

    @Test
    void aTidyNameIsReturnedItselfNotCopied() {
        // An import checks some 30,000 names of a release; a tidy one is returned as it is (decision 0030, "Import, round 2").
        String name = "Var1234 of step 7";
        assertSame(name, Names.ascii(name, false));
        String key = "var1234 of step 7";
        assertSame(key, Names.key(key));
        assertNotSame(name, Names.key(name), "capitals are lowered in a copy");
        assertEquals("var 7", Names.key("Var  7"));
        assertEquals("a b", Names.ascii(" a b", false));
        assertEquals("a b", Names.ascii("a b ", false));
        assertEquals("", Names.ascii("", false));
    }
}
