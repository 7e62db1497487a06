package odcm.packaging.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3 in the console's JVM (decision 0030, 2026-12-06): a part's objects are bound by a second parser over the
 * bytes the strict scan accepted, no longer from the tokens the scan copied into a buffer. The binding must accept and
 * refuse exactly what the buffer's binding did, with the same words: every part type, written whole and then mutated
 * (a value replaced by another kind — text, whole number, large number, fraction, true, null, object, array —, a key
 * renamed, dropped or added), judged both ways. variables.json of the writer's shape is read straight from its tokens
 * (Json.variables), anything else by the data binding: both must give what the buffer's binding gave.
 */
class JsonBindingTest {
    private static final ObjectMapper FORMER = Json.mapperCopy(); // the binding as it was, from the token buffer
    private static final String[] VALUES = {"\"t\"", "7", "-3", "4294967296", "123456789012345678901", "1.5", "1e3", "true", "false",
            "null", "{}", "{\"k\":\"v\"}", "[]", "[\"a\",\"b\"]", "[{}]", "\"2026-12-06T00:00:00Z\"", "\"\""};

    @Test
    void everyPartIsBoundAndRefusedAsTheTokenBufferBoundIt() throws Exception {
        Dto.Party party = new Dto.Party("Dev", "ab".repeat(32));
        Dto.Template template = new Dto.Template("T", "L", "h", "Text", List.of("a"), true, "d");
        Dto.Step step = new Dto.Step("s", "a", Map.of("p", "v", "q", ""), List.of("Dev"), List.of(new Dto.PackageRef("pk")));
        List<Object> parts = List.of(
                new Dto.Manifest(1, "b", party, party, 3, "c", "e", List.of(new Dto.Entry("n", "h"))),
                new Dto.RevisedReleasePart("b", "p", "1.0", "n", "c", "t", 2),
                new Dto.ProcessPart("b", List.of(step, step)),
                new Dto.VariablesPart("b", List.of(new Dto.Variable("v", false, List.of("Dev", "Prod"), "x"), new Dto.Variable("w", true, List.of(), null))),
                new Dto.TemplatesPart("b", List.of(new Dto.EnvironmentTemplate("e", "d", List.of(template), "x", "o", true, 3, List.of(step), List.of())),
                        List.of(template)),
                new Dto.PackagesPart("b", List.of(new Dto.Package("p", "1", "ab".repeat(32)))),
                new Dto.HistoryPart("b", List.of(new Dto.Deployment("s", "e", "d", "ok")), new Dto.OutOfOrder("by", "r", "s")),
                new Dto.Secrets("b", "p", "1", "t", "c", List.of(new Dto.SecretValue("v", List.of("Dev"), "s"))));
        Random random = new Random(6);
        int refused = 0;
        int accepted = 0;
        for (Object part : parts) {
            String whole = new String(Json.write(part), StandardCharsets.UTF_8);
            List<String> documents = new ArrayList<>(List.of(whole));
            for (int i = 0; i < 400; i++) {
                documents.add(mutated(whole, random));
            }
            for (String document : documents) {
                byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
                Object expected = former(bytes, part.getClass());
                Object actual;
                try {
                    actual = Json.read(bytes, part.getClass());
                    accepted++;
                } catch (Json.BadJson e) {
                    actual = e.getMessage();
                    refused++;
                }
                assertEquals(expected, actual, document);
            }
        }
        assertTrue(refused > 1_000 && accepted > 200, refused + " refused, " + accepted + " accepted");
    }

    /** What the former binding from the scan's tokens gave: the object, or the words of its refusal. */
    private static Object former(byte[] bytes, Class<?> type) throws Exception {
        try {
            Json.field(bytes, null); // the same strict scan first
        } catch (Json.BadJson e) {
            return e.getMessage();
        }
        TokenBuffer tokens = new TokenBuffer(null, false);
        try (JsonParser p = FORMER.createParser(bytes)) {
            for (p.nextToken(); p.currentToken() != null; p.nextToken()) {
                tokens.copyCurrentEvent(p);
            }
        }
        try (JsonParser p = tokens.asParser(FORMER)) {
            Object value = FORMER.readValue(p, type);
            return value == null ? "is null instead of an object" : value;
        } catch (java.io.IOException | RuntimeException e) {
            // The buffer types a fraction as a BigDecimal, so its words never hold what Json.reason rewrites for the parser's.
            return Json.reason(e);
        }
    }

    /** One change to the document: a value (after a colon or within an array) replaced, or a key renamed, dropped or added. */
    private static String mutated(String json, Random random) {
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            if (json.charAt(i) == ':') {
                colons.add(i);
            }
        }
        int colon = colons.get(random.nextInt(colons.size()));
        int keyStart = json.lastIndexOf('"', json.lastIndexOf('"', colon - 1) - 1);
        int end = valueEnd(json, colon + 1);
        return switch (random.nextInt(5)) {
            case 0, 1 -> json.substring(0, colon + 1) + VALUES[random.nextInt(VALUES.length)] + json.substring(end);
            case 2 -> json.substring(0, keyStart + 1) + "z" + json.substring(keyStart + 1);
            case 3 -> {
                int from = json.charAt(keyStart - 1) == ',' ? keyStart - 1 : keyStart;
                int to = from == keyStart && json.charAt(end) == ',' ? end + 1 : end;
                yield json.substring(0, from) + json.substring(to);
            }
            default -> json.substring(0, keyStart) + "\"zz\":" + VALUES[random.nextInt(VALUES.length)] + "," + json.substring(keyStart);
        };
    }

    /** Where the JSON value starting at {@code i} ends (no string of the written parts holds a quote, brace or bracket). */
    private static int valueEnd(String json, int i) {
        int depth = 0;
        boolean text = false;
        for (int k = i; k < json.length(); k++) {
            char c = json.charAt(k);
            if (c == '"') {
                text = !text;
            } else if (!text && (c == '{' || c == '[')) {
                depth++;
            } else if (!text && (c == '}' || c == ']')) {
                if (depth == 0) {
                    return k;
                }
                depth--;
            } else if (!text && c == ',' && depth == 0) {
                return k;
            }
        }
        return json.length();
    }
}
