package odcm.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import odcm.model.Refusal;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * The keyed seals of the rows a signature's verification rests on: trusts and the certificates of spaces (decision 0038).
 * A seal is HMAC-SHA256, under a key derived from the master key, over the store's id, the table's name and every column
 * of the row in table order but the seal itself, each column in one canonical form (null apart from every value; numbers
 * decimal; text as it is; bytes hex; instants ISO-8601 UTC), the fields length-prefixed. The repositories seal each row in
 * the transaction that writes it and check it on every read with the master key; without the key nothing can be written,
 * and nothing is checked (as for releases, decision 0034).
 */
public final class RowSeals {
    private static final String SEAL = "SEAL";
    /**
     * The tables of decision 0039 (V16): what a space accepted (stops a replay), reserved (no sequence number twice),
     * decided (approvals) and did (deployments, its own and those reported to it).
     */
    public static final List<Table<?>> RECORDS = List.of(odcm.persistence.jooq.Tables.BUNDLE_ACCEPTED,
            odcm.persistence.jooq.Tables.RECEIPT_ACCEPTED, odcm.persistence.jooq.Tables.SEQUENCE_RESERVED,
            odcm.persistence.jooq.Tables.APPROVAL_DECISION, odcm.persistence.jooq.Tables.DEPLOYMENT,
            odcm.persistence.jooq.Tables.REMOTE_DEPLOYMENT);
    private final Store store;
    private boolean freshChecked;
    /** Whether {@link #fresh} checks at all (not while the rows of a set found not fresh are checked one by one). */
    boolean fresh = true;

    RowSeals(Store store) {
        this.store = store;
    }

    /** Whether seals can be made and checked here (the master key is present and right). */
    public boolean available() {
        return store.rowSealKeyPresent();
    }

    /**
     * Seals row {@code id} of {@code table} as it now is in this transaction: called by the repository after each insert
     * or update of it, once the row has been checked where it existed before. Refuses, with the master key's sentence,
     * without the key.
     */
    public <R extends TableRecord<R>> void seal(DSLContext dsl, Table<R> table, TableField<R, Long> id, long rowId) {
        R row = dsl.selectFrom(table).where(id.eq(rowId)).fetchSingle();
        @SuppressWarnings("unchecked")
        Field<String> seal = (Field<String>) table.field(SEAL);
        dsl.update(table).set(seal, of(row)).where(id.eq(rowId)).execute();
        if (RowFreshness.covers(table)) {
            store.rowsChanged();
        }
    }

    /**
     * Refuses, once per transaction, trusts and certificates that are not the ones the audit log records last: an earlier
     * sealed state of a row put back fits its seal, but not the log (decision 0038, "Freshness"). Called by the two
     * repositories after the rows of a read passed {@link #check}.
     */
    public void fresh(DSLContext dsl) {
        if (fresh && !freshChecked) {
            store.checkRowsFresh(dsl);
            freshChecked = true;
        }
    }

    /** A trust or certificate row was deleted in this transaction: its state is recorded before the commit. */
    public void changed() {
        store.rowsChanged();
    }

    /**
     * Refuses {@code row} (every column of its table, the seal included) when the master key is at hand and it has no seal
     * or one that does not fit; {@code what} names it for the sentence ("The trust ('A' accepts … from 'B')").
     */
    public void check(TableRecord<?> row, Supplier<String> what) {
        if (!available()) {
            return;
        }
        String seal = (String) row.get(SEAL);
        if (seal == null) {
            throw new Refusal(what.get() + " has no seal: it was not made by ODCM Console (put into the store outside it, or its seal"
                    + " removed), so it is not used. " + (store.recordsUnsealedOnServer(row.getTable())
                    ? "This team store was made before what it accepted, reserved, approved and deployed was sealed (decision 0039),"
                    + " and a team store is never sealed in place; a key holder can seal it as for trusts: copy it into a store file"
                    + " with the master key (store copy), open that once, and copy it back into a new database; the sealing takes the"
                    + " rows as they are, so check its deployments and approvals against its audit log (audit list) first."
                    : store.rowsUnsealedOnServer()
                    ? "This team store was made before trusts and certificates were sealed, and a team store is never sealed in"
                    + " place (any member's login could have added a row). A key holder who has checked every trust and remote"
                    + " certificate in it (trust list --all, remote list: each fingerprint with its owner) can seal them: copy it"
                    + " into a store file with the master key (store copy), open that once, and copy it back into a new database;"
                    + " the sealing takes the rows as they are (decision 0038)."
                    : "Remove it, or restore the store from a backup."));
        }
        if (!MessageDigest.isEqual(seal.getBytes(StandardCharsets.US_ASCII), of(row).getBytes(StandardCharsets.US_ASCII))) {
            throw new Refusal(what.get() + " does not match its seal: it was changed outside ODCM Console, so it is not used."
                    + " Restore the store from a backup.");
        }
    }

