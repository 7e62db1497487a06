package odcm.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import odcm.model.Refusal;

/** JSON columns: persistence-private DTOs (records) to text and back; model types never carry JSON annotations. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static String write(Object dto) {
        try {
            return MAPPER.writeValueAsString(dto);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a DTO of the store always serializes", e);
        }
    }

    /** Writes a document token by token into {@code out}, with the generator the data binding of {@link #write} uses. */
    public static void stream(Text out, Streamed document) {
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.createGenerator(out)) {
            document.write(g);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a document of the store always serializes", e);
        }
    }

    /** A document written token by token. */
    public interface Streamed {
        void write(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException;
    }

    /**
     * JSON text in a growing buffer, read back without a copy ({@link #chars()}): a release snapshot is a megabyte of text,
     * which a string would copy once more and H2 would hash whole before storing it.
     */
    public static final class Text extends java.io.CharArrayWriter {
        public Text(int initialSize) {
            super(initialSize);
        }

        static Text of(String s) {
            Text t = new Text(s.length());
            t.append(s);
            return t;
        }

        /** A reader of the text written, over this buffer itself (valid until something more is written). */
        public java.io.Reader reader() {
            return new java.io.CharArrayReader(buf, 0, count);
        }

        /** The text written, over this buffer itself (read-only; valid until something more is written). */
        public java.nio.CharBuffer chars() {
            return java.nio.CharBuffer.wrap(buf, 0, count).asReadOnlyBuffer();
        }
    }

    public static <T> T read(String text, Class<T> type, String what) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new Refusal("The store holds " + what + " that cannot be read (" + e.getOriginalMessage() + "); the file was altered outside ODCM Console.", e);
        }
    }
}
