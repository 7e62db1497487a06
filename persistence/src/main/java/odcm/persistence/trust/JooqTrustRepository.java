package odcm.persistence.trust;

import static odcm.persistence.jooq.Tables.SPACE;
import static odcm.persistence.jooq.Tables.TRUST;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.space.SpaceKind;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.TrustRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectConditionStep;

/**
 * Trusts in jOOQ, joined with the names of both spaces; records become {@link Trust} only in {@link #trust}, which refuses a
 * row without its keyed seal or with one that does not fit (decision 0038); every insert and revocation seals the row.
 */
public final class JooqTrustRepository implements TrustRepository {
    private static final odcm.persistence.jooq.tables.Space TRUSTER = SPACE.as("TRUSTER");
    private static final odcm.persistence.jooq.tables.Space TRUSTED = SPACE.as("TRUSTED");

    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqTrustRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public Trust insert(long trusterId, long trustedId, TrustKind kind, Instant at, String by) {
        TrustRecord r = dsl.newRecord(TRUST);
        r.setTrusterId(trusterId);
        r.setTrustedId(trustedId);
        r.setKind(kind.name());
        r.setCreatedAt(StoreTime.column(at));
        r.setCreatedBy(by);
        r.store();
        seals.seal(dsl, TRUST, TRUST.ID, r.getId());
        return require(r.getId());
    }

    @Override
    public Trust revoke(long trustId, Instant at, String by, String reason) {
        // Locked before it is checked: no other login's change lands between the check and the seal (see RowSeals).
        dsl.selectFrom(TRUST).where(TRUST.ID.eq(trustId)).forUpdate().fetchOptional();
        Trust trust = require(trustId);
        int changed = dsl.update(TRUST)
                .set(TRUST.REVOKED_AT, StoreTime.column(at))
                .set(TRUST.REVOKED_BY, by)
                .set(TRUST.REVOKE_REASON, reason)
                .where(TRUST.ID.eq(trustId)).and(TRUST.REVOKED_AT.isNull())
                .execute();
        if (changed == 0) {
            throw new Refusal("The trust " + trust.sentence() + " was already revoked.");
        }
        seals.seal(dsl, TRUST, TRUST.ID, trustId);
        return require(trustId);
    }

    @Override
    public Optional<Trust> findById(long trustId) {
        return fresh(select(TRUST.ID.eq(trustId)).fetchOptional(this::trust));
    }

    @Override
    public List<Trust> findAll() {
        return fresh(select(org.jooq.impl.DSL.noCondition()).orderBy(TRUST.CREATED_AT.desc(), TRUST.ID.desc()).fetch(this::trust));
    }

    @Override
    public List<Trust> involving(long spaceId) {
        return fresh(select(TRUST.TRUSTER_ID.eq(spaceId).or(TRUST.TRUSTED_ID.eq(spaceId)))
                .orderBy(TRUST.CREATED_AT.desc(), TRUST.ID.desc()).fetch(this::trust));
    }

    /** What was read, once its rows passed their seals, if they are the state the audit log records last (decision 0038). */
    private <T> T fresh(T read) {
        seals.fresh(dsl);
        return read;
    }

    private Trust require(long trustId) {
        return findById(trustId).orElseThrow(() -> new Refusal("There is no trust with id " + trustId + " in this store."));
    }

    private SelectConditionStep<Record> select(Condition condition) {
        return dsl.select(TRUST.fields()).select(TRUSTER.NAME, TRUSTED.NAME, TRUSTED.KIND)
                .from(TRUST)
                .join(TRUSTER).on(TRUSTER.ID.eq(TRUST.TRUSTER_ID))
                .join(TRUSTED).on(TRUSTED.ID.eq(TRUST.TRUSTED_ID))
                .where(condition);
    }

    private Trust trust(Record r) {
        TrustRecord t = r.into(TRUST);
        seals.check(t, () -> "The trust ('" + r.get(TRUSTER.NAME) + "' accepts " + kindWords(t.getKind()) + " from '"
                + r.get(TRUSTED.NAME) + "')");
        return new Trust(t.getId(), t.getTrusterId(), r.get(TRUSTER.NAME), t.getTrustedId(), r.get(TRUSTED.NAME),
                SpaceKind.LOCAL.name().equals(r.get(TRUSTED.KIND)), TrustKind.valueOf(t.getKind()),
                StoreTime.instant(t.getCreatedAt()), t.getCreatedBy(),
                StoreTime.instant(t.getRevokedAt()), t.getRevokedBy(), t.getRevokeReason());
    }

    private static String kindWords(String kind) {
        try {
            return TrustKind.valueOf(kind).words();
        } catch (IllegalArgumentException notAKind) {
            return "'" + kind + "'";
        }
    }
}