    /** Seals every row of {@code table} without one (the one sealing of rows made before V15); how many. */
    <R extends TableRecord<R>> int sealUnsealed(DSLContext dsl, Table<R> table, TableField<R, Long> id) {
        @SuppressWarnings("unchecked")
        Field<String> seal = (Field<String>) table.field(SEAL);
        List<Long> ids = dsl.select(id).from(table).where(seal.isNull()).orderBy(id).fetch(id);
        ids.forEach(rowId -> seal(dsl, table, id, rowId));
        return ids.size();
    }

    /**
     * Seals every row of {@code table} matching {@code where} as it now is in this transaction: for the tables keyed by more
     * than one column (decision 0039); as {@link #seal(DSLContext, Table, TableField, long)} otherwise. How many.
     */
    public <R extends TableRecord<R>> int seal(DSLContext dsl, Table<R> table, org.jooq.Condition where) {
        @SuppressWarnings("unchecked")
        Field<String> seal = (Field<String>) table.field(SEAL);
        List<R> rows = dsl.selectFrom(table).where(where).fetch();
        for (R row : rows) {
            org.jooq.Condition key = org.jooq.impl.DSL.noCondition();
            for (TableField<R, ?> f : table.getPrimaryKey().getFields()) {
                key = key.and(same(f, row));
            }
            dsl.update(table).set(seal, of(row)).where(key).execute();
        }
        return rows.size();
    }

    /** The name of space {@code id} in quotes, for the sentence of a row refused (read only then). */
    public static String spaceName(DSLContext dsl, long id) {
        String name = dsl.select(odcm.persistence.jooq.Tables.SPACE.NAME).from(odcm.persistence.jooq.Tables.SPACE)
                .where(odcm.persistence.jooq.Tables.SPACE.ID.eq(id)).fetchOne(odcm.persistence.jooq.Tables.SPACE.NAME);
        return name == null ? "space #" + id : "'" + name + "'";
    }

    private static <R extends Record, T> org.jooq.Condition same(TableField<R, T> f, R row) {
        return f.eq(row.get(f));
    }

    /** Seals every row of {@code table} without one, whatever its key (the one sealing of rows made before V16); how many. */
    <R extends TableRecord<R>> int sealUnsealed(DSLContext dsl, Table<R> table) {
        return seal(dsl, table, table.field(SEAL).isNull());
    }

    private String of(Record row) {
        List<String> fields = new ArrayList<>();
        fields.add("odcm-row-seal-v1");
        fields.add(store.storeId());
        fields.add(((TableRecord<?>) row).getTable().getName().toLowerCase(java.util.Locale.ROOT));
        for (Field<?> f : ((TableRecord<?>) row).getTable().fields()) {
            if (!f.getName().equalsIgnoreCase(SEAL)) {
                fields.add(canonical(row.get(f)));
            }
        }
        return store.rowSeal(fields.toArray(String[]::new));
    }

    /** One column's canonical form: "-" for null, "=" and the value otherwise, so no value reads as null. */
    static String canonical(Object v) {
        if (v == null) {
            return "-";
        }
        Object x = v instanceof OffsetDateTime t ? t.toInstant().toString()
                : v instanceof byte[] b ? HexFormat.of().formatHex(b)
                : v;
        return "=" + x;
    }
}
