package odcm.app.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import odcm.model.dashboard.Dashboard;
import odcm.model.dashboard.DashboardBuilder;
import odcm.model.deployment.Deployment;
import odcm.model.deployment.UpstreamDeployment;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.project.Project;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseHead;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.receipt.ReceiptRepository.RemoteDeployment;

/**
 * The dashboard of a space: where each of its projects' releases is, here and in other spaces, read in one transaction
 * (deployments recorded here, outcomes other spaces reported, the history imported bundles carried) and built by
 * {@link DashboardBuilder}. Ages count to the store's clock.
 */
public final class DashboardService {
    private final Store store;

    public DashboardService(Store store) {
        this.store = store;
    }

    public Dashboard dashboard(String space) {
        return store.read(tx -> build(tx, EnvironmentService.requireLocal(tx, space), new HashMap<>(), new HashMap<>()));
    }

    /**
     * As {@link #dashboard}, with a note per release it shows that names packages (those of the latest deployment to each of the
     * space's own environments, and each project's newest release) saying how many of its packages are not present here
     * (decision 0059, 2026-12-05): a look for a file under the hash in the store, or one a feed names, nothing hashed, so the
     * dashboard stays cheap. No note where the space uses no package store. The files are looked at after the transaction.
     */
    public Dashboard withPackages(String space) {
        record Shown(String project, String release, List<PackageVersion> packages) {
        }
        record Read(Dashboard dashboard, PackagePresence presence, List<Shown> releases) {
        }
        Read read = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Map<Long, Project> projects = new HashMap<>();
            Map<Long, String> newest = new HashMap<>();
            Dashboard d = build(tx, s, projects, newest);
            PackagePresence presence = PackageService.presenceWhereUsed(store, tx, s);
            List<Shown> releases = new ArrayList<>();
            for (Dashboard.Row row : presence == null ? List.<Dashboard.Row>of() : d.rows()) {
                Project p = projects.values().stream().filter(x -> x.name().equals(row.project())).findFirst().orElseThrow();
                Set<String> versions = new LinkedHashSet<>();
                Optional.ofNullable(newest.get(p.id())).ifPresent(versions::add);
                row.cells().values().stream().filter(Dashboard.Cell::local).map(Dashboard.Cell::version).forEach(versions::add);
                for (String v : versions) {
                    tx.releases().find(p.id(), v).filter(r -> !r.snapshot().packages().isEmpty())
                            .ifPresent(r -> releases.add(new Shown(p.name(), r.version(), r.snapshot().packages())));
                }
            }
            return new Read(d, presence, releases);
        });
        if (read.presence() == null) {
            return read.dashboard();
        }
        return read.dashboard().withPackages(read.releases().stream()
                .map(r -> new Dashboard.PackageNote(r.project(), r.release(), r.packages().size(), read.presence().notPresent(r.packages()))).toList());
    }

    /** The dashboard of {@code s}; fills {@code projects} (by id) and {@code newest} (each project's newest release's version). */
    private Dashboard build(StoreTx tx, Space s, Map<Long, Project> projects, Map<Long, String> newest) {
        DashboardBuilder b = new DashboardBuilder(s.name(), StoreTime.now(store.clock()))
                .environments(tx.environments().findBySpace(s.id()).stream().map(Environment::name).toList())
                .lifecycles(tx.lifecycles().findBySpace(s.id()));
        for (RemoteEnvironment r : tx.environments().findRemoteBySpace(s.id())) {
            b.remoteEnvironment(r.ownerSpaceName(), r.name());
        }
        Revisions revisions = new Revisions(tx);
        for (Project p : tx.projects().findHeadsBySpace(s.id())) {
            projects.put(p.id(), p);
            b.project(p.name(), tx.projects().sourceSpace(p.id()).isPresent());
            List<ReleaseHead> heads = tx.releases().findHeadsByProject(p.id()); // newest first
            heads.forEach(revisions::known);
            for (Deployment d : tx.deployments().findByProject(p.id())) {
                b.local(p.name(), d.environment(), d.version(), revisions.of(d.releaseId()), d.succeeded(), d.deployedAt(), d.deployedBy());
            }
            Map<Long, List<UpstreamDeployment>> upstream = tx.deployments().upstreamOfProject(p.id());
            for (ReleaseHead r : heads) {
                newest.putIfAbsent(p.id(), r.version());
                for (UpstreamDeployment u : upstream.getOrDefault(r.id(), List.of())) {
                    b.upstream(p.name(), u.space(), u.environment(), r.version(), r.revision(), "succeeded".equalsIgnoreCase(u.outcome()),
                            u.deployedAt());
                }
            }
        }
        for (RemoteDeployment d : tx.receipts().remoteDeployments(s.id())) {
            ReleaseHead r = tx.releases().findHeadById(d.releaseId()).orElse(null);
            Project p = r == null ? null : projects.get(r.projectId());
            if (p != null) {
                b.reported(p.name(), d.reporterName(), d.environment(), r.version(), r.revision(), d.succeeded(), d.deployedAt(),
                        d.deployedBy(), d.receiptId() == null ? null : d.reportedAt());
            }
        }
        return b.build();
    }

    /** Revisions of releases read once each; those of the heads read already are not read again. */
    private static final class Revisions {
        private final StoreTx tx;
        private final Map<Long, Integer> known = new HashMap<>();

        Revisions(StoreTx tx) {
            this.tx = tx;
        }

        void known(ReleaseHead head) {
            known.put(head.id(), head.revision());
        }

        int of(long releaseId) {
            return known.computeIfAbsent(releaseId, id -> tx.releases().revision(id));
        }
    }
}
