package odcm.app.service;

import java.util.HashMap;
import java.util.Map;
import odcm.model.dashboard.Dashboard;
import odcm.model.dashboard.DashboardBuilder;
import odcm.model.deployment.Deployment;
import odcm.model.deployment.UpstreamDeployment;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.project.Project;
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
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            DashboardBuilder b = new DashboardBuilder(s.name(), StoreTime.now(store.clock()))
                    .environments(tx.environments().findBySpace(s.id()).stream().map(Environment::name).toList())
                    .lifecycles(tx.lifecycles().findBySpace(s.id()));
            for (RemoteEnvironment r : tx.environments().findRemoteBySpace(s.id())) {
                b.remoteEnvironment(r.ownerSpaceName(), r.name());
            }
            Map<Long, Project> projects = new HashMap<>();
            Revisions revisions = new Revisions(tx);
            for (Project p : tx.projects().findHeadsBySpace(s.id())) {
                projects.put(p.id(), p);
                b.project(p.name(), tx.projects().sourceSpace(p.id()).isPresent());
                for (Deployment d : tx.deployments().findByProject(p.id())) {
                    b.local(p.name(), d.environment(), d.version(), revisions.of(d.releaseId()), d.succeeded(), d.deployedAt(), d.deployedBy());
                }
                for (ReleaseHead r : tx.releases().findHeadsByProject(p.id())) {
                    for (UpstreamDeployment u : tx.deployments().upstream(r.id())) {
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
        });
    }

    /** Revisions of releases read once each. */
    private static final class Revisions {
        private final StoreTx tx;
        private final Map<Long, Integer> known = new HashMap<>();

        Revisions(StoreTx tx) {
            this.tx = tx;
        }

        int of(long releaseId) {
            return known.computeIfAbsent(releaseId, id -> tx.releases().revision(id));
        }
    }
}
