package odcm.persistence.pkg;

import static odcm.persistence.jooq.Tables.PACKAGE_FEED;
import static odcm.persistence.jooq.Tables.PACKAGE_FILE;
import static odcm.persistence.jooq.Tables.PACKAGE_POLICY;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import odcm.model.Names;
import odcm.persistence.RowSeals;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.PackageFileRecord;
import odcm.persistence.jooq.tables.records.PackagePolicyRecord;
import org.jooq.DSLContext;

/** The package store's rows in jOOQ; the setting's row is sealed when written and checked when read (V31, decision 0059). */
public final class JooqPackageRepository implements PackageRepository {
    private final DSLContext dsl;
    private final RowSeals seals;

    public JooqPackageRepository(DSLContext dsl, RowSeals seals) {
        this.dsl = dsl;
        this.seals = seals;
    }

    @Override
    public Policy policy(long spaceId) {
        return dsl.selectFrom(PACKAGE_POLICY).where(PACKAGE_POLICY.SPACE_ID.eq(spaceId)).fetchOptional().map(this::checked)
                .map(r -> new Policy(r.getRequireCheck(), r.getStoreFolder())).orElse(Policy.DEFAULT);
    }

    private PackagePolicyRecord checked(PackagePolicyRecord r) {
        seals.check(r, () -> "The package settings of " + RowSeals.spaceName(dsl, r.getSpaceId()) + " (set by " + r.getSetBy() + ")");
        return r;
    }

    @Override
    public void setPolicy(long spaceId, Policy policy, Instant at, String by) {
        dsl.deleteFrom(PACKAGE_POLICY).where(PACKAGE_POLICY.SPACE_ID.eq(spaceId)).execute();
        if (!policy.equals(Policy.DEFAULT)) {
            dsl.insertInto(PACKAGE_POLICY).set(PACKAGE_POLICY.SPACE_ID, spaceId).set(PACKAGE_POLICY.REQUIRE_CHECK, policy.requireCheck())
                    .set(PACKAGE_POLICY.STORE_FOLDER, policy.storeFolder()).set(PACKAGE_POLICY.SET_AT, StoreTime.column(at))
                    .set(PACKAGE_POLICY.SET_BY, by).execute();
            seals.seal(dsl, PACKAGE_POLICY, PACKAGE_POLICY.SPACE_ID.eq(spaceId));
        }
    }

    @Override
    public List<StoredPackage> packages(long spaceId) {
        return dsl.selectFrom(PACKAGE_FILE).where(PACKAGE_FILE.SPACE_ID.eq(spaceId)).orderBy(PACKAGE_FILE.PACKAGE_KEY, PACKAGE_FILE.ID)
                .fetch(JooqPackageRepository::stored);
    }

    @Override
    public Optional<StoredPackage> find(long spaceId, String packageId, String version) {
        return dsl.selectFrom(PACKAGE_FILE).where(PACKAGE_FILE.SPACE_ID.eq(spaceId)).and(PACKAGE_FILE.PACKAGE_KEY.eq(Names.key(packageId)))
                .and(PACKAGE_FILE.VERSION.eq(version)).fetchOptional().map(JooqPackageRepository::stored);
    }

    @Override
    public void insert(long spaceId, StoredPackage p) {
        dsl.insertInto(PACKAGE_FILE).set(PACKAGE_FILE.SPACE_ID, spaceId).set(PACKAGE_FILE.PACKAGE_ID, p.packageId())
                .set(PACKAGE_FILE.PACKAGE_KEY, Names.key(p.packageId())).set(PACKAGE_FILE.VERSION, p.version()).set(PACKAGE_FILE.SHA256, p.sha256())
                .set(PACKAGE_FILE.SIZE_BYTES, p.size()).set(PACKAGE_FILE.ADDED_AT, StoreTime.column(p.addedAt())).set(PACKAGE_FILE.ADDED_BY, p.addedBy())
                .execute();
    }

    @Override
    public boolean remove(long spaceId, String packageId, String version) {
        return dsl.deleteFrom(PACKAGE_FILE).where(PACKAGE_FILE.SPACE_ID.eq(spaceId)).and(PACKAGE_FILE.PACKAGE_KEY.eq(Names.key(packageId)))
                .and(PACKAGE_FILE.VERSION.eq(version)).execute() > 0;
    }

    @Override
    public Set<String> hashesNamed() {
        return Set.copyOf(dsl.selectDistinct(PACKAGE_FILE.SHA256).from(PACKAGE_FILE).fetch(PACKAGE_FILE.SHA256));
    }

    @Override
    public List<String> feeds(long spaceId) {
        return dsl.select(PACKAGE_FEED.FOLDER).from(PACKAGE_FEED).where(PACKAGE_FEED.SPACE_ID.eq(spaceId)).orderBy(PACKAGE_FEED.ID).fetch(PACKAGE_FEED.FOLDER);
    }

    @Override
    public void addFeed(long spaceId, String folder, Instant at, String by) {
        dsl.insertInto(PACKAGE_FEED).set(PACKAGE_FEED.SPACE_ID, spaceId).set(PACKAGE_FEED.FOLDER, folder).set(PACKAGE_FEED.ADDED_AT, StoreTime.column(at))
                .set(PACKAGE_FEED.ADDED_BY, by).execute();
    }

    @Override
    public boolean removeFeed(long spaceId, String folder) {
        return dsl.deleteFrom(PACKAGE_FEED).where(PACKAGE_FEED.SPACE_ID.eq(spaceId)).and(PACKAGE_FEED.FOLDER.eq(folder)).execute() > 0;
    }

    private static StoredPackage stored(PackageFileRecord r) {
        return new StoredPackage(r.getPackageId(), r.getVersion(), r.getSha256(), r.getSizeBytes(), StoreTime.instant(r.getAddedAt()), r.getAddedBy());
    }
}
