package odcm.packaging.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bundle JSON is parsed from its bytes (decision 0030, import): the UTF-8 check that replaced decoding must refuse exactly what the
 * JDK's strict decoder refuses, and bytes the parser would read as another encoding (a byte order mark, UTF-16 or UTF-32
 * guessed from NUL bytes) are refused before it guesses.
 */
class JsonBytesTest {
    record Part(String name) {
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean ourAccepts(byte[] b) {
        try {
            Json.utf8(b);
            return true;
        } catch (Json.BadJson e) {
            return false;
        }
    }

    @Test
    void everySequenceOfUpToThreeBytesIsJudgedAsTheStrictDecoderJudgesIt() {
        int checked = 0;
        for (int a = 0; a < 256; a++) {
            assertEquals(jdkAccepts(new byte[] {(byte) a}), ourAccepts(new byte[] {(byte) a}), "byte " + a);
            for (int b = 0; b < 256; b++) {
                byte[] two = {(byte) a, (byte) b};
                assertEquals(jdkAccepts(two), ourAccepts(two), a + " " + b);
                if (a >= 0xC0) { // a lead byte: the third byte at each boundary of the continuation range
                    for (int c : new int[] {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE0, 0xFF}) {
                        byte[] three = {(byte) a, (byte) b, (byte) c};
                        assertEquals(jdkAccepts(three), ourAccepts(three), a + " " + b + " " + c);
                        checked++;
                    }
                }
            }
        }
        assertEquals(64 * 256 * 12, checked);
    }

    @Test
    void fourByteSequencesAndRandomTextAreJudgedAsTheStrictDecoderJudgesThem() {
        Random r = new Random(31);
        int[] leads = {0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8};
        int[] tails = {0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0};
        for (int a : leads) {
            for (int b : tails) {
                for (int c : tails) {
                    for (int d : tails) {
                        byte[] four = {(byte) a, (byte) b, (byte) c, (byte) d};
                        assertEquals(jdkAccepts(four), ourAccepts(four), a + " " + b + " " + c + " " + d);
                    }
                }
            }
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] text = ("{\"name\":\"é€😀" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            if (i % 2 == 1) {
                text[r.nextInt(text.length)] = (byte) r.nextInt(256);
            }
            assertEquals(jdkAccepts(text), ourAccepts(text), () -> java.util.Arrays.toString(text));
        }
    }

    @Test
    void aByteOrderMarkOrAnotherEncodingIsRefusedNotGuessed() throws Exception {
        assertEquals("First", Json.read("{\"name\":\"First\"}".getBytes(StandardCharsets.UTF_8), Part.class).name());
        byte[] bom = "\uFEFF{\"name\":\"First\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(Json.BadJson.class, () -> Json.read(bom, Part.class));
        // "{"name":"First"}" in UTF-16 and UTF-32: valid UTF-8 as bytes (NULs and ASCII), the same JSON if the parser guessed.
        for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                java.nio.charset.Charset.forName("UTF-32BE"), java.nio.charset.Charset.forName("UTF-32LE")}) {
            byte[] other = "{\"name\":\"First\"}".getBytes(charset);
            assertThrows(Json.BadJson.class, () -> Json.read(other, Part.class), charset.name());
            assertThrows(Json.BadJson.class, () -> Json.field(other, "name"), charset.name());
        }
    }
}
