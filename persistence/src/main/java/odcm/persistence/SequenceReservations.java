package odcm.persistence;

import static odcm.persistence.jooq.Tables.SEQUENCE_RESERVED;

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

    /** The next number after {@code recorded} (the highest in the Outbox, 0 if none) and every reserved one. Reads only. */
    public static long next(DSLContext dsl, String kind, long spaceId, long toSpaceId, long recorded) {
        Long reserved = dsl.select(SEQUENCE_RESERVED.LAST_RESERVED).from(SEQUENCE_RESERVED).where(pair(kind, spaceId, toSpaceId))
                .fetchOne(SEQUENCE_RESERVED.LAST_RESERVED);
        return Math.max(recorded, reserved == null ? 0 : reserved) + 1;
    }

    /** Hands out {@link #next} and records it as reserved (in the caller's transaction). */
    public static long reserve(DSLContext dsl, String kind, long spaceId, long toSpaceId, long recorded) {
        long next = next(dsl, kind, spaceId, toSpaceId, recorded);
        if (dsl.update(SEQUENCE_RESERVED).set(SEQUENCE_RESERVED.LAST_RESERVED, next).where(pair(kind, spaceId, toSpaceId)).execute() == 0) {
            dsl.insertInto(SEQUENCE_RESERVED, SEQUENCE_RESERVED.KIND, SEQUENCE_RESERVED.SPACE_ID, SEQUENCE_RESERVED.TO_SPACE_ID,
                    SEQUENCE_RESERVED.LAST_RESERVED).values(kind, spaceId, toSpaceId, next).execute();
        }
        return next;
    }

    private static Condition pair(String kind, long spaceId, long toSpaceId) {
        return SEQUENCE_RESERVED.KIND.eq(kind).and(SEQUENCE_RESERVED.SPACE_ID.eq(spaceId)).and(SEQUENCE_RESERVED.TO_SPACE_ID.eq(toSpaceId));
    }
}
