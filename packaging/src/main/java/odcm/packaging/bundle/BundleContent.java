package odcm.packaging.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.release.Release;
import odcm.model.release.ReleaseSnapshot;

/**
 * What a release bundle carries, as the console's own types. {@code created} is when the bundle was made;
 * {@code releaseCreated} when the source created the release, which the target keeps as the release's creation time;
 * {@code revision} the release's revision at the source (1, or n when its variables were updated there; decision 0048).
 * The certificates of source and target are
 * not here: the writer takes them from the keys it is given, so a bundle cannot name a key it was not made with.
 */
public record BundleContent(UUID bundleId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                            String project, String version, String notes, String channel, ReleaseSnapshot snapshot,
                            List<HistoryEntry> history, Instant releaseCreated, int revision, OutOfOrder outOfOrder,
                            List<EnvironmentTemplate> environmentTemplates) {
    /** The most environment templates one bundle carries (decision 0058). */
    public static final int MAX_ENVIRONMENT_TEMPLATES = 100;

    /** The highest revision a bundle may carry: a release's variables updated ten thousand times is no real history. */
    public static final int MAX_REVISION = 10_000;

    public BundleContent {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(sourceSpace, "sourceSpace");
        Objects.requireNonNull(targetSpace, "targetSpace");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(snapshot, "snapshot");
        notes = notes == null ? "" : notes;
        channel = channel == null ? "" : channel;
        history = List.copyOf(history);
        environmentTemplates = environmentTemplates == null ? List.of() : List.copyOf(environmentTemplates);
        if (sequence < 1) {
            throw new IllegalArgumentException("a bundle's sequence number starts at 1");
        }
        if (!expires.isAfter(created)) {
            throw new IllegalArgumentException("a bundle expires after it is created");
        }
        Objects.requireNonNull(releaseCreated, "releaseCreated");
        if (revision < 1 || revision > MAX_REVISION) {
            throw new IllegalArgumentException("a release's revision is 1 to " + MAX_REVISION);
        }
    }

    /** A bundle carrying no environment template (decision 0058). */
    public BundleContent(UUID bundleId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                         String project, String version, String notes, String channel, ReleaseSnapshot snapshot,
                         List<HistoryEntry> history, Instant releaseCreated, int revision, OutOfOrder outOfOrder) {
        this(bundleId, sourceSpace, targetSpace, sequence, created, expires, project, version, notes, channel, snapshot, history,
                releaseCreated, revision, outOfOrder, List.of());
    }

    /** The same bundle carrying {@code templates}: the environment templates of the target's lifecycle it reaches (0058). */
    public BundleContent withEnvironmentTemplates(List<EnvironmentTemplate> templates) {
        return new BundleContent(bundleId, sourceSpace, targetSpace, sequence, created, expires, project, version, notes, channel, snapshot,
                history, releaseCreated, revision, outOfOrder, templates);
    }

    /** Revision 1 of the release: what every bundle was before revisions travelled. */
    public BundleContent(UUID bundleId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                         String project, String version, String notes, String channel, ReleaseSnapshot snapshot,
                         List<HistoryEntry> history, Instant releaseCreated) {
        this(bundleId, sourceSpace, targetSpace, sequence, created, expires, project, version, notes, channel, snapshot, history,
                releaseCreated, 1, null);
    }

    /** A bundle of {@code revision} made in lifecycle order (no override carried). */
    public BundleContent(UUID bundleId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                         String project, String version, String notes, String channel, ReleaseSnapshot snapshot,
                         List<HistoryEntry> history, Instant releaseCreated, int revision) {
        this(bundleId, sourceSpace, targetSpace, sequence, created, expires, project, version, notes, channel, snapshot, history,
                releaseCreated, revision, null);
    }

    /** Revision 1 of the release, promoted with {@code outOfOrder} (null: in lifecycle order). */
    public BundleContent(UUID bundleId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                         String project, String version, String notes, String channel, ReleaseSnapshot snapshot,
                         List<HistoryEntry> history, Instant releaseCreated, OutOfOrder outOfOrder) {
        this(bundleId, sourceSpace, targetSpace, sequence, created, expires, project, version, notes, channel, snapshot, history,
                releaseCreated, 1, outOfOrder);
    }

    /** A bundle whose release was created when the bundle was (tests and tools). */
    public BundleContent(UUID bundleId, String sourceSpace, String targetSpace, long sequence, Instant created, Instant expires,
                         String project, String version, String notes, String channel, ReleaseSnapshot snapshot, List<HistoryEntry> history) {
        this(bundleId, sourceSpace, targetSpace, sequence, created, expires, project, version, notes, channel, snapshot, history, created);
    }

    /** The content for promoting {@code release} from {@code source} to {@code target}. */
    public static BundleContent of(Release release, String source, String target, long sequence, Instant created, Instant expires,
                                   List<HistoryEntry> history) {
        return new BundleContent(UUID.randomUUID(), source, target, sequence, created, expires, release.projectName(), release.version(),
                release.notes(), release.channel(), release.snapshot(), history, release.createdAt());
    }

    /**
     * The source's release manager promoted the release before the phases ahead of this promotion were complete
     * (decision 0045): who, why, and the sentence the lifecycle order would have refused with. Carried in the signed
     * history part, so the target shows it; checked like any part of a hostile file (lengths, one line each).
     */
    public record OutOfOrder(String by, String reason, String skipped) {
        public static final int MAX_BY = 200;
        public static final int MAX_REASON = 1000;
        public static final int MAX_SKIPPED = 4000;

        public OutOfOrder {
            by = line("The person who promoted out of lifecycle order", by, MAX_BY);
            reason = line("The reason for promoting out of lifecycle order", reason, MAX_REASON);
            skipped = skipped == null ? "" : odcm.model.Names.value("What promoting out of lifecycle order skipped", skipped, false);
            if (skipped.length() > MAX_SKIPPED) {
                throw new odcm.model.Refusal("What promoting out of lifecycle order skipped can be at most " + MAX_SKIPPED + " characters.");
            }
        }

        private static String line(String what, String value, int max) {
            String v = odcm.model.Names.value(what, value == null ? "" : value.strip(), false);
            if (v.isEmpty()) {
                throw new odcm.model.Refusal(what + " must be given.");
            }
            if (v.length() > max) {
                throw new odcm.model.Refusal(what + " can be at most " + max + " characters; this one has " + v.length() + ".");
            }
            return v;
        }

        /** "promoted out of lifecycle order by alice: QA signed off by phone": how the target shows it. */
        public String words() {
            return "promoted out of lifecycle order by " + by + ": " + reason;
        }
    }

    /** A deployment of this release already done, here or in an earlier space. */
    public record HistoryEntry(String space, String environment, Instant deployedAt, String outcome) {
        public HistoryEntry {
            Objects.requireNonNull(space, "space");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(deployedAt, "deployedAt");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
