package odcm.persistence.release;

import java.util.Arrays;
import java.util.List;
import odcm.persistence.jooq.tables.records.ReleaseRecord;

/**
 * The release head one operation has checked, for the later transactions of that operation that read it again (bundle
 * create checks its release in both of its transactions, decision 0016). It is kept with the columns and the snapshot
 * bytes its row hash was computed over, and only once that hash and its seal were found right. A later read of the same
 * row whose columns and snapshot bytes are these, byte for byte, has that same hash: its bytes are compared with these
 * instead of hashed again (SHA-256 costs 7.5 ms per MiB in the console's JVM, a comparison a fraction of it), and its hash
 * and seal are then checked as on every read. A row that differs in anything is hashed as before, so it is refused as
 * before, with the same sentence.
 *
 * <p>It holds one head, the last checked (an operation checks one release), and a snapshot's bytes only up to
 * {@link #keptAtMost()}: a larger one (no genuine release: a bundle's parts are at most 24 MiB expanded) is hashed as it
 * streams, as without a memo, and nothing is kept, so the next read hashes it again. It holds a megabyte at size (the
 * snapshot's sensitive values sealed in it): open it for one operation, in a try-with-resources that {@link #close() clears}
 * it. Not for sharing across threads: one operation's thread only (it is not synchronised).
 */
public final class CheckedHeads implements AutoCloseable {
    /** The system property a test sets to a small cap on the bytes kept (as {@code odcm.test.pauseAt} pauses an import). */
    static final String CAP_PROPERTY = "odcm.test.checkedHeadsBytes";
    private static final long CAP = 64L * 1024 * 1024;

    private Checked head;

    /** A head's id, its hashed columns, the snapshot's stored bytes and the hash found right over them. */
    record Checked(long id, List<Object> columns, byte[] snapshot, String hash) {
    }

    /** The most snapshot bytes kept: 64 MiB (above what a bundle may carry, 24 MiB), or what a test sets. */
    static long keptAtMost() {
        return Long.getLong(CAP_PROPERTY, CAP);
    }

    /** The earlier check of this row, when every column its hash covers (and the hash itself) is as it was then; else null. */
    Checked earlier(ReleaseRecord r, int snapshotChars) {
        Checked c = head;
        return c != null && c.id() == r.getId() && c.columns().equals(columns(r, snapshotChars)) ? c : null;
    }

    /**
     * Keeps a head just checked, in place of any other: {@code hash} was computed over these columns and {@code snapshot},
     * and found right. A snapshot above {@link #keptAtMost()} is never handed here.
     */
    void put(ReleaseRecord r, int snapshotChars, byte[] snapshot, String hash) {
        if (snapshot.length > keptAtMost()) {
            throw new IllegalArgumentException("a snapshot above the cap is hashed as it streams, not kept");
        }
        head = new Checked(r.getId(), columns(r, snapshotChars), snapshot, hash);
    }

    /** Forgets the head kept: the end of the operation. */
    @Override
    public void close() {
        head = null;
    }

    private static List<Object> columns(ReleaseRecord r, int snapshotChars) {
        // The hash's own input (JooqReleaseRepository.hashed, the list it is computed from), the snapshot's length and the
        // hash stored: the same of all these and the same bytes are the same input, so the same hash, as a plain read's.
        return Arrays.asList(JooqReleaseRepository.hashed(r), snapshotChars, r.getSnapshotHash());
    }
}
