package odcm.app.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import odcm.model.Refusal;

/**
 * The values file of {@code bundle import --values}: environment → variable template name → value, e.g.
 * {@code {"Production": {"DbPassword": "…", "Region": "eu", "Maintenance": "false"}}}. Strict: values are strings
 * (true/false also as JSON booleans), no duplicate keys, nothing after the object. Documented in the README.
 */
final class ValuesFile {
    private static final ObjectMapper STRICT = strict();

    private ValuesFile() {
    }

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }

    static Map<String, Map<String, String>> parse(byte[] bytes) {
        try {
            Map<String, Map<String, String>> values = STRICT.readValue(bytes, new TypeReference<LinkedHashMap<String, Map<String, String>>>() {
            });
            if (values == null) {
                throw new Refusal("The values file holds null; it holds an object of environments, each an object of template names and values.");
            }
            values.forEach((env, m) -> {
                if (m == null || m.containsValue(null)) {
                    throw new Refusal("The values file gives null for '" + env + "'; give a text value, or leave the entry out.");
                }
            });
            return values;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            // Never the parser's own message: it quotes the offending token, which may be a password.
            throw new Refusal("The values file is not valid JSON of the expected shape" + where
                    + ". It holds {\"Environment\": {\"TemplateName\": \"value\"}}, every value a quoted text, each key once.");
        } catch (IOException e) {
            throw new Refusal("The values file cannot be read: " + odcm.app.io.UserFiles.reason(e) + ".");
        }
    }
}
