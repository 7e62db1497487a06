package odcm.persistence.pkg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A space's package store as the database knows it (docs/decisions/0059): its setting, its feeds and the packages it holds. */
public interface PackageRepository {
    /** A package the store holds: its file is the store folder's {@code sha256}, {@code size} bytes long. */
    record StoredPackage(String packageId, String version, String sha256, long size, Instant addedAt, String addedBy) {
    }

    /** A space's setting; {@code storeFolder} null: the default folder. */
    record Policy(boolean requireCheck, String storeFolder) {
        public static final Policy DEFAULT = new Policy(false, null);
    }

    Policy policy(long spaceId);

    void setPolicy(long spaceId, Policy policy, Instant at, String by);

    /** By package id, then version as added. */
    List<StoredPackage> packages(long spaceId);

    /** By package id (any letter case) and version. */
    Optional<StoredPackage> find(long spaceId, String packageId, String version);

    void insert(long spaceId, StoredPackage p);

    /** The feeds' folders, in the order they were added. */
    List<String> feeds(long spaceId);

    void addFeed(long spaceId, String folder, Instant at, String by);

    /** False when the space has no such feed. */
    boolean removeFeed(long spaceId, String folder);
}
