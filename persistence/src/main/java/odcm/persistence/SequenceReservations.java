package odcm.persistence;

import static odcm.persistence.jooq.Tables.SEQUENCE_RESERVED;

import odcm.persistence.jooq.tables.records.SequenceReservedRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The sequence numbers a space handed out for the signed files of one kind ("BUNDLE", "RECEIPT") it writes for another
 * space: the next number is above both the highest recorded in its Outbox and the highest ever reserved, and reserving it
 * records it, so no number is handed out twice even when its file was never recorded.
 */
public final class SequenceReservations {
    private SequenceReservations() {
    }

    /**
     * The next number after {@code recorded} (the highest in the Outbox, 0 if none) and every reserved one. Reads only; the
     * reservation is refused when its keyed seal does not verify (decision 0039: lowered by hand, a number would be reused).
     */
    public static long next(DSLContext dsl, RowSeals seals, String kind, long spaceId, long toSpaceId, long recorded) {
        return next(dsl, seals, kind, spaceId, toSpaceId, recorded, false);
    }

    private static long next(DSLContext dsl, RowSeals seals, String kind, long spaceId, long toSpaceId, long recorded, boolean lock) {
        var query = dsl.selectFrom(SEQUENCE_RESERVED).where(pair(kind, spaceId, toSpaceId));
        SequenceReservedRecord row = lock ? query.forUpdate().fetchOne() : query.fetchOne(); // locked before it is checked (0038)
        if (row != null) {
            seals.check(row, () -> "The reservation of " + kind.toLowerCase(java.util.Locale.ROOT) + " sequence numbers up to "
                    + row.getLastReserved() + " by " + RowSeals.spaceName(dsl, spaceId) + " for " + RowSeals.spaceName(dsl, toSpaceId));
        }
        return Math.max(recorded, row == null ? 0 : row.getLastReserved()) + 1;
    }

    /** Hands out {@link #next} and records it as reserved, sealed (in the caller's transaction). */
    public static long reserve(DSLContext dsl, RowSeals seals, String kind, long spaceId, long toSpaceId, long recorded) {
        long next = next(dsl, seals, kind, spaceId, toSpaceId, recorded, true);
        if (dsl.update(SEQUENCE_RESERVED).set(SEQUENCE_RESERVED.LAST_RESERVED, next).where(pair(kind, spaceId, toSpaceId)).execute() == 0) {
            dsl.insertInto(SEQUENCE_RESERVED, SEQUENCE_RESERVED.KIND, SEQUENCE_RESERVED.SPACE_ID, SEQUENCE_RESERVED.TO_SPACE_ID,
                    SEQUENCE_RESERVED.LAST_RESERVED).values(kind, spaceId, toSpaceId, next).execute();
        }
        seals.seal(dsl, SEQUENCE_RESERVED, pair(kind, spaceId, toSpaceId));
        return next;
    }

    private static Condition pair(String kind, long spaceId, long toSpaceId) {
        return SEQUENCE_RESERVED.KIND.eq(kind).and(SEQUENCE_RESERVED.SPACE_ID.eq(spaceId)).and(SEQUENCE_RESERVED.TO_SPACE_ID.eq(toSpaceId));
    }
}
