package odcm.persistence.audit;

import static odcm.persistence.jooq.Tables.AUDIT_EVENT;

import java.time.Clock;
import java.util.List;
import odcm.model.audit.AuditChain;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditKey;
import odcm.model.audit.AuditText;
import odcm.model.audit.AuditVerification;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.AuditEventRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The audit log in jOOQ. Only inserts: there is deliberately no way to change or remove an entry here.
 * Entries are MACed with the store's audit key ({@link AuditSeal}), which is not in the database.
 * The store serializes writes, so "last entry + 1" cannot race.
 */
public final class JooqAuditLog implements AuditLog {
    private final DSLContext dsl;
    private final Clock clock;
    private final String osUser;
    private final AuditSeal seal;
    private final java.util.function.LongFunction<String> ending;
    /**
     * The log's verification already made in this transaction (one JooqAuditLog per transaction), until it appends: the
     * approval gate asks it for its decisions and for the space's separation of duties (decision 0043), each a whole-log read.
     */
    private AuditVerification verified;

    /** {@code osUser}: the person the store's entries name (see {@link odcm.persistence.Store#person()}). */
    public JooqAuditLog(DSLContext dsl, Clock clock, String osUser, AuditSeal seal) {
        this(dsl, clock, osUser, seal, seq -> "");
    }

    /**
     * @param ending what the store adds to the end of entry {@code seq}'s detail (the state of trusts and certificates after a
     *               change of them, decision 0038 "Freshness"), or ""
     */
    public JooqAuditLog(DSLContext dsl, Clock clock, String osUser, AuditSeal seal, java.util.function.LongFunction<String> ending) {
        this.dsl = dsl;
        this.clock = clock;
        this.osUser = osUser;
        this.seal = seal;
        this.ending = ending;
    }

    @Override
    public AuditEntry append(String action, String subject, String detail) {
        AuditKey key = seal.keyForAppend(); // refuses without the master key: an entry nobody can verify is no record
        AuditEventRecord last = dsl.selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQ.desc()).limit(1).fetchOne();
        seal.beforeAppend(last == null ? null : entry(last));
        long seq = last == null ? 1 : last.getSeq() + 1;
        String prev = last == null ? AuditChain.GENESIS : last.getHash();
        String end = ending.apply(seq);
        // Millisecond precision: the hash covers the instant, so it must read back exactly as written.
        // Bounded as the columns are: no change is ever refused for the length of its words (what is kept is what is chained).
        AuditEntry e = AuditChain.seal(key, seq, prev, StoreTime.now(clock), osUser, action, AuditText.bounded(nullToEmpty(subject),
                AuditText.MAX_SUBJECT), AuditText.bounded(nullToEmpty(detail), AuditText.MAX_DETAIL - end.length()) + end);
        AuditEventRecord r = dsl.newRecord(AUDIT_EVENT);
        r.setSeq(e.seq());
        r.setAt(StoreTime.column(e.at()));
        r.setOsUser(e.osUser());
        r.setAction(e.action());
        r.setSubject(e.subject());
        r.setDetail(e.detail());
        r.setPrevHash(e.prevHash());
        r.setHash(e.hash());
        r.insert();
        verified = null;
        seal.appended(e);
        return e;
    }

    @Override
    public List<AuditEntry> list(AuditFilter filter) {
        AuditFilter f = filter == null ? AuditFilter.ALL : filter;
        Condition when = DSL.noCondition();
        if (f.from() != null) {
            when = when.and(AUDIT_EVENT.AT.ge(StoreTime.column(f.from())));
        }
        if (f.to() != null) {
            when = when.and(AUDIT_EVENT.AT.le(StoreTime.column(f.to())));
        }
        if (f.person() != null) {
            when = when.and(AUDIT_EVENT.OS_USER.eq(f.person()));
        }
        // The text match is the model's, so the screen and the command line find the same entries.
        return dsl.selectFrom(AUDIT_EVENT).where(when).orderBy(AUDIT_EVENT.SEQ.desc())
                .fetch(JooqAuditLog::entry).stream().filter(f::matches).toList();
    }

    @Override
    public List<AuditEntry> after(long seq, int limit) {
        return dsl.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.gt(seq)).orderBy(AUDIT_EVENT.SEQ.asc()).limit(limit)
                .fetch(JooqAuditLog::entry);
    }

    @Override
    public boolean forged(AuditEntry entry) {
        return seal.forged(entry);
    }

    @Override
    public long lastSeq() {
        Long last = dsl.select(DSL.max(AUDIT_EVENT.SEQ)).from(AUDIT_EVENT).fetchOne(0, Long.class);
        return last == null ? 0 : last;
    }

    @Override
    public java.util.Optional<AuditEntry> latestAbout(String subject) {
        return dsl.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.SUBJECT.eq(subject)).orderBy(AUDIT_EVENT.SEQ.desc()).limit(1)
                .fetchOptional(JooqAuditLog::entry);
    }

    @Override
    public AuditVerification verify() {
        if (verified == null) {
            verified = seal.verify(dsl.selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQ.asc()).fetch(JooqAuditLog::entry), this::holdsRows);
        }
        return verified;
    }

    @Override
    public Verified verifiedWithAction(String... actions) {
        // read first: the verification below reaches at least as far
        List<AuditEntry> found = dsl.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.in(actions)).orderBy(AUDIT_EVENT.SEQ.asc()).fetch(JooqAuditLog::entry);
        AuditVerification log = seal.verifySince(seq -> after(seq, Integer.MAX_VALUE), this::hashAt,
                seq -> dsl.selectCount().from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.between(1L, seq)).fetchOne(0, Long.class), this::holdsRows);
        if (log instanceof AuditVerification.Broken || log instanceof AuditVerification.Truncated || !seal.hasKey()) {
            return new Verified(found, log);
        }
        for (AuditEntry e : found) {
            if (!seal.verifiedAt(e)) {
                return new Verified(found, AuditVerification.broken(e.seq(), "entry " + e.seq()
                        + " is not the entry verified at its place (it was changed, or put there, after the log was checked)"));
            }
        }
        return new Verified(found, log);
    }

    @Override
    public List<AuditEntry> withAction(String action) {
        return dsl.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq(action)).orderBy(AUDIT_EVENT.SEQ.asc()).fetch(JooqAuditLog::entry);
    }

    /** The hash of entry {@code seq}, or null when there is none. */
    private String hashAt(long seq) {
        return dsl.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(seq)).fetchOne(AUDIT_EVENT.HASH);
    }

    @Override
    public String endProblem() {
        AuditEventRecord last = dsl.selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQ.desc()).limit(1).fetchOne();
        return seal.endProblem(last == null ? 0 : last.getSeq(), this::hashAt, this::holdsRows);
    }

    /**
     * Whether the store holds any row besides its identity and its audit log: a store whose log is empty though it holds
     * rows lost its log (every change is audited), so its missing head is no sign of a new store (decision 0044).
     */
    private boolean holdsRows() {
        return odcm.persistence.jooq.DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .filter(t -> !t.equals(odcm.persistence.jooq.Tables.STORE_INFO) && !t.equals(AUDIT_EVENT))
                .anyMatch(dsl::fetchExists);
    }

    private static AuditEntry entry(AuditEventRecord r) {
        return new AuditEntry(r.getSeq(), StoreTime.instant(r.getAt()), r.getOsUser(), r.getAction(), r.getSubject(),
                r.getDetail(), r.getPrevHash(), r.getHash());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
