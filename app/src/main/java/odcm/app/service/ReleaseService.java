package odcm.app.service;

import odcm.model.role.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.audit.AuditText;
import odcm.model.compare.ReleaseDiff;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Project;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.model.release.ReleaseHead;
import odcm.model.release.ReleaseSnapshot;
import odcm.model.release.SnapshotChanges;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/** Releases: a version of a project with its snapshot frozen at creation. Nothing here changes a release afterwards. */
public final class ReleaseService {
    public static final int MAX_NOTES = 8000;

    private final Store store;

    public ReleaseService(Store store) {
        this.store = store;
    }

    /** Newest first. */
    public List<Release> list(String space, String project) {
        return store.read(tx -> tx.releases().findByProject(projectHead(tx, space, project).id()));
    }

    /** As {@link #list}, without the snapshots: what a list shows (each release's hash is still checked). */
    public List<ReleaseHead> heads(String space, String project) {
        return store.read(tx -> tx.releases().findHeadsByProject(projectHead(tx, space, project).id()));
    }

    public Release find(String space, String project, String version) {
        return store.read(tx -> {
            return release(tx, project(tx, space, project), version);
        });
    }

    /**
     * Freezes the project's current process, variables and templates with the given package versions.
     * Refuses: a remote project (its releases come only from its source space, see {@link #builtElsewhere}); a version already used in the project; an unknown channel; a package a step needs but not given,
     * or given but needed by no step.
     *
     * @param channel null for the project's default channel
     */
    public Release create(String space, String project, String version, String notes, String channel, List<PackageVersion> packages) {
        String v = Release.checkVersion(version);
        String n = Names.text("Release notes", notes, MAX_NOTES);
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CREATE_RELEASE, s);
            Project p = ProjectService.require(tx, s, project);
            tx.projects().sourceSpace(p.id()).ifPresent(src -> {
                throw new Refusal(builtElsewhere(p.name(), tx.spaces().findById(src).map(Space::name).orElse("another space")));
            });
            tx.releases().find(p.id(), v).ifPresent(r -> {
                throw new Refusal("Project '" + p.name() + "' already has release " + r.version() + "; a version is used once.");
            });
            String ch = channel(p, channel);
            List<PackageVersion> manifest = manifest(p, packages == null ? List.of() : packages);
            if (p.variables().stream().anyMatch(Variable::sensitive)) {
                store.keyVault(); // a snapshot without its sensitive values would be wrong forever: refuse instead
            }
            Release r = tx.releases().insert(p.id(), v, n, ch, new ReleaseSnapshot(p.process(), p.variables(), p.templates(), manifest),
                    StoreTime.now(store.clock()));
            BundleService.keepParts(store, tx, r.id(), r.snapshot()); // frozen once: its bundles only wrap, sign and encrypt them
            DutyService.made(tx, store, r, false);
            tx.audit().append("release.create", "release " + v + " of project '" + p.name() + "' of " + s.describe(),
                    "channel " + ch + "; " + p.process().size() + " steps, " + p.variables().size() + " variables, " + p.templates().size()
                            + " templates; " + (manifest.isEmpty() ? "no packages" : manifest.size() + " packages: " + AuditText.few(manifest.stream()
                            .map(m -> m.packageId() + " " + m.version() + " (sha256 " + m.sha256() + ")").toList())));
            TemplateService.follow(tx, store, s, p, r); // a template in the first phase: the release reached it
            return r;
        });
    }

    /** What {@link #updateVariables} did: the new revision of the release, what changed from the one before, and the sentence. */
    public record VariablesUpdated(Release release, int revision, ReleaseDiff diff, String sentence) {
    }

    /**
     * What "Update variables" would change in release {@code version}: the diff from its current revision to one with the
     * project's current variables (only the Variables section can differ). Refused as {@link #updateVariables} would refuse,
     * so a dialog shows the same sentence before anything is asked. Reads only; the diff is made outside the store's lock.
     */
    public ReleaseDiff variablesUpdate(String space, String project, String version) {
        Release[] both = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.require(tx, s, project);
            Release frozen = updatable(tx, s, p, version);
            return new Release[] {frozen, new Release(frozen.id(), frozen.projectId(), frozen.projectName(), frozen.version(), frozen.notes(),
                    frozen.channel(), frozen.createdAt(), revised(frozen, p))}; // the frozen one with the project's variables
        });
        return ReleaseDiff.of(both[0], both[1]);
    }

    /**
     * "Update variables" (decision 0048): a new revision of release {@code version} whose snapshot is the frozen one with
     * the project's current variables; process, templates, packages, notes and channel stay as frozen. It is a new release
     * row (revision n + 1; the earlier one stays, frozen, superseded), so approvals, deployments and lifecycle progress of
     * the earlier revision do not carry over; promoting the release again sends the new revision. Refused without the
     * role to create releases, for a release imported from another space (its variables come from there), and when the
     * variables are the release's already. Audited ({@code release.update-variables}).
     */
    public VariablesUpdated updateVariables(String space, String project, String version) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CREATE_RELEASE, s);
            Project p = ProjectService.require(tx, s, project);
            Release r = updatable(tx, s, p, version);
            ReleaseSnapshot now = revised(r, p);
            if (now.variables().stream().anyMatch(Variable::sensitive)) {
                store.keyVault(); // a snapshot without its sensitive values would be wrong forever: refuse instead
            }
            int from = tx.releases().revision(r.id());
            Release n = tx.releases().insert(p.id(), r.version(), from + 1, r.notes(), r.channel(), now, StoreTime.now(store.clock()));
            BundleService.keepParts(store, tx, n.id(), n.snapshot());
            DutyService.made(tx, store, n, false);
            ReleaseDiff d = ReleaseDiff.of(r, n);
            String what = d.summary().replaceAll("\\.$", "");
            tx.audit().append("release.update-variables", "release " + r.version() + " of project '" + p.name() + "' of " + s.describe(),
                    "revision " + from + " superseded by revision " + (from + 1) + ": " + what + " (" + AuditText.few(d.changes(
                            odcm.model.compare.Section.VARIABLES).stream().map(e -> e.name() + " " + e.change().words()).toList())
                            + "); process, templates and packages as frozen");
            return new VariablesUpdated(n, from + 1, d, "Release " + r.version() + " of '" + p.name() + "' is now revision " + (from + 1) + " ("
                    + what + "); promote it again to send it.");
        });
    }

    /** The revision of release {@code version}: 1, or n after its variables were updated (or a newer revision imported). */
    public int revision(String space, String project, String version) {
        return store.read(tx -> {
            Project p = projectHead(tx, space, project);
            return tx.releases().findHead(p.id(), version == null ? "" : version.strip()).map(ReleaseHead::revision)
                    .orElseThrow(() -> new Refusal("Project '" + p.name() + "' has no release " + version + "."));
        });
    }

    /** The revision of each of these release rows of the project (superseded ones too): what deployments of them name. */
    public Map<Long, Integer> revisions(String space, String project, java.util.Collection<Long> releaseIds) {
        return store.read(tx -> {
            Project p = projectHead(tx, space, project);
            Map<Long, Integer> out = new java.util.HashMap<>();
            for (long id : releaseIds) {
                tx.releases().findHeadById(id).filter(h -> h.projectId() == p.id()).ifPresent(h -> out.put(id, h.revision()));
            }
            return out;
        });
    }

    /** "1.2.0", or "1.2.0 (revision 2)": {@link ReleaseHead#named}. */
    public static String named(String version, int revision) {
        return ReleaseHead.named(version, revision);
    }

    /** The release whose variables may be updated, or the one-sentence refusal. */
    private static Release updatable(StoreTx tx, Space s, Project p, String version) {
        Release r = release(tx, p, version);
        Optional<Long> source = tx.projects().sourceSpace(p.id());
        if (source.isPresent()) {
            String from = tx.spaces().findById(source.get()).map(Space::name).orElse("another space");
            throw new Refusal("Release " + r.version() + " of '" + p.name() + "' was imported from '" + from + "', so its variables come only"
                    + " from there: update them in '" + from + "' and promote it again.");
        }
        if (SnapshotChanges.between(r.snapshot(), revised(r, p)).variables().none()) {
            throw new Refusal("Release " + r.version() + " of " + p.name() + " already has the project's current variables; nothing to update.");
        }
        return r;
    }

    /** The release's frozen snapshot with the project's current variables. */
    private static ReleaseSnapshot revised(Release r, Project p) {
        ReleaseSnapshot f = r.snapshot();
        return new ReleaseSnapshot(f.process(), p.variables(), f.templates(), f.packages());
    }

    /**
     * The comparison of two releases of one project (local, or imported into this space): FROM the older side,
     * TO the newer, as the caller names them. Reads only; the diff of large releases is computed outside the
     * store's lock.
     */
    public ReleaseDiff compare(String space, String project, String fromVersion, String toVersion) {
        Release[] both = store.read(tx -> {
            Project p = project(tx, space, project);
            return new Release[] {release(tx, p, fromVersion), release(tx, p, toVersion)};
        });
        return ReleaseDiff.of(both[0], both[1]);
    }

    /**
     * Records in the audit log that someone revealed the sensitive values of a variable in a comparison; the
     * console shows them only once this returned. Refused (nothing shown) without the master key.
     */
    public void recordReveal(String space, String project, String fromVersion, String toVersion, String variable) {
        store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.require(tx, s, project);
            Release from = release(tx, p, fromVersion);
            Release to = release(tx, p, toVersion);
            tx.audit().append("release.reveal", "variable '" + variable + "' of project '" + p.name() + "' of " + s.describe(),
                    "sensitive values revealed while comparing release " + from.version() + " with " + to.version());
            return null;
        });
    }

    /** Why no release can be created for a remote project here: one sentence, said the same by every screen and command. */
    public static String builtElsewhere(String project, String source) {
        return "Project '" + project + "' was imported from '" + source + "', so its releases come only from there, through an imported"
                + " bundle; a release cannot be created for it here.";
    }

    static Release release(StoreTx tx, Project p, String version) {
        return tx.releases().find(p.id(), version == null ? "" : version)
                .orElseThrow(() -> new Refusal("Project '" + p.name() + "' has no release " + version + "."));
    }

    private static Project project(StoreTx tx, String space, String project) {
        return ProjectService.require(tx, EnvironmentService.requireLocal(tx, space), project);
    }

    /** The project without its documents: for reads that need only its id. */
    private static Project projectHead(StoreTx tx, String space, String project) {
        return ProjectService.requireHead(tx, EnvironmentService.requireLocal(tx, space), project);
    }

    private static String channel(Project p, String channel) {
        if (channel == null || channel.isBlank()) {
            return p.defaultChannel();
        }
        return p.channels().stream().map(Channel::name).filter(c -> odcm.model.Names.same(c, channel)).findFirst()
                .orElseThrow(() -> new Refusal("Project '" + p.name() + "' has no channel '" + channel.strip() + "'; its channels are "
                        + p.channels().stream().map(Channel::name).collect(Collectors.joining(", ")) + "."));
    }

    /** Exactly one version for every package a step deploys, none for a package no step deploys; in the order of the process. */
    private static List<PackageVersion> manifest(Project p, List<PackageVersion> given) {
        Map<String, PackageVersion> byId = new LinkedHashMap<>();
        for (PackageVersion pv : given) {
            if (byId.putIfAbsent(pv.packageId().toLowerCase(Locale.ROOT), pv) != null) {
                throw new Refusal("Package '" + pv.packageId() + "' is given more than once; give one version per package.");
            }
        }
        Map<String, String> needed = new LinkedHashMap<>(); // package id (lower case) → the first step deploying it
        for (DeploymentStep st : p.process()) {
            for (PackageReference ref : st.packages()) {
                needed.putIfAbsent(ref.packageId().toLowerCase(Locale.ROOT), st.name());
            }
        }
        List<PackageVersion> manifest = new ArrayList<>();
        for (Map.Entry<String, String> e : needed.entrySet()) {
            PackageVersion pv = byId.get(e.getKey());
            if (pv == null) {
                String id = p.process().stream().flatMap(st -> st.packages().stream()).map(PackageReference::packageId)
                        .filter(x -> odcm.model.Names.same(x, e.getKey())).findFirst().orElse(e.getKey());
                throw new Refusal("Step '" + e.getValue() + "' deploys package '" + id + "', but no version of it was given.");
            }
            manifest.add(pv);
        }
        for (PackageVersion pv : given) {
            if (!needed.containsKey(pv.packageId().toLowerCase(Locale.ROOT))) {
                throw new Refusal("Package '" + pv.packageId() + "' was given, but no step of project '" + p.name() + "' deploys it.");
            }
        }
        return manifest;
    }
}
