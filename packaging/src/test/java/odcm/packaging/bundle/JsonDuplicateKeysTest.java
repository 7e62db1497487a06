package odcm.packaging.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3: the strict scan refuses a repeated key itself (few keys compared one by one, many in a set) instead of
 * the parser's hash set per object. It must refuse exactly what the parser's own check refuses, with the same words, and
 * accept everything else: keys repeated within one object at any depth and position (also past the first few keys, and
 * in an object that is the value the scan looks for), never the same key in nested or neighbouring objects.
 */
class JsonDuplicateKeysTest {
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final String[] KEYS = {"a", "b", "c", "bundleId", "A", "d", "e", "f", "g", "h", "i", "j", "k", "l", "x"};

    @Test
    void aRepeatedKeyIsRefusedExactlyWhereTheParsersOwnCheckRefusedIt() {
        Random random = new Random(21);
        int refused = 0;
        int accepted = 0;
        for (int round = 0; round < 5_000; round++) {
            byte[] json = object(random, 1).getBytes(StandardCharsets.UTF_8);
            String expected = reference(json);
            for (String field : new String[] {null, "x", "bundleId"}) {
                String actual;
                try {
                    Json.field(json, field);
                    actual = null;
                } catch (Json.BadJson e) {
                    actual = e.getMessage();
                }
                assertEquals(expected == null ? null : "repeats a key (" + expected + ")", actual, new String(json, StandardCharsets.UTF_8));
            }
            if (expected == null) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(refused > 500 && accepted > 500, refused + " refused, " + accepted + " accepted");
    }

    /** The parser's own words for the first repeated key, or null when it finds none. */
    private static String reference(byte[] json) {
        try {
            STRICT.readTree(json);
            return null;
        } catch (JsonProcessingException e) {
            assertTrue(e.getOriginalMessage().startsWith("Duplicate field"), e.getOriginalMessage());
            return e.getOriginalMessage();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String object(Random random, int depth) {
        StringBuilder sb = new StringBuilder("{");
        boolean big = random.nextInt(6) == 0;
        int n = big ? 9 + random.nextInt(12) : random.nextInt(5);
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = big ? "k" + i : KEYS[random.nextInt(KEYS.length)];
        }
        if (big && random.nextBoolean()) { // many distinct keys, then perhaps one repeated past the first few
            int later = 8 + random.nextInt(n - 8);
            keys[later] = keys[random.nextInt(later)];
        }
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(keys[i]).append("\":").append(value(random, depth));
        }
        return sb.append('}').toString();
    }

    private static String value(Random random, int depth) {
        int k = depth >= 5 ? 0 : random.nextInt(4);
        return switch (k) {
            case 1 -> object(random, depth + 1);
            case 2 -> "[" + object(random, depth + 1) + "," + object(random, depth + 1) + "]";
            default -> "\"v\"";
        };
    }
}
