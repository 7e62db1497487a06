package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3: large columns read at their size ({@link Lobs#BYTES}) are the same bytes jOOQ's own binding reads, for
 * BLOBs and a CLOB's UTF-8, without its growing buffer; streamed into a digest ({@link Lobs#STREAMED}), the same bytes with
 * no array of their size.
 */
class LobsTest {
    private static final Field<byte[]> BIN = DSL.field(DSL.name("BIN"), SQLDataType.BLOB);
    private static final Field<String> TEXT = DSL.field(DSL.name("TEXT"), SQLDataType.CLOB);

    /** Bytes this thread allocates running {@code read}, after a first run (classes loaded, caches filled). */
    private static long allocated(Runnable read) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        read.run();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        read.run();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    @Test
    void aBlobAndAClobsUtf8AreReadWholeAtTheirSize() throws Exception {
        byte[] bin = new byte[1_300_001];
        new Random(7).nextBytes(bin);
        // One to four UTF-8 bytes a character, past H2's in-row limit.
        String text = "ascii é € 𝄞 ".repeat(60_000);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:lobs-" + System.nanoTime(), "sa", "")) {
            DSLContext dsl = DSL.using(c, SQLDialect.H2);
            dsl.execute("CREATE TABLE t (id INT PRIMARY KEY, bin BLOB, text CLOB)");
            dsl.insertInto(DSL.table(DSL.name("T"))).columns(DSL.field(DSL.name("ID"), Integer.class), BIN, TEXT).values(1, bin, text)
                    .values(2, null, null).execute();
            var row = dsl.select(BIN.coerce(Lobs.BYTES), TEXT.coerce(Lobs.BYTES), BIN).from(DSL.table(DSL.name("T")))
                    .where(DSL.field(DSL.name("ID")).eq(1)).fetchSingle();
            assertArrayEquals(bin, row.value1());
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), row.value2());
            assertArrayEquals(row.value3(), row.value1(), "the same bytes as jOOQ's own binding reads");
            // What a read allocates (not a time): jOOQ's binding grows a buffer from 32 bytes, copying as it goes.
            long plain = allocated(() -> dsl.select(BIN).from(DSL.table(DSL.name("T"))).where(DSL.field(DSL.name("ID")).eq(1)).fetchSingle());
            long sized = allocated(() -> dsl.select(BIN.coerce(Lobs.BYTES)).from(DSL.table(DSL.name("T"))).where(DSL.field(DSL.name("ID")).eq(1))
                    .fetchSingle());
            assertTrue(plain > 3 * bin.length, "jOOQ's own binding: " + plain);
            assertTrue(sized < 3 * bin.length / 2, "read at its size: " + sized + " bytes allocated for " + bin.length);
            var empty = dsl.select(BIN.coerce(Lobs.BYTES), TEXT.coerce(Lobs.BYTES), BIN.coerce(Lobs.STREAMED)).from(DSL.table(DSL.name("T")))
                    .where(DSL.field(DSL.name("ID")).eq(2)).fetchSingle();
            assertNull(empty.value1());
            assertNull(empty.value2());
            assertNull(empty.value3());
            // Streamed into a digest within the row's mapping (as a release head is hashed): the same digest as of the bytes,
            // with no array of their size.
            java.security.MessageDigest expected = java.security.MessageDigest.getInstance("SHA-256");
            expected.update(bin);
            expected.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] sha256 = expected.digest();
            Runnable digested = () -> assertArrayEquals(sha256, dsl.select(BIN.coerce(Lobs.STREAMED), TEXT.coerce(Lobs.STREAMED))
                    .from(DSL.table(DSL.name("T"))).where(DSL.field(DSL.name("ID")).eq(1)).fetch(r -> {
                        try {
                            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
                            r.value1().digest(d);
                            r.value2().digest(d);
                            return d.digest();
                        } catch (java.security.NoSuchAlgorithmException e) {
                            throw new IllegalStateException(e);
                        }
                    }).get(0));
            long streamed = allocated(digested);
            assertTrue(streamed < bin.length / 2, "streamed: " + streamed + " bytes allocated for " + bin.length);
        }
    }
}
