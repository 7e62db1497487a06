package odcm.persistence.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.CharBuffer;
import java.util.Random;
import odcm.persistence.jooq.tables.records.ReleaseRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3: a release's row hash is made on insert from the snapshot's text in its buffer, its UTF-8 fed to the
 * digest a chunk at a time; it must be the hash every read checks (from the text as a string), for any text.
 */
class ReleaseHashTest {
    @Test
    void theHashOfTheTextInItsBufferIsTheHashOfTheRow() {
        Random random = new Random(5);
        String[] pieces = {"a", "{\"x\":1}", "é", "€", "𝄞", "\uD834", "\uDD1E", "\n", "日本語", "\u0000"};
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int n = round % 20 == 0 ? 40_000 : random.nextInt(40); // some past the 8 Ki-char chunk, a chunk's end in any character
            for (int i = 0; i < n; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            ReleaseRecord r = row(round);
            r.setSnapshotJson(text);
            assertEquals(JooqReleaseRepository.hash(r), JooqReleaseRepository.hash(r, CharBuffer.wrap(text)), "text of " + text.length() + " chars");
            assertEquals(JooqReleaseRepository.hash(r), JooqReleaseRepository.hash(r, CharBuffer.wrap(text.toCharArray()).asReadOnlyBuffer()),
                    "the snapshot writer's read-only buffer");
        }
    }

    /**
     * A head read again in one operation ({@link CheckedHeads}) compares its bytes, chunk by chunk, with those hashed before:
     * equal only when they are, byte for byte; otherwise the digest gets the content whole, as if it had been hashed from the
     * start (an altered row gets the hash, hence the sentence, that any read gives it).
     */
    @Test
    void contentComparedWithTheBytesHashedBeforeIsDigestedWholeWhenItDiffers() throws Exception {
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            byte[] kept = new byte[random.nextInt(3) == 0 ? random.nextInt(5) : random.nextInt(300_000)];
            random.nextBytes(kept);
            byte[] content = switch (round % 5) {
                case 0 -> kept.clone();
                case 1 -> java.util.Arrays.copyOf(kept, Math.max(0, kept.length - 1 - random.nextInt(70_000))); // a prefix
                case 2 -> java.util.Arrays.copyOf(kept, kept.length + 1 + random.nextInt(70_000)); // longer
                default -> {
                    byte[] c = kept.clone();
                    if (c.length > 0) {
                        c[random.nextInt(c.length)] ^= (byte) (1 + random.nextInt(255)); // one byte changed, anywhere
                    }
                    yield c;
                }
            };
            int chunk = 1 + random.nextInt(70_000);
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            boolean same = JooqReleaseRepository.sameOrDigest(chunks -> {
                byte[] buffer = new byte[chunk]; // reused, as the stream's chunk is
                for (int at = 0; at < content.length; at += chunk) {
                    int n = Math.min(chunk, content.length - at);
                    System.arraycopy(content, at, buffer, 0, n);
                    chunks.accept(buffer, n);
                }
            }, kept, d);
            assertEquals(java.util.Arrays.equals(kept, content), same, "round " + round);
            if (!same) {
                assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content)),
                        java.util.HexFormat.of().formatHex(d.digest()), "round " + round);
            }
        }
    }

    @Test
    void aSurrogatePairOrALoneOneAcrossAChunksEndHashesAsAStringEncodesIt() {
        for (int before = 8 * 1024 - 3; before <= 2 * 8 * 1024 + 1; before += before == 8 * 1024 + 1 ? 8 * 1024 - 4 : 1) {
            for (String tail : new String[] {"𝄞", "\uD834", "\uDD1E", "\uD834x", "𝄞€"}) {
                String text = "a".repeat(before) + tail;
                ReleaseRecord r = row(before);
                r.setSnapshotJson(text);
                assertEquals(JooqReleaseRepository.hash(r), JooqReleaseRepository.hash(r, CharBuffer.wrap(text.toCharArray()).asReadOnlyBuffer()),
                        before + " chars, then " + tail.length());
            }
        }
    }

    @Test
    void aLoneSurrogateAtTheEndHashesAsAStringEncodesIt() {
        for (String text : new String[] {"", "\uD834", "x\uD834", "\uDD1E\uD834", "𝄞"}) {
            ReleaseRecord r = row(2);
            r.setSnapshotJson(text);
            assertEquals(JooqReleaseRepository.hash(r), JooqReleaseRepository.hash(r, CharBuffer.wrap(text)));
        }
    }

    /**
     * The columns {@link CheckedHeads} compares are those the row hash covers (the review's note of 2026-12-06: a column
     * hashed but not compared would let a row altered in it alone take the kept hash): every column of the row, changed
     * alone, that changes the hash is one the memo misses on.
     */
    @Test
    void everyColumnTheHashCoversIsOneTheMemoCompares() {
        ReleaseRecord r = row(0);
        r.setId(1L);
        r.setSnapshotJson("{\"variables\":[]}");
        r.setSnapshotHash(JooqReleaseRepository.hash(r));
        int chars = r.getSnapshotJson().length();
        CheckedHeads checked = new CheckedHeads();
        checked.put(r, chars, r.getSnapshotJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), r.getSnapshotHash());
        assertEquals(r.getSnapshotHash(), checked.earlier(r, chars).hash(), "the same row: the kept hash");
        int hashed = 0;
        for (org.jooq.Field<?> field : r.fields()) {
            if (field.getName().equalsIgnoreCase("snapshot_json") || field.getName().equalsIgnoreCase("snapshot_hash")) {
                continue; // the bytes are compared apart; the hash stored is compared, not hashed
            }
            ReleaseRecord changed = r.copy();
            changed.setId(r.getId());
            changed.setSnapshotHash(r.getSnapshotHash());
            set(changed, field, r.get(field));
            if (!JooqReleaseRepository.hash(changed).equals(r.getSnapshotHash())) {
                hashed++;
                org.junit.jupiter.api.Assertions.assertNull(checked.earlier(changed, chars), field.getName() + " is hashed, so compared");
            }
        }
        assertEquals(7, hashed, "project, version, version key, notes, channel, creation time, revision");
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(ReleaseRecord r, org.jooq.Field<T> field, Object value) {
        Object other;
        if (value instanceof Long l) {
            other = l + 1;
        } else if (value instanceof Integer i) {
            other = i + 1;
        } else if (value instanceof String t) {
            other = t + "x";
        } else if (value instanceof java.time.OffsetDateTime t) {
            other = t.plusSeconds(1);
        } else if (value == null) {
            other = field.getType() == String.class ? "x" : field.getType() == Integer.class ? (Object) 2 : (Object) 3L;
        } else {
            throw new AssertionError("a column of type " + value.getClass() + ": give it a changed value here");
        }
        r.set(field, (T) other);
    }

    private static ReleaseRecord row(int revision) {
        ReleaseRecord r = new ReleaseRecord();
        r.setProjectId(7L);
        r.setVersion("1.2." + revision);
        r.setVersionKey("1.2." + revision);
        r.setNotes("notes é");
        r.setChannel("Default");
        r.setCreatedAt(java.time.OffsetDateTime.of(2026, 12, 5, 1, 0, 0, 0, java.time.ZoneOffset.UTC));
        r.setRevision(revision % 3 + 1);
        return r;
    }
}
