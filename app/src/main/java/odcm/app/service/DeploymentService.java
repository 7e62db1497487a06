package odcm.app.service;

import odcm.model.role.Action;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import odcm.model.Refusal;
import odcm.model.deployment.Deployment;
import odcm.model.deployment.DeploymentRules;
import odcm.model.deployment.UpstreamDeployment;
import odcm.model.environment.Environment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.project.Project;
import odcm.model.project.VariableTemplate;
import odcm.model.release.Release;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/**
 * Recording deployments of a release to environments of its space: only in lifecycle order, and for an imported release
 * only when every mandatory value for that environment is set. Deployments are recorded, never changed.
 */
public final class DeploymentService {
    private final Store store;

    public DeploymentService(Store store) {
        this.store = store;
    }

    /** Records that {@code version} of {@code project} was deployed to {@code environment}; refused with the reason otherwise. */
    public Deployment deploy(String space, String project, String version, String environment, boolean succeeded) {
        return record(space, project, version, environment, succeeded).deployment();
    }

    /**
     * A deployment recorded, with what it brought about in the space's environment templates (decision 0057), one phrase each:
     * "instance 'Feature-1.0' of template 'Feature' provisioned", "no instance of template 'Long': …".
     */
    public record Recorded(Deployment deployment, List<String> instances, String packages) {
        public Recorded {
            instances = List.copyOf(instances);
        }

        /**
         * "" or "; instance 'Feature-1.0' of template 'Feature' provisioned" — what follows the deployment's own sentence — and,
         * where a package of the release is not present (the space's check advisory), what is wrong with it.
         */
        public String instancesWords() {
            return (instances.isEmpty() ? "" : "; " + String.join("; ", instances)) + (packages.isEmpty() ? "" : "; " + packages);
        }
    }

