package odcm.app.ui.release;

import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import odcm.app.service.BundleService;
import odcm.app.service.ApprovalService;
import odcm.app.service.ProjectService;
import odcm.app.service.DeploymentService;
import odcm.app.service.ReleaseService;
import odcm.model.deployment.Deployment;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.SelectableList;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.project.Project;
import odcm.model.release.Release;
import odcm.model.release.ReleaseHead;

/** The releases of one project of the current space, newest first, with search and the selected release. */
public final class ReleasesViewModel {
    private final ProjectService projects;
    private final ReleaseService releases;
    private final BundleService bundles;
    private final DeploymentService deploymentService;
    private final ObservableList<Deployment> deployments = FXCollections.observableArrayList();
    private final ObservableList<String> decisions = FXCollections.observableArrayList();
    private final ObjectProperty<ReleaseSnapshotView.Shown> snapshot = new javafx.beans.property.SimpleObjectProperty<>();
    /** The selected release's packages by status where this space deploys them (decision 0059); empty while being checked. */
    private final ObjectProperty<Map<odcm.model.release.PackageVersion, String>> packageStatus = new javafx.beans.property.SimpleObjectProperty<>(Map.of());
    private final ApprovalService approvals;
    private final TaskRunner runner;
    private final CurrentSpace space;
    private final ObservableList<String> projectNames = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty();
    private final SelectableList<Release> list = new SelectableList<>(Release::version, true);
    private final FilteredList<Release> shown = new FilteredList<>(list.items());
    private final StringProperty filter = new SimpleStringProperty("");
    /** Why "Create release…" is not possible for the chosen project ("" when it is): a remote project builds nothing. */
    private final StringProperty createProblem = new SimpleStringProperty("");
    private final StatusMessage message = new StatusMessage();
    /** The spaces the chosen project's lifecycle promotes to. */
    private final ObservableList<BundleService.Target> targets = FXCollections.observableArrayList();
    private boolean loadingProjects;
    /** Release id → revision, of the releases listed (read with them). */
    private Map<Long, Integer> revisions = Map.of();
    /** Each listed release's approval state in the space (decision 0046), by release id. */
    private Map<Long, String> approvalStates = Map.of();

    /** Acceptance before import (decision 0047): what is said of the selected imported release ("" where nothing is). */
    private final odcm.app.service.AcceptanceService acceptances;
    private final StringProperty acceptance = new SimpleStringProperty("");

    public ReleasesViewModel(ProjectService projects, ReleaseService releases, BundleService bundles, DeploymentService deployments,
                             ApprovalService approvals, odcm.app.service.AcceptanceService acceptances, TaskRunner runner, CurrentSpace space) {
        this.acceptances = acceptances;
        this.projects = projects;
        this.releases = releases;
        this.bundles = bundles;
        this.deploymentService = deployments;
        this.approvals = approvals;
        list.selectedProperty().addListener((o, was, now) -> {
            loadDeployments();
            loadShown(now);
            loadAcceptance(now);
        });
        this.runner = runner;
        this.space = space;
        filter.addListener((o, was, now) -> shown.setPredicate(r -> matches(r, now)));
        project.addListener((o, was, now) -> {
            if (!loadingProjects) {
                loadReleases(null);
            }
        });
        space.nameProperty().addListener((o, was, now) -> {
            message.clear();
            refresh();
        });
    }

