package odcm.packaging.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Canonical JSON out (sorted keys, no insignificant whitespace, UTF-8) and strict JSON in: duplicate keys,
 * unknown or missing fields, trailing data, invalid UTF-8, nesting deeper than {@link #MAX_DEPTH} and
 * strings longer than {@link #MAX_STRING} are all refused.
 */
final class Json {
    static final int MAX_DEPTH = 16;
    static final int MAX_STRING = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING)
                            .maxNumberLength(20).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bundle DTO could not be written as JSON", e);
        }
    }

    /** Strictly reads {@code bytes} as {@code type}; a {@link BadJson} says briefly what is wrong. */
    static <T> T read(byte[] bytes, Class<T> type) throws BadJson {
        String text = utf8(bytes);
        try {
            // The whole document first (depth, duplicate keys, trailing data), then the typed binding.
            MAPPER.readTree(text);
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw new BadJson("is null instead of an object");
            }
            return value;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new BadJson(reason(e));
        }
    }

    static JsonNode tree(byte[] bytes) throws BadJson {
        String text = utf8(bytes);
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new BadJson("is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new BadJson(reason(e));
        }
    }

    private static String utf8(byte[] bytes) throws BadJson {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadJson("is not valid UTF-8 text");
        }
    }

    private static String reason(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return "is not valid JSON";
        }
        m = m.lines().findFirst().orElse(m);
        if (m.startsWith("Duplicate field")) {
            return "repeats a key (" + m + ")";
        }
        if (m.startsWith("Unrecognized field")) {
            return "has a field this version does not know (" + abbreviate(m) + ")";
        }
        if (m.contains("nesting depth") || m.contains("Nesting depth")) {
            return "is nested deeper than " + MAX_DEPTH + " levels";
        }
        return "is not valid JSON of the expected shape (" + abbreviate(m) + ")";
    }

    private static String abbreviate(String m) {
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    /** Why a part's JSON was refused, as the end of a sentence ("release.json " + reason). */
    static final class BadJson extends Exception {
        BadJson(String reason) {
            super(reason, null, false, false);
        }
    }
}
