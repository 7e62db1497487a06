package odcm.packaging.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Canonical JSON out (sorted keys, no insignificant whitespace, UTF-8) and strict JSON in: duplicate keys,
 * unknown or missing fields, trailing data, invalid UTF-8, nesting deeper than {@link #MAX_DEPTH},
 * strings longer than {@link #MAX_STRING} and more tokens than a {@link Budget} allows are all refused. Every document
 * is first scanned as a stream of tokens (no tree), so those limits hold before any object is built from it; the objects
 * are then bound by a second parser over the same bytes.
 */
final class Json {
    static final int MAX_DEPTH = Limits.MAX_JSON_DEPTH;
    static final int MAX_STRING = Limits.MAX_JSON_STRING;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING)
                            .maxNumberLength(20).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // A number or true/false where text belongs is refused, not read as its text (the writer writes every text as a
            // JSON string; REVIEW20b M0): the same rule the console's own documents follow (decision 0017).
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private Json() {
    }

    /** A copy of the strict reader's mapper, for tests that bind as it binds (the mapper itself is not to be changed). */
    static ObjectMapper mapperCopy() {
        return MAPPER.copy();
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bundle DTO could not be written as JSON", e);
        }
    }

    /**
     * The tokens the JSON documents of one file may hold together: what is built from them (objects, maps, lists) grows
     * with their count, not with their bytes ("[{},{},…]" costs far more as objects than as text).
     */
    static final class Budget {
        private long left;

        Budget() {
            this(Limits.MAX_JSON_TOKENS);
        }

        Budget(long tokens) {
            left = tokens;
        }

        private void take() throws BadJson {
            if (--left < 0) {
                throw new BadJson("holds more than the " + Limits.MAX_JSON_TOKENS + " JSON names and values this console reads");
            }
        }
    }

    /** Strictly reads {@code bytes} as {@code type}, a document of its own budget; a {@link BadJson} says briefly what is wrong. */
    static <T> T read(byte[] bytes, Class<T> type) throws BadJson {
        return read(bytes, type, new Budget());
    }

    /** Strictly reads {@code bytes} as {@code type}, taking its tokens from {@code budget}. */
    static <T> T read(byte[] bytes, Class<T> type, Budget budget) throws BadJson {
        utf8(bytes);
        try {
            // The whole document first as a stream (depth, sizes, token count, duplicate keys, trailing data), then the binding
            // from a second parser over the same bytes, which the scan has accepted whole. In the console's JVM (C1 alone,
            // decision 0062) tokenizing the text again costs less than keeping every token in a buffer and reading it back.
            scan(bytes, null, budget);
            T value = type == Dto.VariablesPart.class ? type.cast(variables(bytes)) : null;
            if (value == null) {
                try (JsonParser p = MAPPER.createParser(bytes)) {
                    p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // refused by the scan already (Keys)
                    value = MAPPER.readValue(p, type);
                }
            }
            if (value == null) {
                throw new BadJson("is null instead of an object");
            }
            return value;
        } catch (java.io.IOException | RuntimeException e) {
            throw new BadJson(reason(e));
        }
    }

    /**
     * variables.json (10,000 objects at size) read straight from the tokens, without the data binding's creators and
     * property buffers, when it has exactly the shape the writer gives it: an object of {@code bundleId} (text) and
     * {@code variables}, each an object of {@code name} (text), {@code sensitive} (true or false), {@code scope} (a list of
     * texts) and {@code value} (text or null), keys in any order. Anything else (a missing, unknown or null field, another
     * kind of value) gives null, and the data binding reads the document as before: it binds or refuses it in its own
     * words. What this accepts, the binding binds to an equal object ({@code JsonBindingTest}). Called after the scan.
     */
    private static Dto.VariablesPart variables(byte[] bytes) throws java.io.IOException {
        try (JsonParser p = MAPPER.createParser(bytes)) {
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // refused by the scan already (Keys)
            p.nextToken(); // the root object (the scan saw it)
            String bundleId = null;
            java.util.List<Dto.Variable> variables = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("bundleId") && v == JsonToken.VALUE_STRING && bundleId == null) {
                    bundleId = p.getText();
                } else if (key.equals("variables") && v == JsonToken.START_ARRAY && variables == null) {
                    variables = new java.util.ArrayList<>();
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        Dto.Variable one = e == JsonToken.START_OBJECT ? variable(p) : null;
                        if (one == null) {
                            return null;
                        }
                        variables.add(one);
                    }
                } else {
                    return null;
                }
            }
            return bundleId == null || variables == null ? null : new Dto.VariablesPart(bundleId, variables);
        }
    }

    /** One variable of {@link #variables}, the parser at its start; null unless it has exactly that shape. */
    private static Dto.Variable variable(JsonParser p) throws java.io.IOException {
        String name = null;
        Boolean sensitive = null;
        java.util.List<String> scope = null;
        String value = null;
        int seen = 0; // one bit a field: a repeated one gives null even if the scan ever let it through
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (key) {
                case "name" -> 1;
                case "sensitive" -> 2;
                case "value" -> 4;
                case "scope" -> 8;
                default -> 0;
            };
            if (bit == 0 || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            if (key.equals("name") && v == JsonToken.VALUE_STRING) {
                name = p.getText();
            } else if (key.equals("sensitive") && (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE)) {
                sensitive = v == JsonToken.VALUE_TRUE;
            } else if (key.equals("value") && (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NULL)) {
                value = v == JsonToken.VALUE_NULL ? null : p.getText();
            } else if (key.equals("scope") && v == JsonToken.START_ARRAY) {
                scope = new java.util.ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (e != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    scope.add(p.getText());
                }
            } else {
                return null;
            }
        }
        return seen != 0b1111 || name == null || sensitive == null || scope == null ? null : new Dto.Variable(name, sensitive, scope, value);
    }

    /**
     * The value of the top-level {@code field} of the JSON object {@code bytes} (null when absent; an object or array
     * as the text "(an object or array)"), after the whole document was scanned strictly; no tree is built.
     */
    static JsonNode field(byte[] bytes, String field) throws BadJson {
        try {
            utf8(bytes);
            return scan(bytes, field, new Budget());
        } catch (java.io.IOException | RuntimeException e) {
            throw new BadJson(reason(e));
        }
    }

    /** Scans the document strictly, building nothing from it but the value of {@code field} (when given). */
    private static JsonNode scan(byte[] bytes, String field, Budget budget) throws BadJson, java.io.IOException {
        JsonNode found = null;
        // Read as UTF-8 bytes (checked by utf8): no second copy of the text as characters. The parser would guess another
        // encoding from a byte order mark or NUL bytes at the start; neither begins a JSON object, so they are refused first.
        if (bytes.length > 0 && (bytes[0] == (byte) 0xEF || bytes[0] == 0 || bytes.length > 1 && bytes[1] == 0)) {
            throw new BadJson("is not a JSON object");
        }
        try (JsonParser p = MAPPER.createParser(bytes)) {
            // Repeated keys are refused by Keys, as the parser's own check refused them (same sentence, same point of the
            // scan), without the hash set per object it made from an object's third key on (10,000 objects at size).
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            Keys keys = new Keys();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadJson("is not a JSON object");
            }
            keys.open(p);
            for (JsonToken t = p.nextToken(); !(t == JsonToken.END_OBJECT && p.getParsingContext().inRoot()); t = p.nextToken()) {
                if (t == null) {
                    throw new BadJson("ends in the middle");
                }
                if (t == JsonToken.FIELD_NAME) {
                    keys.add(p);
                } else if (t == JsonToken.START_OBJECT) {
                    keys.open(p);
                }
                budget.take();
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot() && p.currentName().equals(field)) {
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT) {
                        keys.open(p);
                    }
                    budget.take();
                    found = scalar(p, v);
                }
            }
            if (p.nextToken() != null) {
                throw new BadJson("has data after the JSON object");
            }
        }
        return found;
    }

    /**
     * The keys of each open object, by depth, to refuse a key an object repeats: compared one by one while an object has
     * few (most have two to six), in a hash set once it has more than {@link #FEW}, so no object costs more than a set would.
     * Exactly the parser's own rule: equal names (case and all) within one object; the same name in another object, nested
     * or beside it, is no repeat.
     */
    private static final class Keys {
        private static final int FEW = 8;
        private final String[][] names = new String[MAX_DEPTH + 2][FEW];
        private final int[] counts = new int[MAX_DEPTH + 2];
        @SuppressWarnings("unchecked")
        private final java.util.Set<String>[] many = new java.util.Set[MAX_DEPTH + 2];

        /** The parser has just read the start of an object. */
        void open(JsonParser p) {
            int depth = p.getParsingContext().getNestingDepth();
            counts[depth] = 0;
            many[depth] = null;
        }

        /** The parser has just read a key of the innermost open object. */
        void add(JsonParser p) throws BadJson, java.io.IOException {
            int depth = p.getParsingContext().getNestingDepth();
            String name = p.currentName();
            java.util.Set<String> set = many[depth];
            if (set != null) {
                if (!set.add(name)) {
                    throw repeated(name);
                }
                return;
            }
            String[] here = names[depth];
            int n = counts[depth];
            for (int i = 0; i < n; i++) {
                if (here[i].equals(name)) {
                    throw repeated(name);
                }
            }
            if (n < FEW) {
                here[n] = name;
                counts[depth] = n + 1;
            } else {
                set = new java.util.HashSet<>(java.util.Arrays.asList(here));
                set.add(name);
                many[depth] = set;
            }
        }

        /** The parser's own words ("Duplicate field 'x'"), as {@link #reason} put them. */
        private static BadJson repeated(String name) {
            return new BadJson("repeats a key (Duplicate field '" + name + "')");
        }
    }

    private static JsonNode scalar(JsonParser p, JsonToken t) throws java.io.IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (t) {
            case VALUE_STRING -> f.textNode(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.INT ? f.numberNode(p.getIntValue()) : f.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> f.booleanNode(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> f.nullNode();
            default -> f.textNode("(an object or array)");
        };
    }

    /**
     * Refuses {@code bytes} unless they are well-formed UTF-8 as the JDK's strict decoder reads it (no overlong form, no
     * surrogate, nothing beyond U+10FFFF, no sequence cut short), without decoding them into a second copy.
     */
    static void utf8(byte[] bytes) throws BadJson {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int more;
            int min;
            int max = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                more = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                more = 2;
                min = b == 0xE0 ? 0xA0 : 0x80;
                max = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
            } else if (b >= 0xF0 && b <= 0xF4) {
                more = 3;
                min = b == 0xF0 ? 0x90 : 0x80;
                max = b == 0xF4 ? 0x8F : 0xBF; // beyond U+10FFFF otherwise
            } else {
                throw new BadJson("is not valid UTF-8 text");
            }
            if (i + more >= n) {
                throw new BadJson("is not valid UTF-8 text");
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                throw new BadJson("is not valid UTF-8 text");
            }
            for (int k = 2; k <= more; k++) {
                int c = bytes[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) {
                    throw new BadJson("is not valid UTF-8 text");
                }
            }
            i += more + 1;
        }
    }

    private static final String FRACTION = "no double/Double-argument constructor";

    /** Why a document was refused, from the parser's or the binding's exception, as the end of a sentence. */
    static String reason(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return "is not valid JSON";
        }
        m = m.lines().findFirst().orElse(m);
        if (m.startsWith("Duplicate field")) {
            return "repeats a key (" + m + ")";
        }
        if (m.startsWith("Cannot construct instance of") && m.contains(FRACTION)) {
            // A fraction where an object belongs: the words of the token buffer objects were bound from before (a BigDecimal there)
            m = m.replace(FRACTION, "no BigDecimal/double/Double-argument constructor");
        }
        if (m.startsWith("Unrecognized field")) {
            return "has a field this version does not know (" + abbreviate(m) + ")";
        }
        if (m.contains("nesting depth") || m.contains("Nesting depth")) {
            return "is nested deeper than " + MAX_DEPTH + " levels";
        }
        if (m.contains("length") && m.contains("exceeds the maximum")) {
            return "holds a name, text or number longer than this console reads (" + MAX_STRING + " characters)";
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
