package odcm.persistence;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import odcm.model.Refusal;
import odcm.model.audit.AuditVerification;
import odcm.persistence.jooq.DefaultSchema;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Copies a whole store into a new one, H2 to a team store or back (docs/decisions/0035): every row of every table, in
 * the order their foreign keys need, in one transaction on the target, which must be empty. The copy keeps the store's
 * identity, so the same master key opens it and every seal and audit MAC stays valid; its audit log is verified on the
 * copy before the copy is said to be done, and the copy's first entry after them records where it came from.
 */
public final class StoreCopy {
    /** Rows sent to the target per batch: a release's snapshot can be a megabyte. */
    private static final int BATCH = 50;

    /** What was copied. */
    public record Copied(String target, int tables, long rows, int auditEntries) {
        public String sentence() {
            return "Copied the store into " + target + ": " + rows + " rows of " + tables + " tables; its " + auditEntries
                    + " audit entries were verified on the copy.";
        }
    }

    private StoreCopy() {
    }

    public static Copied copy(Store source, StoreLocation target) {
        source.keyVault(); // without the master key the copy's audit log could not be verified: refused with the key's sentence
        if (target.describe().equals(source.location().describe())) {
            throw new Refusal("A store cannot be copied onto itself; name another folder or team store with --to.");
        }
        if (!target.onServer() && Files.exists(target.databaseFile())) {
            throw new Refusal("The folder " + target.storeDir() + " already holds a store; copy into a new folder, or an empty database.");
        }
        try {
            return copyInto(source, target);
        } catch (RuntimeException e) {
            if (!target.onServer()) { // no half-made store file left behind; a team store's transaction left nothing
                try {
                    Files.deleteIfExists(target.databaseFile());
                } catch (java.io.IOException ignored) {
                    // said by the next open of that folder, which finds no store identity in it
                }
            }
            throw e;
        }
    }

    private static Copied copyInto(Store source, StoreLocation target) {
        List<Table<?>> tables = inForeignKeyOrder(DefaultSchema.DEFAULT_SCHEMA.getTables());
        long rows = 0;
        DSLContext into;
        try {
            into = Store.prepared(target);
        } catch (SQLException e) {
            throw new Refusal("The store " + target.describe() + " could not be reached to copy into: " + e.getMessage(), e);
        }
        try (Connection c = into.configuration().connectionProvider().acquire()) { // the target's one connection, closed when done
            long[] copied = {0};
            odcm.model.audit.AuditHead[] end = {null};
            into.transaction(cfg -> {
                DSLContext tx = cfg.dsl();
                for (Table<?> t : tables) {
                    if (tx.fetchExists(t)) {
                        throw new Refusal("The store " + target.describe() + " is not empty (its table " + t.getName().toLowerCase(java.util.Locale.ROOT)
                                + " has rows); a store is copied only into an empty database or a new folder. Nothing was copied.");
                    }
                }
                copied[0] = source.readTables((stx, from) -> {
                    // The copy starts a new audit head at the source's end: a source cut back before its head (or not
                    // checkable to it) would be laundered into a copy that verifies, and one that seals what the cut
                    // removed the record of (0034). Checked in the same locked view as the rows copied.
                    AuditVerification log = stx.audit().verify();
                    if (!(log instanceof AuditVerification.Intact)) {
                        throw new Refusal("The store " + source.location().describe() + " is not copied: its audit log does not verify"
                                + " to its head. " + log.sentence() + " Nothing was copied.");
                    }
                    long last = stx.audit().lastSeq();
                    end[0] = last == 0 ? null : odcm.model.audit.AuditHead.of(stx.audit().after(last - 1, 1).get(0));
                    long n = 0;
                    for (Table<?> t : tables) {
                        n += copyTable(from, t, tx);
                        restartIdentity(tx, t);
                    }
                    return n;
                });
            });
            rows = copied[0];
            if (end[0] != null) {
                source.startAuditHeadOf(target, end[0]); // the copy's head, from the source's verified end (decision 0044)
            }
        } catch (SQLException e) {
            throw new Refusal("The store could not be copied into " + target.describe() + ": " + e.getMessage(), e);
        }
        return new Copied(target.describe(), tables.size(), rows, verified(source, target, rows));
    }

    private static long copyTable(DSLContext from, Table<?> t, DSLContext into) {
        {
            long n = 0;
            try (Cursor<? extends Record> cursor = from.selectFrom(t).fetchLazy()) {
                List<TableRecord<?>> batch = new ArrayList<>(BATCH);
                for (Record r : cursor) {
                    TableRecord<?> copy = (TableRecord<?>) into.newRecord(t);
                    copy.from(r);
                    copy.changed(true);
                    batch.add(copy);
                    if (batch.size() == BATCH) {
                        into.batchInsert(batch).execute();
                        n += batch.size();
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    into.batchInsert(batch).execute();
                    n += batch.size();
                }
            }
            return n;
        }
    }

    /** The next id a table hands out follows the copied ones. */
    private static void restartIdentity(DSLContext into, Table<?> t) {
        if (t.getIdentity() == null) {
            return;
        }
        String table = t.getName().toLowerCase(java.util.Locale.ROOT);
        String column = t.getIdentity().getField().getName().toLowerCase(java.util.Locale.ROOT);
        Long max = into.fetchOne("SELECT MAX(" + column + ") FROM " + table).get(0, Long.class);
        if (into.dialect() == SQLDialect.POSTGRES) {
            into.fetch("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), " + (max == null ? 1 : max) + ", "
                    + (max != null) + ")");
        } else if (max != null) {
            into.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + (max + 1));
        }
    }

    /**
     * Opens the copy as a store, records there where it came from (which starts its audit head on this machine), then
     * checks its whole audit log with the master key: every entry's MAC and link, and its end. Refused, saying so, when it
     * does not verify: the copy is then not to be used.
     */
    private static int verified(Store source, StoreLocation target, long rows) {
        StoreLocation at = new StoreLocation(target.storeDir(), source.location().keyDir(), target.server());
        try (Store copy = Store.open(at, source.clock(), source.osUser())) {
            copy.write(tx -> tx.audit().append("store.copied-in", target.describe(), "a copy of the store " + source.location().describe()
                    + " (" + rows + " rows), made with odcm store copy"));
            AuditVerification v = copy.read(tx -> tx.audit().verify());
            if (!(v instanceof AuditVerification.Intact intact)) {
                throw new Refusal("The copy in " + target.describe() + " does not verify: " + v.sentence() + " Do not use it.");
            }
            return intact.entries();
        }
    }

    /** Tables before the tables whose foreign keys name them. */
    static List<Table<?>> inForeignKeyOrder(List<Table<?>> all) {
        Set<Table<?>> ordered = new LinkedHashSet<>();
        while (ordered.size() < all.size()) {
            int before = ordered.size();
            for (Table<?> t : all) {
                if (!ordered.contains(t) && t.getReferences().stream().map(ForeignKey::getKey).map(k -> k.getTable())
                        .allMatch(ref -> ref.equals(t) || ordered.contains(ref))) {
                    ordered.add(t);
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("foreign keys in a cycle among " + all);
            }
        }
        return List.copyOf(ordered);
    }
}
