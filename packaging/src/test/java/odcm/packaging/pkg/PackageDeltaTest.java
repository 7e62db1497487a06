package odcm.packaging.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import odcm.model.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageDeltaTest {
    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    @Test
    void rebuildsTheTargetAndCarriesLessThanItWhereLittleChanged() throws Exception {
        byte[] base = random(1, SIZE);
        byte[] next = base.clone();
        next[150_000] ^= 1;
        byte[] delta = roundTrip(base, next);
        assertTrue(delta.length < 100, "delta of " + delta.length + " bytes");
    }

    @Test
    void findsContentShiftedByInsertionsAndDeletionsAndCopiesEachUnchangedStretchOnce() throws Exception {
        byte[] base = random(2, SIZE);
        ByteArrayOutputStream next = new ByteArrayOutputStream();
        next.write(random(3, 777), 0, 777); // inserted at the start: every later byte is shifted
        next.write(base, 0, 100_000);
        next.write(base, 100_500, 99_500); // 500 bytes deleted
        next.write(random(4, 1_001), 0, 1_001); // 1,000 bytes replaced by 1,001
        next.write(base, 201_000, 40_000);
        next.write(base, 0, 10_000); // moved from the start
        next.write(base, 241_000, SIZE - 241_000);
        byte[] delta = roundTrip(base, next.toByteArray());
        // the 1,778 new bytes and 5 copies of 17 bytes each, header and end: nothing re-sent for the shift
        assertTrue(delta.length < 1_778 + 5 * 17 + 40, "delta of " + delta.length + " bytes");
    }

    @Test
    void deflatesNewBytesThatCompressAndKeepsOthersAsTheyAre() throws Exception {
        byte[] text = "<package id='odcm' version='1.2'/>\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        byte[] fromText = roundTrip(new byte[0], text);
        assertTrue(fromText.length < text.length / 20, "delta of " + fromText.length + " bytes");
        byte[] noise = random(5, SIZE);
        byte[] fromNoise = roundTrip(random(6, 1000), noise);
        assertTrue(fromNoise.length < noise.length + 100, "delta of " + fromNoise.length + " bytes");
    }

    @Test
    void cutsALongRunOfNewBytesIntoPiecesAndStillFindsWhatFollows() throws Exception {
        byte[] base = random(12, 100_000);
        ByteArrayOutputStream next = new ByteArrayOutputStream();
        next.write(random(13, PackageDelta.LITERAL_MAX + 200_000), 0, PackageDelta.LITERAL_MAX + 200_000);
        next.write(base, 0, base.length);
        byte[] delta = roundTrip(base, next.toByteArray());
        assertTrue(delta.length < PackageDelta.LITERAL_MAX + 200_000 + 100, "delta of " + delta.length + " bytes");
    }

    @Test
    void codesEditedBytesAgainstTheBaseBytesTheyReplace() throws Exception {
        StringBuilder base = new StringBuilder();
        StringBuilder next = new StringBuilder();
        for (int i = 0; i < 8_000; i++) {
            String line = "class Acme" + Integer.toHexString(i * 7919) + " { int version = " + (i * 31 % 1000) + "; }\n";
            base.append(line);
            next.append(i % 200 < 50 ? line.replace("version", "release") : line); // 50 lines edited in each 200
        }
        byte[] b = base.toString().getBytes(StandardCharsets.UTF_8);
        byte[] delta = roundTrip(b, next.toString().getBytes(StandardCharsets.UTF_8));
        // 40 runs of 50 edited lines (~2.2 KB each): each a copy and an ADD deflated against the base's lines it replaces
        // (10.2 KB in all; deflated without the base as dictionary, 17.4 KB)
        assertTrue(delta.length < 13_000, "delta of " + delta.length + " bytes");
    }

    @Test
    void rebuildsExactlyAfterRandomEditsOfAnySize() throws Exception {
        Random random = new Random(14);
        byte[] words = "<entry name='lib/acme.dll' size='4096'/>\n".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 24; round++) {
            byte[] base = new byte[random.nextInt(60_000)];
            for (int i = 0; i < base.length; i++) {
                base[i] = round % 2 == 0 ? (byte) random.nextInt() : words[random.nextInt(words.length)];
            }
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            int at = 0;
            while (at < base.length) {
                int keep = Math.min(base.length - at, random.nextInt(3_000));
                next.write(base, at, keep);
                at += keep;
                byte[] added = random(round * 100L + at, random.nextInt(700));
                int choice = random.nextInt(3);
                if (choice > 0) {
                    next.write(added, 0, added.length); // inserted, or (1) replacing as many bytes
                }
                if (choice < 2) {
                    at += added.length; // deleted (0), or replaced (1)
                }
            }
            roundTrip(base, next.toByteArray());
        }
    }

    @Test
    void aDeltaWithAnyByteChangedRebuildsSomethingOrIsRefusedNeverAnotherFailure() throws Exception {
        byte[] text = "<entry name='lib/acme.dll' size='4096'/>\n".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        byte[] edited = text.clone();
        for (int i = 20_000; i < 23_000; i += 41) {
            edited[i] = '8'; // an edit every line for 3 KB: an ADD deflated against the base
        }
        edited[30_000] = 'x';
        Path b = Files.write(dir.resolve("forged-base"), text);
        byte[] delta = roundTrip(text, edited);
        Random random = new Random(15);
        for (int i = 0; i < 300; i++) {
            byte[] changed = delta.clone();
            changed[random.nextInt(changed.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                PackageDelta.apply(b, new ByteArrayInputStream(changed), new ByteArrayOutputStream(), edited.length);
            } catch (PackageDelta.BadDelta refused) {
                assertTrue(!refused.getMessage().isEmpty());
            }
        }
    }

    @Test
    void rebuildsEmptyAndTinyPackages() throws Exception {
        roundTrip(new byte[0], new byte[0]);
        roundTrip(random(7, 5000), new byte[0]);
        roundTrip(new byte[0], random(8, 10));
        byte[] zeros = new byte[SIZE];
        byte[] delta = roundTrip(zeros, Arrays.copyOf(zeros, SIZE + 7));
        assertTrue(delta.length < 100, "delta of " + delta.length + " bytes");
    }

    @Test
    void aStopAskedForEndsTheEncoding() throws Exception {
        Path b = Files.write(dir.resolve("base"), random(9, SIZE));
        Path t = Files.write(dir.resolve("next"), random(10, SIZE));
        Progress stop = (done, total, sentence) -> {
            throw new Progress.Cancelled();
        };
        assertThrows(Progress.Cancelled.class, () -> PackageDelta.encode(b, t, new ByteArrayOutputStream(), stop));
    }

    @Test
    void blocksGrowWithTheBaseSoItsIndexStaysBounded() {
        assertEquals(512, PackageDelta.blockSize(0));
        assertEquals(512, PackageDelta.blockSize(100L << 20));
        assertEquals(2048, PackageDelta.blockSize(2L << 30));
        assertEquals(4096, PackageDelta.blockSize((2L << 30) + 1));
        assertEquals(PackageDelta.MAX_BLOCK, PackageDelta.blockSize(Long.MAX_VALUE / 2));
    }

    // Hostile deltas: each is refused with its own clause, never another exception.

    @Test
    void refusesADeltaThatWritesMoreThanThePackage() throws Exception {
        byte[] delta = roundTrip(new byte[(int) BASE], new byte[5000]);
        assertEquals("would write more than the package's size", refused(delta, 4999));
        assertEquals("would write more than the package's size", refused(forged(100, d -> copy(d, 0, 60), d -> copy(d, 0, 60)), 1_000_000));
    }

    @Test
    void refusesWhatIsNotADelta() throws Exception {
        assertEquals("is not a package delta", refused("ODCMDLT0 and then some".getBytes(StandardCharsets.US_ASCII), 100));
        assertEquals("ends early", refused("ODC".getBytes(StandardCharsets.US_ASCII), 100));
    }

    @Test
    void refusesADeltaForABaseOfAnotherSize() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.write(PackageDelta.MAGIC);
        d.writeLong(BASE + 1);
        d.writeLong(10);
        d.writeByte(PackageDelta.END);
        assertEquals("is based on a package of another size", refused(bytes.toByteArray(), 100));
    }

    @Test
    void refusesAnUnknownOperation() throws Exception {
        assertEquals("holds an operation that is not one", refused(forged(10, d -> d.writeByte(9)), 100));
    }

    @Test
    void refusesACopyOutsideTheBase() throws Exception {
        assertEquals("reads outside the package it is based on", refused(forged(10, d -> copy(d, -1, 10)), 100));
        assertEquals("reads outside the package it is based on", refused(forged(10, d -> copy(d, BASE - 5, 10)), 100));
        assertEquals("reads outside the package it is based on", refused(forged(10, d -> copy(d, Long.MAX_VALUE, 10)), 100));
    }

    @Test
    void refusesNegativeZeroAndHugeLengths() throws Exception {
        String clause = "holds a length that is negative, zero or too large";
        assertEquals(clause, refused(forged(10, d -> copy(d, 0, -10)), 100));
        assertEquals(clause, refused(forged(10, d -> copy(d, 0, 0)), 100));
        assertEquals("would write more than the package's size", refused(forged(10, d -> copy(d, 0, Long.MAX_VALUE)), 100));
        assertEquals(clause, refused(forged(10, d -> {
            d.writeByte(PackageDelta.ADD);
            d.writeInt(-1);
        }), 100));
        assertEquals(clause, refused(forged(Integer.MAX_VALUE, d -> {
            d.writeByte(PackageDelta.ADD);
            d.writeInt(Integer.MAX_VALUE);
        }), Long.MAX_VALUE));
        assertEquals(clause, refused(forged(10, d -> added(d, 10, 0, 0, new byte[0])), 100)); // packed in 0 bytes
        assertEquals(clause, refused(forged(10, d -> added(d, 10, 0, 0, new byte[10])), 100)); // packed in no fewer than 10
        assertEquals(clause, refused(forged(10, d -> added(d, 10, 0, -1, new byte[5])), 100));
        assertEquals("would write more than the package's size", refused(forged(-1, d -> { }), 100));
    }

    @Test
    void refusesDeflatedBytesThatInflateBeyondOrShortOfTheirDeclaredLength() throws Exception {
        byte[] bomb = deflated(new byte[1 << 20]); // a megabyte of zeros in about a kilobyte
        assertEquals("holds deflated data that inflates beyond its declared length",
                refused(forged(bomb.length + 1, d -> added(d, bomb.length + 1, bomb)), 1 << 30));
        byte[] few = deflated(new byte[10]);
        assertEquals("holds deflated data that does not inflate to its declared length", refused(forged(100, d -> added(d, 100, few)), 100));
        byte[] cut = Arrays.copyOf(bomb, bomb.length / 2);
        assertEquals("holds deflated data that does not inflate to its declared length",
                refused(forged(1 << 20, d -> added(d, 1 << 20, cut)), 1 << 30));
        byte[] garbage = random(11, 50);
        garbage[0] = (byte) 0xff; // not a zlib header
        assertEquals("holds deflated data that does not inflate", refused(forged(100, d -> added(d, 100, garbage)), 100));
    }

    @Test
    void refusesADictionaryOutsideTheBaseOrNotTheOneDeflatedWith() throws Exception {
        byte[] text = "a line of a package's text\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        byte[] withDictionary = deflated(text, "a line".getBytes(StandardCharsets.UTF_8));
        int n = text.length;
        assertEquals("reads outside the package it is based on", refused(forged(n, d -> added(d, n, -1, 10, withDictionary)), n));
        assertEquals("reads outside the package it is based on", refused(forged(n, d -> added(d, n, BASE - 9, 10, withDictionary)), n));
        assertEquals("holds a length that is negative, zero or too large",
                refused(forged(n, d -> added(d, n, 0, PackageDelta.DICTIONARY + 1, withDictionary)), n));
        assertEquals("holds deflated data that does not inflate", refused(forged(n, d -> added(d, n, 0, 10, withDictionary)), n));
        assertEquals("holds deflated data that does not inflate", refused(forged(n, d -> added(d, n, 0, 0, withDictionary)), n));
    }

    @Test
    void refusesADeltaThatEndsEarlyOrGoesOnAfterItsEnd() throws Exception {
        byte[] whole = forged(10, d -> copy(d, 0, 10));
        assertEquals("ends early", refused(Arrays.copyOf(whole, whole.length - 1), 100));
        assertEquals("ends early", refused(Arrays.copyOf(whole, whole.length - 5), 100));
        assertEquals("ends early", refused(forged(20, d -> copy(d, 0, 10)), 100));
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertEquals("goes on after its end", refused(longer, 100));
    }

    private static final long BASE = 1000;

    private interface Ops {
        void write(DataOutputStream d) throws IOException;
    }

    /** A delta for a base of BASE bytes and a target of {@code size}: the operations given, then END. */
    private static byte[] forged(long size, Ops... ops) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.write(PackageDelta.MAGIC);
        d.writeLong(BASE);
        d.writeLong(size);
        for (Ops op : ops) {
            op.write(d);
        }
        d.writeByte(PackageDelta.END);
        return bytes.toByteArray();
    }

    private static void copy(DataOutputStream d, long from, long length) throws IOException {
        d.writeByte(PackageDelta.COPY);
        d.writeLong(from);
        d.writeLong(length);
    }

    private static void added(DataOutputStream d, int length, byte[] deflated) throws IOException {
        added(d, length, 0, 0, deflated);
    }

    private static void added(DataOutputStream d, int length, long dictionaryFrom, int dictionaryLength, byte[] deflated) throws IOException {
        d.writeByte(PackageDelta.ADD_DEFLATED);
        d.writeInt(length);
        d.writeLong(dictionaryFrom);
        d.writeInt(dictionaryLength);
        d.writeInt(deflated.length);
        d.write(deflated);
    }

    private static byte[] deflated(byte[] data) {
        return deflated(data, new byte[0]);
    }

    private static byte[] deflated(byte[] data, byte[] dictionary) {
        Deflater deflater = new Deflater();
        if (dictionary.length > 0) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private String refused(byte[] delta, long maxOutput) throws IOException {
        Path b = Files.write(dir.resolve("forged-base"), new byte[(int) BASE]);
        return assertThrows(PackageDelta.BadDelta.class,
                () -> PackageDelta.apply(b, new ByteArrayInputStream(delta), new ByteArrayOutputStream(), maxOutput)).getMessage();
    }

    private byte[] roundTrip(byte[] base, byte[] next) throws IOException {
        Path b = Files.write(dir.resolve("base"), base);
        Path t = Files.write(dir.resolve("next"), next);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        assertEquals(next.length, PackageDelta.encode(b, t, delta, Progress.NONE));
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        assertEquals(next.length, PackageDelta.apply(b, new ByteArrayInputStream(delta.toByteArray()), rebuilt, next.length));
        assertArrayEquals(next, rebuilt.toByteArray());
        return delta.toByteArray();
    }

    private static byte[] random(long seed, int n) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