    /** As {@link #deploy}, saying what the deployment brought about in the space's environment templates. */
    public Recorded record(String space, String project, String version, String environment, boolean succeeded) {
        // the release's packages found and checked first, with no transaction open (files are read); decision 0059
        // (a space that uses no package store, and does not require the check, is told nothing: its releases' packages live elsewhere)
        List<PackageService.Check> checks = packageChecks(space, project, version).orElse(List.of());
        List<String> problems = checks.stream().filter(c -> c.status() != PackageService.Status.PRESENT).map(PackageService.Check::sentence).toList();
        String packageWords = problems.isEmpty() ? "" : "packages not checked: " + String.join(" ", problems);
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.require(tx, s, project);
            Release r = release(tx, p, version);
            Environment e = EnvironmentService.require(tx, s, environment);
            RoleService.check(tx, store, Action.DEPLOY, s, e.name());
            if (!e.isLive()) {
                throw new Refusal("Environment '" + e.name() + "' is a de-provisioned instance of template '" + e.templateName()
                        + "'; provision it again (template instantiate) before deploying to it.");
            }
            Optional<String> refusal = refusal(tx, s, p, r, e);
            if (refusal.isPresent()) {
                throw new Refusal(refusal.get());
            }
            boolean required = tx.packages().policy(s.id()).requireCheck();
            if (!problems.isEmpty() && required) {
                throw new Refusal(String.join(" ", problems) + " '" + s.name() + "' requires every package checked before a deployment;"
                        + " nothing was recorded.");
            }
            if (!required && !r.snapshot().packages().isEmpty() && (checks.isEmpty() || !problems.isEmpty())) {
                PackageService.requirementNotRemoved(tx, s); // going on with packages unchecked: the setting's row must not be gone (V31)
            }
            Deployment d = tx.deployments().insert(s.id(), r.id(), e.id(), succeeded, StoreTime.now(store.clock()), store.person().name());
            tx.audit().append("deployment.record", "release " + r.version() + " of project '" + p.name() + "' of " + s.describe(),
                    "deployed to " + e.name() + ": " + d.outcome() + (checks.isEmpty() ? "" : problems.isEmpty()
                            ? "; all " + checks.size() + " packages present" : "; " + packageWords));
            ReceiptService.flowBack(tx, d.deployedAt(), s, r, d);
            // a failed deployment reaches no phase (0057)
            return new Recorded(d, succeeded ? TemplateService.follow(tx, store, s, p, r) : List.of(), packageWords);
        });
    }

    /**
     * What a deployment of the release would find of its packages here (decision 0059); empty where the space uses no package
     * store (nothing added, no feed) and does not require the check: its releases' packages live elsewhere, and a deployment
     * is told nothing of them. Reads files: never on the FX thread.
     */
    public java.util.Optional<List<PackageService.Check>> packageChecks(String space, String project, String version) {
        PackageService.Located located = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            return PackageService.locatedWhereUsed(store, tx, s, () -> release(tx, ProjectService.require(tx, s, project), version));
        });
        return java.util.Optional.ofNullable(located).map(PackageService.Located::check);
    }

    /**
     * Whether the space uses a package store (a package added, a feed, or the check required; decision 0059): where it does not,
     * a release's packages have no status here. Reads no file.
     */
    public boolean packagesInUse(String space) {
        return store.read(tx -> PackageService.presenceWhereUsed(store, tx, EnvironmentService.requireLocal(tx, space)) != null);
    }

    /** Every deployment of the project's releases, newest first. */
    public List<Deployment> list(String space, String project) {
        return store.read(tx -> tx.deployments().findByProject(ProjectService.require(tx, EnvironmentService.requireLocal(tx, space), project).id()));
    }

    /** The deployments of one release (its current revision), newest first. */
    public List<Deployment> ofRelease(String space, String project, String version) {
        return store.read(tx -> {
            Project p = ProjectService.require(tx, EnvironmentService.requireLocal(tx, space), project);
            return tx.deployments().findByRelease(release(tx, p, version).id());
        });
    }

    /** What an imported release's bundle said was deployed before it arrived (empty for a release made here). */
    public List<UpstreamDeployment> upstream(String space, String project, String version) {
        return store.read(tx -> {
            Project p = ProjectService.require(tx, EnvironmentService.requireLocal(tx, space), project);
            return tx.deployments().upstream(release(tx, p, version).id());
        });
    }

    /** The environments of this space the project's lifecycle deploys to, in phase order. */
    public List<String> environments(String space, String project) {
        return store.read(tx -> DeploymentRules.environments(lifecycle(tx, ProjectService.require(tx, EnvironmentService.requireLocal(tx, space), project))));
    }

    private static Optional<String> refusal(StoreTx tx, Space s, Project p, Release r, Environment e) {
        Set<String> succeeded = tx.deployments().findByRelease(r.id()).stream().filter(Deployment::succeeded)
                .map(Deployment::environment).collect(Collectors.toSet());
        Optional<String> order = DeploymentRules.orderRefusal(lifecycle(tx, p), e.name(), succeeded, r.version());
        if (order.isPresent()) {
            return order;
        }
        Optional<String> values = valuesRefusal(tx, s, p, r, e);
        if (values.isPresent()) {
            return values;
        }
        Optional<String> accepted = acceptanceRefusal(tx, s, p, r);
        return accepted.isPresent() ? accepted : ApprovalService.deploymentRefusal(tx, s.id(), r.id(), e.id());
    }

    /** Where the space requires acceptance before import (decision 0047): an imported release is deployed once accepted there. */
    static Optional<String> acceptanceRefusal(StoreTx tx, Space s, Project p, Release r) {
        return AcceptanceService.deploymentRefusal(tx, s, p, r);
    }

    /**
     * Every mandatory template value of the release must be set for the environment (docs/decisions/0049): for an
     * imported release, in the remote project's values (the importer's, editable here); for a release made here, in
     * the values frozen in it when it was created (a template's default counts), so a value set afterwards needs a new release.
     * A frozen value scoped to an instance's template counts by any name the template had since (decision 0057: a rename
     * rewrites the project's scopes, never a frozen release's), read from the audit log only when its present name falls short.
     */
    private static Optional<String> valuesRefusal(StoreTx tx, Space s, Project p, Release r, Environment e) {
        boolean imported = tx.projects().sourceSpace(p.id()).isPresent();
        List<VariableTemplate> missing = imported ? DeploymentRules.missingValues(r.snapshot().templates(), p.variables(), e.name(), e.templateName())
                : DeploymentRules.missingValuesOrDefaults(r.snapshot().templates(), r.snapshot().variables(), e.name(), e.templateName());
        if (!imported && !missing.isEmpty() && e.isInstance()) {
            List<String> names = AuditAnchor.templateNames(tx, s, e.templateName(), r.createdAt(),
                    "so release " + r.version() + "'s values scoped to a former name of template '" + e.templateName() + "' cannot be relied upon");
            missing = names.size() == 1 ? missing : DeploymentRules.missingValuesOrDefaults(r.snapshot().templates(), r.snapshot().variables(), e.name(), names);
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String names = missing.stream().map(VariableTemplate::name).collect(Collectors.joining(", "));
        boolean one = missing.size() == 1;
        return Optional.of("Release " + r.version() + " of '" + p.name() + "' cannot be deployed to " + e.name() + ": "
                + (one ? "the mandatory value " : "the mandatory values ") + names + (one ? " is" : " are") + " not set for it"
                + (imported ? "; set " + (one ? "it" : "them") + " in the project's variables."
                : " in this release (its values were frozen when it was created); set " + (one ? "it" : "them")
                + " in the project's variables and create a new release."));
    }

    /** The project's lifecycle with the live instances of its templates as environments of their phases (decision 0057). */
    static Lifecycle lifecycle(StoreTx tx, Project p) {
        Lifecycle l = tx.lifecycles().findById(p.lifecycleId()).orElseThrow();
        return RemoteTemplateService.withInstances(tx, l); // local and remote templates' instances (0057, 0058)
    }

    /**
     * How far release {@code releaseId} went, as promotion order counts it: local environments deployed to successfully, remote
     * environments a space reported a successful deployment to, the spaces a bundle of it was made for. Only its rows are read.
     */
    static DeploymentRules.Progress progress(StoreTx tx, Space s, long releaseId) {
        return new DeploymentRules.Progress(
                tx.deployments().findByRelease(releaseId).stream().filter(Deployment::succeeded).map(Deployment::environment).collect(Collectors.toSet()),
                tx.receipts().remoteDeployments(s.id(), releaseId).stream().filter(d -> d.succeeded())
                        .map(d -> odcm.model.environment.RemoteEnvironment.displayName(d.reporterName(), d.environment())).collect(Collectors.toSet()),
                tx.bundles().promotedTo(s.id(), releaseId));
    }

    private static Release release(StoreTx tx, Project p, String version) {
        return tx.releases().find(p.id(), version == null ? "" : version)
                .orElseThrow(() -> new Refusal("Project '" + p.name() + "' has no release " + version + "."));
    }
}
