package odcm.persistence.release;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import odcm.persistence.jooq.tables.records.ReleaseRecord;

/**
 * The release heads one operation has checked, for the later transactions of that operation that read them again (bundle
 * create checks its release in both of its transactions, decision 0016). Each is kept with the columns and the snapshot
 * bytes its row hash was computed over, and only once that hash and its seal were found right. A later read of the same
 * row whose columns and snapshot bytes are these, byte for byte, has that same hash: its bytes are compared with these
 * instead of hashed again (SHA-256 costs 7.5 ms per MiB in the console's JVM, a comparison a fraction of it), and its hash
 * and seal are then checked as on every read. A row that differs in anything is hashed as before, so it is refused as
 * before, with the same sentence. It holds the snapshot's bytes (a megabyte at size; its sensitive values are sealed in
 * them): keep it for one operation only.
 */
public final class CheckedHeads {
    private final Map<Long, Checked> heads = new HashMap<>();

    /** A head's hashed columns, the snapshot's stored bytes and the hash found right over them. */
    record Checked(List<Object> columns, byte[] snapshot, String hash) {
    }

    /** The earlier check of this row, when every column its hash covers (and the hash itself) is as it was then; else null. */
    Checked earlier(ReleaseRecord r, int snapshotChars) {
        Checked c = heads.get(r.getId());
        return c != null && c.columns().equals(columns(r, snapshotChars)) ? c : null;
    }

    /** Keeps a head just checked: {@code hash} was computed over these columns and {@code snapshot}, and found right. */
    void put(ReleaseRecord r, int snapshotChars, byte[] snapshot, String hash) {
        heads.put(r.getId(), new Checked(columns(r, snapshotChars), snapshot, hash));
    }

    private static List<Object> columns(ReleaseRecord r, int snapshotChars) {
        // The hash's own input (JooqReleaseRepository.hashed, the list it is computed from), the snapshot's length and the
        // hash stored: the same of all these and the same bytes are the same input, so the same hash, as a plain read's.
        return Arrays.asList(JooqReleaseRepository.hashed(r), snapshotChars, r.getSnapshotHash());
    }
}