    static boolean matches(Release r, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        return (r.version() + "\n" + r.channel() + "\n" + r.notes()).toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Reloads the projects of the current space (keeping the chosen one) and its releases. */
    public void refresh() {
        if (!space.isChosen()) {
            setProjects(List.of());
            return;
        }
        String s = space.name();
        runner.run("Loading the projects of '" + s + "'", () -> projects.list(s).stream().map(Project::name).toList(), names -> {
            if (s.equals(space.name())) {
                setProjects(names);
            }
        }, message::error);
    }

    private void setProjects(List<String> names) {
        String keep = project.get();
        loadingProjects = true;
        projectNames.setAll(names);
        project.set(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(0));
        loadingProjects = false;
        loadReleases(null);
    }

    private void loadReleases(String select) {
        String s = space.name();
        String p = project.get();
        if (p == null || !space.isChosen()) {
            list.replace(List.of());
            targets.clear();
            createProblem.set("");
            return;
        }
        runner.run("Loading the releases of '" + p + "'", () -> new Loaded(releases.list(s, p), bundles.targets(s, p),
                projects.importedFrom(s, p).map(src -> ReleaseService.builtElsewhere(p, src)).orElse(""),
                releases.heads(s, p).stream().collect(java.util.stream.Collectors.toMap(ReleaseHead::id, ReleaseHead::revision)),
                approvals.states(s, p)), loaded -> {
            if (p.equals(project.get())) {
                revisions = loaded.revisions();
                approvalStates = loaded.approvalStates();
                list.replace(loaded.releases(), select);
                targets.setAll(loaded.targets());
                createProblem.set(loaded.createProblem());
            }
        }, message::error);
    }

    /** Reads the project as it is now and opens the dialog's model with it (the next version suggested). */
    public void startCreate(Consumer<CreateReleaseViewModel> open) {
        String s = space.name();
        String p = project.get();
        if (p == null) {
            message.error("Choose a project first: a release is a version of a project.");
            return;
        }
        if (!createProblem.get().isEmpty()) {
            message.error(createProblem.get());
            return;
        }
        runner.run("Reading project '" + p + "'", () -> {
            Project found = projects.find(s, p);
            List<Release> existing = releases.list(s, p);
            return new CreateReleaseViewModel(releases, runner, s, found, existing.isEmpty() ? null : existing.get(0).version());
        }, open, message::error);
    }

    /** Why "Create release…" (and Ctrl+N) is not possible for the chosen project, or "" when it is. */
    public StringProperty createProblemProperty() {
        return createProblem;
    }

    private record Loaded(List<Release> releases, List<BundleService.Target> targets, String createProblem, Map<Long, Integer> revisions,
                          Map<Long, String> approvalStates) {
    }

    /** "Approved", "Rejected", "Pending (1 of 2)", "Voided by revision 2"…: the release's approval state in this space. */
    public String approval(Release r) {
        return approvalStates.getOrDefault(r.id(), "");
    }

    /** "1.2.0", or "1.2.0 (revision 2)" after its variables were updated (or a later revision was imported). */
    public String version(Release r) {
        return ReleaseService.named(r.version(), revisions.getOrDefault(r.id(), 1));
    }

    /** What "Update variables…" asks before it makes revision {@code revision} of release {@code version}. */
    public record VariablesChange(String space, String project, String version, int revision, String question) {
    }

    /**
     * Reads what "Update variables" would change in the selected release (on the task runner) and opens the confirmation
     * with it; a refusal (nothing changed, an imported release, no role) lands in the message line instead.
     */
    public void startUpdateVariables(Consumer<VariablesChange> open) {
        Release r = list.selectedProperty().get();
        String s = space.name();
        String p = project.get();
        if (r == null || p == null) {
            message.error("Select the release whose variables to update.");
            return;
        }
        message.clear();
        runner.run("Comparing release " + r.version() + " with the project's variables", () -> {
            odcm.model.compare.ReleaseDiff d = releases.variablesUpdate(s, p, r.version());
            int next = releases.revision(s, p, r.version()) + 1;
            return new VariablesChange(s, p, r.version(), next, "Make revision " + next + " of release " + r.version() + " of '" + p
                    + "' with the project's current variables? Its process, templates and packages stay as frozen; approvals and deployments of"
                    + " the earlier revision do not carry over.\n\n" + d.summary().replaceAll("\\.$", ":") + "\n" + changeLines(d, SHOWN_CHANGES));
        }, open, message::error);
    }

    /** At most this many changes are listed in the confirmation, then how many more. */
    static final int SHOWN_CHANGES = 12;

    /** "~ LogLevel (all environments): Info → Debug", one line per changed variable (sensitive values masked). */
    static String changeLines(odcm.model.compare.ReleaseDiff d, int max) {
        List<odcm.model.compare.Entry> changes = d.changes(odcm.model.compare.Section.VARIABLES);
        StringBuilder out = new StringBuilder();
        for (odcm.model.compare.Entry e : changes.subList(0, Math.min(max, changes.size()))) {
            out.append("  ").append(e.marker()).append(' ').append(e.name());
            for (odcm.model.compare.FieldChange f : e.changedFields()) {
                if (f.field().equals("Value")) {
                    out.append(": ").append(f.from() == null ? "" : oneLine(f.from().shown())).append(f.from() == null || f.to() == null ? "" : " → ")
                            .append(f.to() == null ? "" : oneLine(f.to().shown()));
                }
            }
            out.append('\n');
        }
        if (changes.size() > max) {
            out.append("  and ").append(changes.size() - max).append(" more (Compare… shows them all once updated)\n");
        }
        return out.toString().stripTrailing();
    }

    private static String oneLine(String v) {
        String t = v.replace('\n', ' ');
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }

    /** Makes the new revision (called by the confirmation, on the task runner); the sentence is shown by {@link #variablesUpdated}. */
    public void updateVariables(VariablesChange c) {
        updatedSentence = releases.updateVariables(c.space(), c.project(), c.version()).sentence();
    }

    public void variablesUpdated(VariablesChange c) {
        message.info(updatedSentence);
        if (c.project().equals(project.get())) {
            loadReleases(c.version());
        }
    }

    private volatile String updatedSentence = "";

    public TaskRunner runner() {
        return runner;
    }

    /** Why "Promote to space…" is not possible now, or "" when it is. */
    public String promoteProblem() {
        if (list.selectedProperty().get() == null) {
            return "Select a release to promote.";
        }
        return targets.isEmpty() ? "The lifecycle of '" + project.get() + "' promotes to no other space; add a promotion phase to it." : "";
    }

    /** Reads the targets now and opens "Promote to space…" for the selected release. */
    public void startPromote(java.nio.file.Path folder, Consumer<odcm.app.ui.bundle.PromoteViewModel> open) {
        Release r = list.selectedProperty().get();
        if (!promoteProblem().isEmpty()) {
            message.error(promoteProblem());
            return;
        }
        String s = space.name();
        runner.run("Reading where '" + r.projectName() + "' promotes to", () -> bundles.targets(s, r.projectName(), r.version()),
                t -> open.accept(new odcm.app.ui.bundle.PromoteViewModel(bundles, runner, s, r, t, folder)), message::error);
    }

    public void promoted(odcm.app.ui.bundle.PromoteViewModel.Result r) {
        message.info(r.promoted() != null ? "Wrote the bundle for '" + r.target() + "' to " + r.promoted().entry().fileName()
                + "; it is in the Outbox with its fingerprint." : "Delivered to '" + r.target() + "': " + r.delivered().sentence());
    }

    public ObservableList<BundleService.Target> targets() {
        return targets;
    }

    /** The selected release as its snapshot shows it; its thousands of variables are sorted on the task runner. */
    private void loadShown(Release r) {
        if (r == null) {
            snapshot.set(null);
            return;
        }
        String in = space.name();
        record Prepared(ReleaseSnapshotView.Shown shown, boolean packagesInUse) {
        }
        runner.run("Reading release " + r.version(), () -> new Prepared(ReleaseSnapshotView.Shown.of(r),
                !r.snapshot().packages().isEmpty() && deploymentService.packagesInUse(in)), prepared -> {
            if (r == list.selectedProperty().get()) {
                snapshot.set(prepared.shown());
                loadPackageStatus(r, prepared.packagesInUse());
            }
        }, message::error);
    }

    /**
     * Finds and checks the release's packages (store, then feeds; files hashed) on the task runner, after its snapshot shows;
     * no status column at all where the space uses no package store (known with the snapshot, so never a "checking…" there).
     */
    private void loadPackageStatus(Release r, boolean inUse) {
        packageStatus.set(inUse ? new java.util.HashMap<>() : null); // a new map each time: the view says "checking…" again
        String s = space.name();
        String p = project.get();
        if (!inUse || p == null) {
            return;
        }
        runner.run("Checking the packages of release " + r.version(), () -> deploymentService.packageChecks(s, p, r.version()), found -> {
            if (r == list.selectedProperty().get()) {
                // null (no status column) where the space uses no package store (decision 0059)
                packageStatus.set(found.map(ReleasesViewModel::statusWords).orElse(null));
            }
        }, message::error);
    }

    private static Map<odcm.model.release.PackageVersion, String> statusWords(List<odcm.app.service.PackageService.Check> checks) {
        Map<odcm.model.release.PackageVersion, String> m = new java.util.HashMap<>();
        checks.forEach(c -> m.put(c.pkg(), c.status() == odcm.app.service.PackageService.Status.PRESENT ? "present"
                : c.status().words() + ": " + c.sentence()));
        return Map.copyOf(m);
    }

    /** The selected release's packages' status (decision 0059); an empty map while they are being checked, null where the space uses no package store. */
    public ObjectProperty<Map<odcm.model.release.PackageVersion, String>> packageStatusProperty() {
        return packageStatus;
    }

    /** The selected release as the snapshot view shows it, once prepared (null while none is selected). */
    public ObjectProperty<ReleaseSnapshotView.Shown> snapshotProperty() {
        return snapshot;
    }

    private void loadDeployments() {
        Release r = list.selectedProperty().get();
        String s = space.name();
        String p = project.get();
        if (r == null || p == null) {
            deployments.clear();
            decisions.clear();
            return;
        }
        record Loaded(List<Deployment> deployments, List<String> decisions) {
        }
        runner.run("Loading the deployments of " + r.version(), () -> {
            ApprovalService.History h = approvals.history(s, p, r.version());
            return new Loaded(deploymentService.ofRelease(s, p, r.version()), h.decisions().stream()
                    .map(d -> (d.voided() ? "Voided by revision " + h.revision() + ": " : "") + odcm.app.ui.common.Formats.minutes(d.decision().decidedAt())
                            + " " + d.decision().coverage() + (d.decision().comment().isEmpty() ? "" : ": " + d.decision().comment())).toList());
        }, loaded -> {
            // The same object still selected (as loadShown asks): a reloaded copy would equal it only after a comparison of
            // all of its steps and variables on the FX thread, and its selection loads again anyway.
            if (r == list.selectedProperty().get()) {
                deployments.setAll(loaded.deployments());
                decisions.setAll(loaded.decisions());
            }
        }, message::error);
    }

    /** Reads the environments of the project's lifecycle and opens the Deploy dialog's form for the selected release. */
    public void startDeploy(Consumer<DeployDialog.Form> open) {
        Release r = list.selectedProperty().get();
        String s = space.name();
        String p = project.get();
        if (r == null || p == null) {
            message.error("Select a release to deploy.");
            return;
        }
        runner.run("Reading the lifecycle of '" + p + "'", () -> new DeployDialog.Form(deploymentService, runner, s, p, r.version(),
                deploymentService.environments(s, p)), open, message::error);
    }

    public void deployed(DeploymentService.Recorded done) {
        Deployment d = done.deployment();
        message.info("Recorded: release " + ReleaseService.named(d.version(), revisions.getOrDefault(d.releaseId(), 1)) + " deployed to " + d.environment() + ", "
                + d.outcome() + done.instancesWords() + ".");
        loadDeployments();
    }

    private void loadAcceptance(Release r) {
        String s = space.name();
        String p = project.get();
        acceptance.set("");
        if (r == null || p == null) {
            return;
        }
        runner.run("Reading the acceptance of " + r.version(), () -> acceptances.status(s, p, r.version()).orElse(""), said -> {
            if (r == list.selectedProperty().get()) { // as in loadDeployments
                acceptance.set(said);
            }
        }, message::error);
    }

    /** What is said of the selected imported release's acceptance ("Imported by bob. Awaits acceptance in Prod Space. …"), or "". */
    public StringProperty acceptanceProperty() {
        return acceptance;
    }

    /** Reads the review of the selected imported release (its diff against the previous import) and opens "Accept…" with it. */
    public void startAccept(Consumer<AcceptViewModel> open) {
        Release r = list.selectedProperty().get();
        String s = space.name();
        String p = project.get();
        if (r == null || p == null) {
            message.error("Select an imported release to accept.");
            return;
        }
        runner.run("Comparing release " + r.version() + " with the previous import", () -> AcceptViewModel.read(acceptances, runner, s, p, r.version()),
                open, message::error);
    }

    public void decided(odcm.model.release.ImportAcceptance d) {
        Release r = list.selectedProperty().get();
        message.info("Release " + (r == null ? "" : r.version() + " ") + d.verdict().words() + " by " + d.decidedBy()
                + (d.accepted() ? "; it may be deployed here." : "; it is not deployed here until an approver accepts it."));
        loadAcceptance(r);
    }

    /** The approval decisions on the selected release, newest first, each with what it covered ("Voided by revision 2: …" first). */
    public ObservableList<String> decisions() {
        return decisions;
    }

    /** The deployments of the selected release, newest first. */
    public ObservableList<Deployment> deployments() {
        return deployments;
    }

    /**
     * The comparison of the selected release (TO; the newest when none is selected) with the one before it (FROM);
     * either can be changed in the comparison. Needs two releases.
     */
    public java.util.Optional<CompareViewModel> startCompare() {
        String p = project.get();
        List<String> versions = list.items().stream().map(Release::version).toList();
        if (p == null || versions.size() < 2) {
            message.error("Comparing needs two releases of the project; create another release first.");
            return java.util.Optional.empty();
        }
        Release chosen = selectedProperty().get();
        String[] pair = CompareViewModel.defaultPair(versions, chosen == null ? versions.get(0) : chosen.version());
        return java.util.Optional.of(new CompareViewModel(releases, approvals, runner, space.name(), p, versions, pair[0], pair[1]));
    }

    public void created(Release r) {
        filter.set("");
        message.info("Created release " + r.version() + " of '" + r.projectName() + "'. Its snapshot is frozen: it never changes.");
        loadReleases(r.version());
    }

    public ObservableList<String> projectNames() {
        return projectNames;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public ObservableList<Release> all() {
        return list.items();
    }

    public FilteredList<Release> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Release> selectedProperty() {
        return list.selectedProperty();
    }

    public StatusMessage message() {
        return message;
    }

    public CurrentSpace space() {
        return space;
    }
}
