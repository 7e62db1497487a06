package odcm.persistence.pkg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A space's package store as the database knows it (docs/decisions/0059): its setting, its feeds and the packages it holds. */
public interface PackageRepository {
    /** A package the store holds: its file is the store folder's {@code sha256}, {@code size} bytes long. */
    record StoredPackage(String packageId, String version, String sha256, long size, Instant addedAt, String addedBy) {
    }

    /** A space's setting; {@code storeFolder} null: the default folder. */
    record Policy(boolean requireCheck, String storeFolder) {
        public static final Policy DEFAULT = new Policy(false, null);
    }

    /** Refused when its row does not fit its seal (or has none) while the master key is at hand. */
    Policy policy(long spaceId);

    void setPolicy(long spaceId, Policy policy, Instant at, String by);

    /** By package id, then version as added. */
    List<StoredPackage> packages(long spaceId);

    /** By package id (any letter case) and version. */
    Optional<StoredPackage> find(long spaceId, String packageId, String version);

    void insert(long spaceId, StoredPackage p);

    /** Deletes the row of package {@code packageId} (any letter case) {@code version}; false when the space holds no such row. */
    boolean remove(long spaceId, String packageId, String version);

    /**
     * The SHA-256 every package row of the store names, whatever its space: a file is kept while one names it (two spaces may
     * set one folder).
     */
    Set<String> hashesNamed();

    /** The feeds' folders, in the order they were added. */
    List<String> feeds(long spaceId);

    void addFeed(long spaceId, String folder, Instant at, String by);

    /** False when the space has no such feed. */
    boolean removeFeed(long spaceId, String folder);
}
