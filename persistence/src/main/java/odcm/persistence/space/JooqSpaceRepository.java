package odcm.persistence.space;

import static odcm.persistence.jooq.Tables.BUNDLE_ACCEPTED;
import static odcm.persistence.jooq.Tables.CERTIFICATE;
import static odcm.persistence.jooq.Tables.CERTIFICATE_WINDOW;
import static odcm.persistence.jooq.Tables.FORMER_SPACE_KEY;
import static odcm.persistence.jooq.Tables.RECEIPT_ACCEPTED;
import static odcm.persistence.jooq.Tables.PHASE;
import static odcm.persistence.jooq.Tables.PHASE_MEMBER;
import static odcm.persistence.jooq.Tables.SPACE;
import static odcm.persistence.jooq.Tables.SPACE_KEY;
import static odcm.persistence.jooq.Tables.TRUST;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.space.SpaceKind;
import odcm.model.space.SpaceName;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.CertificateRecord;
import odcm.persistence.jooq.tables.records.SpaceRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Spaces, their certificates and keys in jOOQ; records become model types only in {@link #space} and {@link #stored}, which
 * refuse a certificate row without its keyed seal or with one that does not fit (decision 0038); every write of a
 * certificate seals its row.
 */
public final class JooqSpaceRepository implements SpaceRepository {
    private final DSLContext dsl;
    private final Clock clock;
    private final RowSeals seals;

    public JooqSpaceRepository(DSLContext dsl, Clock clock, RowSeals seals) {
        this.dsl = dsl;
        this.clock = clock;
        this.seals = seals;
    }

    @Override
    public Space insertLocal(SpaceName name, String description, NewCertificate certificate, String keyAlgorithm, byte[] sealedPrivateKey) {
        long id = insert(SpaceKind.LOCAL, name, description, certificate);
        dsl.insertInto(SPACE_KEY)
                .set(SPACE_KEY.SPACE_ID, id)
                .set(SPACE_KEY.ALGORITHM, keyAlgorithm)
                .set(SPACE_KEY.SEALED_PRIVATE_KEY, sealedPrivateKey)
                .execute();
        return require(id);
    }

    @Override
    public Space insertRemote(SpaceName name, String description, NewCertificate certificate) {
        return require(insert(SpaceKind.REMOTE, name, description, certificate));
    }

    private long insert(SpaceKind kind, SpaceName name, String description, NewCertificate certificate) {
        checkNameFree(name, null);
        checkCertificateNew(certificate);
        SpaceRecord r = dsl.newRecord(SPACE);
        r.setKind(kind.name());
        r.setName(name.value());
        r.setNameKey(name.key());
        r.setDescription(Space.checkDescription(description));
        r.setCreatedAt(StoreTime.column(StoreTime.now(clock)));
        r.store();
        addCertificate(r.getId(), certificate, StoreTime.now(clock));
        return r.getId();
    }

    @Override
    public Optional<Space> rename(long spaceId, long version, SpaceName newName) {
        require(spaceId);
        checkNameFree(newName, spaceId);
        return changed(spaceId, dsl.update(SPACE).set(SPACE.NAME, newName.value()).set(SPACE.NAME_KEY, newName.key())
                .set(SPACE.VERSION, SPACE.VERSION.plus(1)).where(SPACE.ID.eq(spaceId)).and(SPACE.VERSION.eq(version)).execute());
    }

    @Override
    public Optional<Space> updateDescription(long spaceId, long version, String description) {
        require(spaceId);
        return changed(spaceId, dsl.update(SPACE).set(SPACE.DESCRIPTION, Space.checkDescription(description))
                .set(SPACE.VERSION, SPACE.VERSION.plus(1)).where(SPACE.ID.eq(spaceId)).and(SPACE.VERSION.eq(version)).execute());
    }

    private Optional<Space> changed(long spaceId, int rows) {
        return rows == 0 ? Optional.empty() : Optional.of(require(spaceId));
    }

    @Override
    public void delete(long spaceId) {
        Space space = require(spaceId);
        // Revoked trusts are history of this space only; active ones are the caller's to refuse on
        // (if one slips through, its foreign key stops the delete and the store says why).
        dsl.deleteFrom(TRUST)
                .where(TRUST.TRUSTER_ID.eq(spaceId).or(TRUST.TRUSTED_ID.eq(spaceId)))
                .and(TRUST.REVOKED_AT.isNotNull())
                .execute();
        if (dsl.fetchExists(TRUST, TRUST.TRUSTER_ID.eq(spaceId).or(TRUST.TRUSTED_ID.eq(spaceId)))) {
            throw new Refusal("The " + space.describe() + " is still part of active trusts; revoke them before deleting it.");
        }
        // certificate and space_key rows go with it (ON DELETE CASCADE)
        dsl.deleteFrom(SPACE).where(SPACE.ID.eq(spaceId)).execute();
        seals.changed();
    }

    @Override
    public List<Space> findAll() {
        // 'LOCAL' sorts before 'REMOTE': local spaces first
        return fresh(oneCurrentCertificateEach(select(null).orderBy(SPACE.KIND.asc(), SPACE.NAME_KEY.asc()).fetch(this::space)));
    }

    @Override
    public Optional<Space> findById(long spaceId) {
        return fresh(oneCurrentCertificateEach(select(SPACE.ID.eq(spaceId)).fetch(this::space)).stream().findFirst());
    }

    @Override
    public Optional<Space> findByName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String key;
        try {
            key = SpaceName.of(name).key();
        } catch (Refusal notAName) {
            return Optional.empty();
        }
        return fresh(oneCurrentCertificateEach(select(SPACE.NAME_KEY.eq(key)).fetch(this::space)).stream().findFirst());
    }

    @Override
    public List<Space> promotionTargets(long lifecycleId) {
        java.util.Map<Long, Space> targets = new java.util.LinkedHashMap<>();
        dsl.select(SPACE.fields()).select(CERTIFICATE.fields())
                .from(PHASE_MEMBER)
                .join(PHASE).on(PHASE.ID.eq(PHASE_MEMBER.PHASE_ID))
                .join(SPACE).on(SPACE.ID.eq(PHASE_MEMBER.TARGET_SPACE_ID))
                .join(CERTIFICATE).on(CERTIFICATE.SPACE_ID.eq(SPACE.ID)).and(CERTIFICATE.RETIRED_AT.isNull())
                .where(PHASE.LIFECYCLE_ID.eq(lifecycleId))
                .orderBy(PHASE.POSITION, PHASE_MEMBER.POSITION)
                .fetch(this::space)
                .forEach(s -> targets.putIfAbsent(s.id(), s));
        return fresh(List.copyOf(targets.values()));
    }

    @Override
    public Optional<Space> findByFingerprint(Fingerprint fingerprint) {
        return dsl.selectFrom(CERTIFICATE).where(CERTIFICATE.SHA256.eq(fingerprint.hex())).fetchOptional()
                .flatMap(c -> {
                    checked(c);
                    return findById(c.getSpaceId());
                }).or(() -> fresh(Optional.empty()));
    }

    @Override
    public List<StoredCertificate> certificates(long spaceId) {
        List<StoredCertificate> stored = dsl.selectFrom(CERTIFICATE).where(CERTIFICATE.SPACE_ID.eq(spaceId))
                .orderBy(CERTIFICATE.RETIRED_AT.desc().nullsFirst(), CERTIFICATE.ADDED_AT.desc(), CERTIFICATE.ID.desc())
                .fetch(this::stored);
        return fresh(stored);
    }

    /** What was read, once its rows passed their seals, if they are the state the audit log records last (decision 0038). */
    private <T> T fresh(T read) {
        seals.fresh(dsl);
        return read;
    }

    @Override
    public Space replaceCertificate(long spaceId, NewCertificate certificate) {
        long current = currentCertificate(spaceId);
        checkCertificateNew(certificate);
        Instant now = StoreTime.now(clock);
        dsl.update(CERTIFICATE).set(CERTIFICATE.RETIRED_AT, StoreTime.column(now)).where(CERTIFICATE.ID.eq(current)).execute();
        seals.seal(dsl, CERTIFICATE, CERTIFICATE.ID, current);
        addCertificate(spaceId, certificate, now);
        return require(spaceId);
    }

    @Override
    public void confirmCurrentCertificate(long spaceId) {
        long current = currentCertificate(spaceId);
        dsl.update(CERTIFICATE).set(CERTIFICATE.CONFIRMED_AT, StoreTime.column(StoreTime.now(clock))).where(CERTIFICATE.ID.eq(current))
                .execute();
        seals.seal(dsl, CERTIFICATE, CERTIFICATE.ID, current);
    }

    /** The id of the space's one current certificate, its row checked first: a change never seals a row nobody sealed. */
    private long currentCertificate(long spaceId) {
        require(spaceId);
        // Locked, then checked as locked: on a team store another login's change cannot land between this check and the
        // update and seal that follow (read committed would let the update see, and the seal bless, a change committed
        // meanwhile).
        CertificateRecord c = dsl.selectFrom(CERTIFICATE).where(CERTIFICATE.SPACE_ID.eq(spaceId)).and(CERTIFICATE.RETIRED_AT.isNull())
                .forUpdate().fetchSingle();
        return checked(c).getId();
    }

    @Override
    public Optional<byte[]> sealedPrivateKey(long spaceId) {
        return dsl.select(SPACE_KEY.SEALED_PRIVATE_KEY).from(SPACE_KEY).where(SPACE_KEY.SPACE_ID.eq(spaceId))
                .fetchOptional(SPACE_KEY.SEALED_PRIVATE_KEY);
    }

    @Override
    public Optional<String> keyAlgorithm(long spaceId) {
        return dsl.select(SPACE_KEY.ALGORITHM).from(SPACE_KEY).where(SPACE_KEY.SPACE_ID.eq(spaceId)).fetchOptional(SPACE_KEY.ALGORITHM);
    }

    private void addCertificate(long spaceId, NewCertificate certificate, Instant addedAt) {
        CertificateInfo info = certificate.info();
        CertificateRecord c = dsl.newRecord(CERTIFICATE);
        c.setSpaceId(spaceId);
        c.setDer(certificate.der());
        c.setSha256(info.fingerprint().hex());
        c.setSubject(info.subject());
        c.setIssuer(info.issuer());
        c.setSerial(info.serial());
        c.setKeyAlgorithm(info.keyAlgorithm());
        c.setKeyDetail(info.keyDetail());
        c.setNotBefore(StoreTime.column(info.notBefore()));
        c.setNotAfter(StoreTime.column(info.notAfter()));
        c.setAddedAt(StoreTime.column(addedAt));
        c.store();
        seals.seal(dsl, CERTIFICATE, CERTIFICATE.ID, c.getId());
    }

    private void checkNameFree(SpaceName name, Long exceptId) {
        Condition sameName = SPACE.NAME_KEY.eq(name.key());
        if (exceptId != null) {
            sameName = sameName.and(SPACE.ID.ne(exceptId));
        }
        Optional<Space> other = oneCurrentCertificateEach(select(sameName).fetch(this::space)).stream().findFirst();
        if (other.isPresent()) {
            throw new Refusal("There is already a " + other.get().describe() + "; space names are unique, ignoring case, across local and remote spaces.");
        }
    }

    private void checkCertificateNew(NewCertificate certificate) {
        Fingerprint fp = certificate.info().fingerprint();
        Optional<Space> holder = findByFingerprint(fp);
        if (holder.isPresent()) {
            throw new Refusal("The certificate with fingerprint " + fp.grouped() + " is already known here, as a certificate of the "
                    + holder.get().describe() + ".");
        }
    }

    private Space require(long spaceId) {
        return findById(spaceId).orElseThrow(() -> new Refusal("There is no space with id " + spaceId + " in this store."));
    }

    private org.jooq.SelectConditionStep<Record> select(Condition condition) {
        return dsl.select(SPACE.fields()).select(CERTIFICATE.fields())
                .from(SPACE)
                .join(CERTIFICATE).on(CERTIFICATE.SPACE_ID.eq(SPACE.ID)).and(CERTIFICATE.RETIRED_AT.isNull())
                .where(condition == null ? org.jooq.impl.DSL.noCondition() : condition);
    }

    private Space space(Record r) {
        SpaceRecord s = r.into(SPACE);
        CertificateRecord c = r.into(CERTIFICATE);
        seals.check(c, () -> certificateWords(c, "the space '" + s.getName() + "'"));
        return new Space(s.getId(), SpaceKind.valueOf(s.getKind()), s.getName(), s.getDescription(),
                StoreTime.instant(s.getCreatedAt()), info(c), s.getVersion());
    }

    /**
     * A space has one current certificate. Two current rows, each with a seal that fits, are an earlier sealed state of a
     * retired row put back: refused, naming the space, as is any row whose seal does not fit.
     */
    private static List<Space> oneCurrentCertificateEach(List<Space> spaces) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Space s : spaces) {
            if (!seen.add(s.id())) {
                throw new Refusal("The " + s.describe() + " has more than one current certificate in the store: a retired certificate was"
                        + " made current again outside ODCM Console, so the space is not used. Restore the store from a backup.");
            }
        }
        return spaces;
    }

    private CertificateRecord checked(CertificateRecord c) {
        seals.check(c, () -> certificateWords(c, dsl.select(SPACE.NAME).from(SPACE).where(SPACE.ID.eq(c.getSpaceId())).fetchOptional(SPACE.NAME)
                .map(name -> "the space '" + name + "'").orElse("space id " + c.getSpaceId())));
        return c;
    }

    private static String certificateWords(CertificateRecord c, String of) {
        return "The certificate of " + of + " with SHA-256 fingerprint " + c.getSha256();
    }

    private StoredCertificate stored(CertificateRecord c) {
        checked(c);
        return new StoredCertificate(c.getId(), c.getSpaceId(), c.getDer(), info(c),
                StoreTime.instant(c.getAddedAt()), StoreTime.instant(c.getRetiredAt()), StoreTime.instant(c.getConfirmedAt()));
    }

    private static CertificateInfo info(CertificateRecord c) {
        return new CertificateInfo(c.getSubject(), c.getIssuer(), c.getSerial(),
                StoreTime.instant(c.getNotBefore()), StoreTime.instant(c.getNotAfter()),
                c.getKeyAlgorithm(), c.getKeyDetail(), new Fingerprint(c.getSha256()));
    }

    @Override
    public List<CertificateWindow> windows(long spaceId) {
        return dsl.selectFrom(CERTIFICATE_WINDOW).where(CERTIFICATE_WINDOW.SPACE_ID.eq(spaceId)).orderBy(CERTIFICATE_WINDOW.CERTIFICATE_ID)
                .fetch(w -> {
                    seals.check(w, () -> "The overlap or compromise of certificate #" + w.getCertificateId() + " of " + RowSeals.spaceName(dsl, spaceId));
                    return new CertificateWindow(w.getCertificateId(), StoreTime.instant(w.getAcceptedUntil()),
                            StoreTime.instant(w.getCompromisedFrom()));
                });
    }

    @Override
    public void setWindow(long spaceId, long certificateId, Instant acceptedUntil, Instant compromisedFrom) {
        windows(spaceId); // a change never seals a row nobody sealed
        Condition row = CERTIFICATE_WINDOW.CERTIFICATE_ID.eq(certificateId);
        if (dsl.fetchExists(CERTIFICATE_WINDOW, row)) {
            dsl.update(CERTIFICATE_WINDOW).set(CERTIFICATE_WINDOW.ACCEPTED_UNTIL, StoreTime.column(acceptedUntil))
                    .set(CERTIFICATE_WINDOW.COMPROMISED_FROM, StoreTime.column(compromisedFrom)).where(row).execute();
        } else {
            dsl.insertInto(CERTIFICATE_WINDOW).set(CERTIFICATE_WINDOW.CERTIFICATE_ID, certificateId).set(CERTIFICATE_WINDOW.SPACE_ID, spaceId)
                    .set(CERTIFICATE_WINDOW.ACCEPTED_UNTIL, StoreTime.column(acceptedUntil))
                    .set(CERTIFICATE_WINDOW.COMPROMISED_FROM, StoreTime.column(compromisedFrom)).execute();
        }
        seals.seal(dsl, CERTIFICATE_WINDOW, row);
    }

    @Override
    public Space rotateLocalKey(long spaceId, NewCertificate certificate, String keyAlgorithm, byte[] sealedPrivateKey, Instant overlapUntil) {
        long old = currentCertificate(spaceId);
        var key = dsl.selectFrom(SPACE_KEY).where(SPACE_KEY.SPACE_ID.eq(spaceId)).fetchOptional()
                .orElseThrow(() -> new Refusal(require(spaceId).describe() + " has no private key in this store."));
        dsl.insertInto(FORMER_SPACE_KEY).set(FORMER_SPACE_KEY.CERTIFICATE_ID, old).set(FORMER_SPACE_KEY.SPACE_ID, spaceId)
                .set(FORMER_SPACE_KEY.ALGORITHM, key.getAlgorithm()).set(FORMER_SPACE_KEY.SEALED_PRIVATE_KEY, key.getSealedPrivateKey()).execute();
        Space rotated = replaceCertificate(spaceId, certificate);
        dsl.update(SPACE_KEY).set(SPACE_KEY.ALGORITHM, keyAlgorithm).set(SPACE_KEY.SEALED_PRIVATE_KEY, sealedPrivateKey)
                .where(SPACE_KEY.SPACE_ID.eq(spaceId)).execute();
        setWindow(spaceId, old, overlapUntil, null);
        return rotated;
    }

    @Override
    public Optional<byte[]> formerSealedPrivateKey(long certificateId) {
        return dsl.select(FORMER_SPACE_KEY.SEALED_PRIVATE_KEY).from(FORMER_SPACE_KEY).where(FORMER_SPACE_KEY.CERTIFICATE_ID.eq(certificateId))
                .fetchOptional(FORMER_SPACE_KEY.SEALED_PRIVATE_KEY);
    }

    @Override
    public int removeFormerKeys(long spaceId) {
        return dsl.deleteFrom(FORMER_SPACE_KEY).where(FORMER_SPACE_KEY.SPACE_ID.eq(spaceId)).execute();
    }

    @Override
    public List<AcceptedSince> acceptedSince(Fingerprint signer, Instant from) {
        List<AcceptedSince> found = new java.util.ArrayList<>();
        dsl.select(BUNDLE_ACCEPTED.BUNDLE_ID, BUNDLE_ACCEPTED.SEQUENCE, SPACE.NAME, BUNDLE_ACCEPTED.ACCEPTED_AT).from(BUNDLE_ACCEPTED)
                .join(SPACE).on(SPACE.ID.eq(BUNDLE_ACCEPTED.SPACE_ID))
                .where(BUNDLE_ACCEPTED.SOURCE_SHA256.equalIgnoreCase(signer.hex())).and(BUNDLE_ACCEPTED.ACCEPTED_AT.ge(StoreTime.column(from)))
                .forEach(r -> found.add(new AcceptedSince("bundle", r.value1(), r.value2(), r.value3(), StoreTime.instant(r.value4()))));
        dsl.select(RECEIPT_ACCEPTED.RECEIPT_ID, RECEIPT_ACCEPTED.SEQUENCE, SPACE.NAME, RECEIPT_ACCEPTED.ACCEPTED_AT).from(RECEIPT_ACCEPTED)
                .join(SPACE).on(SPACE.ID.eq(RECEIPT_ACCEPTED.SPACE_ID))
                .where(RECEIPT_ACCEPTED.REPORTER_SHA256.equalIgnoreCase(signer.hex())).and(RECEIPT_ACCEPTED.ACCEPTED_AT.ge(StoreTime.column(from)))
                .forEach(r -> found.add(new AcceptedSince("receipt", r.value1(), r.value2(), r.value3(), StoreTime.instant(r.value4()))));
        found.sort(java.util.Comparator.comparing(AcceptedSince::at));
        return found;
    }
}
