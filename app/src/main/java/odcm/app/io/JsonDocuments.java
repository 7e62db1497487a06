package odcm.app.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import odcm.model.Refusal;

/**
 * Strict reading of the JSON documents a user writes (apply documents), and their refusals in the document's own
 * words: "devtest.json line 4, column 12: environments must be a list of objects". A refusal names the place (line,
 * column, and the path such as {@code projects[0].channels[1].name}) and what belongs there; never a Java class, a
 * parser's feature name, or a value from the file.
 */
public final class JsonDocuments {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private JsonDocuments() {
    }

    /**
     * Unknown fields, duplicate keys, anything after the document, and a value of the wrong kind are refused: a number,
     * true/false, an object or a list where a text (a name) belongs is not turned into text, and "yes" is not true.
     */
    public static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Map).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.POJO).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }

    /** @param source how the user calls the file: its name as given, or "standard input" */
    public static <T> T read(ObjectMapper mapper, byte[] json, Class<T> type, String source) {
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw new Refusal(source + " holds no document (it is empty or null).");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw refusal(source, e);
        } catch (java.io.IOException e) {
            throw new Refusal(source + " cannot be read: " + e.getMessage() + ".");
        }
    }

    static Refusal refusal(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? source : source + " line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Refusal(where + ": " + what(e) + ".");
    }

    private static String what(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return "the document ends before it is complete (a closing bracket, brace or quote is missing)";
        }
        if (e instanceof JsonParseException) {
            if (message.startsWith("Duplicate field")) {
                return pathOf(contextPath(e)) + " is given twice; each field is given once";
            }
            return "this is not valid JSON (look for a missing quote, comma or bracket up to here)";
        }
        if (!(e instanceof JsonMappingException m)) {
            return "this is not valid JSON";
        }
        List<JsonMappingException.Reference> refs = m.getPath();
        String path = pathOf(path(refs, refs.size()));
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            known.sort(null);
            return pathOf(path(refs, refs.size() - 1)) + " has no field '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; its fields are " + String.join(", ", known));
        }
        if (e instanceof ValueInstantiationException) {
            return path + " holds null where a value is needed";
        }
        if (message.startsWith("Trailing token")) {
            return "there is more after the end of the document; the file holds one JSON object";
        }
        if (message.startsWith("Missing required creator property")) {
            Matcher q = QUOTED.matcher(message);
            String field = q.find() ? q.group(1) : "?";
            boolean named = !refs.isEmpty() && field.equals(refs.get(refs.size() - 1).getFieldName());
            return pathOf(path(refs, named ? refs.size() - 1 : refs.size())) + " needs the field '" + field + "'";
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return path + " must be " + expected(mi.getTargetType(), refs.isEmpty() ? null : refs.get(refs.size() - 1));
        }
        return path + " does not have the expected form";
    }

    /** What belongs where a value of {@code type} is expected, in a user's words. */
    private static String expected(Class<?> type, JsonMappingException.Reference last) {
        if (type == String.class) {
            return "a text in quotes";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            Type element = componentType(last, 0);
            return element == String.class ? "a list of texts in quotes" : element instanceof Class<?> c && c.isRecord() ? "a list of objects" : "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return componentType(last, 1) == String.class ? "an object whose values are texts in quotes" : "an object";
        }
        return "an object";
    }

    /** The n-th type argument of the record component a reference names, if the reference says which record. */
    private static Type componentType(JsonMappingException.Reference ref, int n) {
        if (ref == null || ref.getFieldName() == null) {
            return null;
        }
        Object from = ref.getFrom();
        Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
        if (owner == null || !owner.isRecord()) {
            return null;
        }
        for (RecordComponent rc : owner.getRecordComponents()) {
            JsonProperty p = rc.getAnnotation(JsonProperty.class);
            String name = p != null && !p.value().isEmpty() ? p.value() : rc.getName();
            if (name.equals(ref.getFieldName()) && rc.getGenericType() instanceof ParameterizedType pt && pt.getActualTypeArguments().length > n) {
                return pt.getActualTypeArguments()[n];
            }
        }
        return null;
    }

    private static String path(List<JsonMappingException.Reference> refs, int upTo) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < upTo; i++) {
            JsonMappingException.Reference r = refs.get(i);
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String contextPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser p)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName() == null ? "" : "." + c.getCurrentName());
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String pathOf(String path) {
        return path.isEmpty() ? "the document" : path;
    }
}
