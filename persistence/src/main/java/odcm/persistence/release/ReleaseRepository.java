package odcm.persistence.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.release.Release;
import odcm.model.release.ReleaseHead;
import odcm.model.release.ReleaseSnapshot;

/**
 * Releases: inserted once with their snapshot, then only read. There is deliberately no update or delete here,
 * and the store refuses both (trigger {@link FrozenRelease}); every read checks the snapshot hash.
 */
public interface ReleaseRepository {
    /** Sensitive values of the snapshot are sealed (bound to the project and version), refused without the master key. */
    default Release insert(long projectId, String version, String notes, String channel, ReleaseSnapshot snapshot, Instant at) {
        return insert(projectId, version, 1, notes, channel, snapshot, at);
    }

    /**
     * A release as revision {@code revision} of its version: a revision above 1 supersedes the earlier ones of the same
     * version (an imported release re-promoted with a changed snapshot); they stay, frozen, for history.
     */
    Release insert(long projectId, String version, int revision, String notes, String channel, ReleaseSnapshot snapshot, Instant at);

    /**
     * A release imported from {@code sourceSpaceId} into a remote project of that source, created when the source
     * created it. The two plain inserts are for projects made here: the store refuses them for a remote project
     * (trigger {@link RemoteOrigin}), so a remote project builds nothing.
     */
    Release insertImported(long projectId, long sourceSpaceId, String version, int revision, String notes, String channel,
                           ReleaseSnapshot snapshot, Instant createdAtSource);

    /** The revision of a release: 1, or higher when it superseded an earlier one of the same version. */
    int revision(long releaseId);

    /** Newest first; current revisions only (superseded ones are left out). */
    List<Release> findByProject(long projectId);

    /** As {@link #findByProject}, without parsing or opening the snapshots (their hash is still checked). */
    List<ReleaseHead> findHeadsByProject(long projectId);

    /** By version, case-insensitively: its current (highest) revision. */
    Optional<Release> find(long projectId, String version);

    /** Whether the project has this version (case-insensitively), without reading its snapshot. */
    boolean exists(long projectId, String version);

    /** Every release row of the project, superseded revisions included. */
    int count(long projectId);

    /** By id, with its project's name; empty when there is none. */
    Optional<Release> findById(long releaseId);

    /**
     * As {@link #findById(long)}, in an operation that read the head first: a row whose head {@code checked} holds, with the
     * same columns and snapshot bytes, is not hashed again (its hash and seal are still checked).
     */
    Optional<Release> findById(long releaseId, CheckedHeads checked);

    /** As {@link #findById}, without parsing or opening the snapshot (its hash is still checked). */
    Optional<ReleaseHead> findHeadById(long releaseId);

    /** As {@link #find(long, String)}, without parsing or opening the snapshot (its hash is still checked). */
    Optional<ReleaseHead> findHead(long projectId, String version);

    /**
     * As {@link #findHead(long, String)}, for an operation that reads the head again in a later transaction: a row already
     * checked in {@code checked}, with the same columns and snapshot bytes, is not hashed again (its hash and seal are still
     * checked); one not checked there is kept there.
     */
    Optional<ReleaseHead> findHead(long projectId, String version, CheckedHeads checked);

    /**
     * Keeps the bundle parts made from the release's snapshot (once; decision 0030): {@code parts} as they are,
     * {@code secretsJson} sealed with the master key together with the hash that binds {@code parts} to the release.
     */
    void insertBundleParts(long releaseId, byte[] parts, String secretsJson);

    /** Seals every release that has no seal (those frozen before seals existed; decision 0034); how many it sealed. */
    int sealUnsealed();

    /**
     * The release's bundle parts with their secrets opened; empty when none were kept or the master key is not available.
     * Refused when they do not match the hash sealed with them, or the seal was altered (the store file was).
     */
    Optional<BundleParts> bundleParts(long releaseId);

    /** A release's bundle parts as kept: the secrets opened (sensitive: never shown, logged or written in clear). */
    record BundleParts(byte[] parts, String secretsJson) {
        /** Never the secrets: a log line, an exception or a failed assertion that prints the parts names only their sizes. */
        @Override
        public String toString() {
            return "BundleParts[" + parts.length + " bytes of parts, secrets hidden]";
        }
    }
}
