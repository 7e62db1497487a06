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
