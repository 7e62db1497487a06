package odcm.app.service;

import odcm.model.role.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import odcm.model.Names;
import odcm.model.Progress;
import odcm.model.Refusal;
import odcm.model.compare.ReleaseDiff;
import odcm.model.deployment.DeploymentRules;
import odcm.model.deployment.UpstreamDeployment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.project.Channel;
import odcm.model.project.Project;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.Release;
import odcm.model.release.ReleaseSnapshot;
import odcm.model.release.SnapshotChanges;
import odcm.model.space.Space;
import odcm.packaging.bundle.BundleContent;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.bundle.BundleRepository;
import odcm.persistence.project.ProjectData;

/**
 * Imports a release bundle into a local space: first a preview (who sent it, what is inside, what changed since the
 * release imported before, which lifecycles fit, the values form), then the import itself, as one transaction.
 * See docs/decisions/0011-importing-release-bundles.md.
 */
public final class ImportService {
    private final Store store;

    public ImportService(Store store) {
        this.store = store;
    }

    /** Where a field's value comes from, before the importer changes it. */
    public enum Origin {
        SET_HERE("set here before"), PROVIDED("provided by the source"), DEFAULT("the template's default"), NONE("no value yet");

        private final String words;

        Origin(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One value the importer fills in: a template for an environment, with the value it starts with. */
    public record Field(String environment, VariableTemplate template, String value, Origin origin) {
        public boolean missing() {
            return template.mandatory() && value.isBlank();
        }

        @Override
        public String toString() {
            return "Field[" + environment + "/" + template.name() + "=" + (template.type() == TemplateType.SENSITIVE ? Variable.MASK : value) + "]";
        }
    }

    /**
     * What the importer sees before importing. {@code content} is null unless the outcome is genuine; then
     * {@code fields} holds, for every environment of the target space, the form generated from the templates; {@code templates}
     * what the import would do to the environment templates the bundle carries (decision 0058: created, changed, or the
     * sentence refusing them), "" when nothing.
     */
    public record Preview(VerificationOutcome outcome, BundleContent content, String sourceSpace, String remoteProject,
                          Optional<String> previousVersion, Optional<SnapshotChanges> changes, List<Lifecycle> lifecycles,
                          List<Lifecycle> fitting, Optional<Lifecycle> suggested, Map<String, List<Field>> fields, Optional<Update> update,
                          String templates) {
        public Preview(VerificationOutcome outcome, BundleContent content, String sourceSpace, String remoteProject,
                       Optional<String> previousVersion, Optional<SnapshotChanges> changes, List<Lifecycle> lifecycles,
                       List<Lifecycle> fitting, Optional<Lifecycle> suggested, Map<String, List<Field>> fields) {
            this(outcome, content, sourceSpace, remoteProject, previousVersion, changes, lifecycles, fitting, suggested, fields, Optional.empty(), "");
        }

        public boolean importable() {
            return outcome instanceof VerificationOutcome.Genuine;
        }

        public boolean alreadyImported() {
            return outcome instanceof VerificationOutcome.AlreadyAccepted;
        }

        /**
         * The form of one lifecycle: its environments of this space in phase order, then its environment templates ("Feature
         * (template)": every instance's value, decision 0057), each with its fields.
         */
        public Map<String, List<Field>> form(Lifecycle lifecycle) {
            Map<String, List<Field>> out = new LinkedHashMap<>();
            for (String e : scopes(lifecycle)) {
                out.put(e, fields.getOrDefault(e, List.of()));
            }
            return out;
        }
    }

    /**
     * A bundle of a version this space imported before (decision 0048): {@code revisionHere} the current revision here,
     * {@code revision} the one the bundle carries, {@code diff} from the release here to the bundle's (computed outside
     * the store's lock). {@code refusal} is the sentence the import would refuse it with (an older revision), or empty.
     */
    public record Update(String version, int revisionHere, int revision, ReleaseDiff diff, String refusal) {
        /** "Update of 1.2.0: revision 2 (revision 1 is here)". */
        public String words() {
            return "Update of " + version + ": revision " + revision + " (revision " + revisionHere + " is here)";
        }
    }

    /** What an import did. {@code imported} is false for a bundle accepted before (a no-op, said so). */
    public record Result(boolean imported, String sentence, String project, String version, int revision) {
    }

    /** Only the verification outcome, secrets left sealed: what the Inbox lists before anyone opens a bundle. */
    public VerificationOutcome check(String target, byte[] bundle) {
        return BundleChecks.verify(store, target, bundle, false);
    }

    /**
     * Records in the audit log that the importer revealed a sensitive value of a bundle on screen (an explicit action);
     * the value itself is never in the entry.
     */
    public void recordReveal(String target, BundleContent content, Variable variable) {
        store.write(tx -> tx.audit().append("bundle.reveal", "sensitive value '" + variable.name() + "' (" + variable.scope() + ") of bundle "
                + content.bundleId(), "revealed on screen in " + EnvironmentService.requireLocal(tx, target).describe() + " while reviewing release "
                + content.version() + " of '" + content.project() + "' from " + content.sourceSpace()));
    }

    /**
     * For the Inbox (decision 0047): what became of the release a bundle imported here brought, where acceptance is
     * required or was decided: "awaits acceptance", "accepted by alice", "declined by alice"; empty otherwise.
     */
    public Optional<String> acceptanceOf(String target, java.util.UUID bundleId) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, target);
            return tx.bundles().accepted(s.id(), bundleId).flatMap(a -> {
                List<odcm.model.release.ImportAcceptance> d = tx.acceptances().decisions(s.id(), a.releaseId());
                if (!d.isEmpty()) {
                    return Optional.of((d.get(0).accepted() ? "accepted by " : "declined by ") + d.get(0).decidedBy());
                }
                return tx.acceptances().isRequired(s.id()) ? Optional.of("awaits acceptance") : Optional.<String>empty();
            });
        });
    }

    /** Checks and reads {@code bundle} as {@code target} sees it; changes nothing. */
    public Preview preview(String target, byte[] bundle) {
        return preview(target, bundle, false);
    }

    /** As {@link #preview(String, byte[])}; with {@code acceptSequenceJump} a sequence jump the importer confirmed is no refusal. */
    public Preview preview(String target, byte[] bundle, boolean acceptSequenceJump) {
        VerificationOutcome outcome = BundleChecks.verify(store, target, bundle, true, acceptSequenceJump);
        Release[] sameVersion = new Release[1];
        int[] revisionHere = new int[1];
        Preview read = store.read(tx -> {
            Space space = EnvironmentService.requireLocal(tx, target);
            List<Lifecycle> lifecycles = tx.lifecycles().findBySpace(space.id());
            List<Lifecycle> fitting = lifecycles.stream().filter(ImportService::fits).toList();
            if (!(outcome instanceof VerificationOutcome.Genuine g)) {
                return new Preview(outcome, null, "", "", Optional.empty(), Optional.empty(), lifecycles, fitting, Optional.empty(), Map.of());
            }
            Space source = source(tx, g);
            String name = remoteProjectName(source, g.content());
            Optional<Project> existing = tx.projects().findByName(space.id(), name);
            Optional<Release> previous = existing.flatMap(p -> tx.releases().findByProject(p.id()).stream().findFirst());
            Optional<Lifecycle> suggested = suggested(fitting, existing);
            Map<String, List<Field>> fields = new LinkedHashMap<>();
            DeploymentRules.Values here = new DeploymentRules.Values(existing.map(Project::variables).orElse(List.of()));
            DeploymentRules.Values provided = provided(g.content().snapshot());
            for (var e : tx.environments().findBySpace(space.id())) {
                fields.put(e.name(), fields(g.content(), e.name(), here, provided));
            }
            for (var t : tx.templates().findBySpace(space.id())) {
                String scope = PhaseMember.TemplateMember.displayName(t.name());
                fields.put(scope, fields(g.content(), scope, here, provided));
            }
            existing.flatMap(p -> tx.releases().find(p.id(), g.content().version())).ifPresent(r -> {
                sameVersion[0] = r;
                revisionHere[0] = tx.releases().revision(r.id());
            });
            return new Preview(outcome, g.content(), source.name(), name, previous.map(Release::version),
                    previous.map(r -> SnapshotChanges.between(r.snapshot(), g.content().snapshot())), lifecycles, fitting, suggested, fields,
                    Optional.empty(), templateChanges(tx, space, source, g.content()));
        });
        Release here = sameVersion[0];
        if (here == null || sameRelease(here, read.content())) {
            return read;
        }
        BundleContent c = read.content();
        ReleaseDiff diff = ReleaseDiff.of(read.remoteProject(), ReleaseDiff.Side.of(here), here.snapshot(),
                new ReleaseDiff.Side(c.version(), here.channel(), c.releaseCreated(), c.notes()), c.snapshot());
        return new Preview(read.outcome(), c, read.sourceSpace(), read.remoteProject(), read.previousVersion(), read.changes(), read.lifecycles(),
                read.fitting(), read.suggested(), read.fields(), Optional.of(new Update(c.version(), revisionHere[0], c.revision(), diff,
                olderRevision(c, read.remoteProject(), target, revisionHere[0]).orElse(""))), read.templates());
    }

    /**
     * For {@code bundle verify}: what importing the genuine bundle {@code g} into {@code target} would do to the environment
     * templates it carries (decision 0058), in words; "" when it carries none or changes nothing.
     */
    public String templateChanges(String target, VerificationOutcome.Genuine g) {
        if (g.content().environmentTemplates().isEmpty()) {
            return "";
        }
        return store.read(tx -> templateChanges(tx, EnvironmentService.requireLocal(tx, target), source(tx, g), g.content()));
    }

    /** What importing {@code c} would do to the templates it carries, in words ("" when nothing), or the sentence refusing them. */
    private static String templateChanges(StoreTx tx, Space here, Space source, BundleContent c) {
        try {
            return RemoteTemplateService.words(RemoteTemplateService.plan(tx, here, source, c.environmentTemplates(), c.version()),
                    tx.acceptances().isRequired(here.id()));
        } catch (Refusal r) {
            return r.getMessage();
        }
    }

    /**
     * The revision a bundle of a version imported before becomes here: the one it carries (decision 0048), or, for a bundle
     * without one (revision 1, written before revisions travelled) over revision 1 here, revision 2 as before.
     */
    private static int revisionFor(BundleContent c, int revisionHere) {
        return c.revision() > 1 ? c.revision() : revisionHere + 1;
    }

    /**
     * Why a bundle whose release differs from the one here cannot replace it: its revision is not newer. Bundles may arrive
     * in any order, so an earlier revision delivered late would otherwise roll the release's variables back.
     */
    private static Optional<String> olderRevision(BundleContent c, String project, String space, int revisionHere) {
        boolean older = c.revision() > 1 ? c.revision() <= revisionHere : revisionHere > 1;
        return older ? Optional.of("The bundle holds revision " + c.revision() + " of release " + c.version() + " of '" + project + "', but '"
                + space + "' already has revision " + revisionHere + " of it; an earlier revision never replaces a later one, so nothing"
                + " was imported.") : Optional.empty();
    }

    /**
     * Imports {@code bundle} into {@code target}, all or nothing. The bundle is verified again inside the write, so two
     * imports of it cannot both be accepted. {@code values}: environment → template name → value, overriding what the form
     * starts with; every mandatory value of every environment of the lifecycle must end up set, else nothing is imported
     * and the refusal lists all that are missing. {@code lifecycle} null or blank: the one that fits (see {@link #fits}).
     */
    public Result importBundle(String target, byte[] bundle, String lifecycle, Map<String, Map<String, String>> values) {
        return importBundle(target, bundle, lifecycle, values, false);
    }

    /**
     * As {@link #importBundle(String, byte[], String, Map)}; with {@code acceptSequenceJump} a bundle whose sequence jumps
     * beyond {@link BundleChecks#SEQUENCE_WINDOW} is imported too, and the jump recorded in the audit log.
     */
    public Result importBundle(String target, byte[] bundle, String lifecycle, Map<String, Map<String, String>> values,
                               boolean acceptSequenceJump) {
        return importBundle(target, bundle, lifecycle, values, acceptSequenceJump, Progress.NONE);
    }

    /**
     * As {@link #importBundle(String, byte[], String, Map, boolean)}, saying which of its {@value #IMPORT_STEPS} steps runs
     * and stopping when asked to between them ({@link Progress.Cancelled}): the transaction then rolls back, nothing imported.
     */
    public Result importBundle(String target, byte[] bundle, String lifecycle, Map<String, Map<String, String>> values,
                               boolean acceptSequenceJump, Progress progress) {
        Map<String, Map<String, String>> given = values == null ? Map.of() : values;
        store.keyVault(); // without the master key secrets cannot be opened nor values sealed: the master-key sentence first
        Result result = store.write(tx -> {
            RoleService.check(tx, store, Action.IMPORT_BUNDLE, EnvironmentService.requireLocal(tx, target));
            progress.step(0, IMPORT_STEPS, "Checking the bundle's signature and contents");
            VerificationOutcome outcome = BundleChecks.verify(store, target, bundle, true, acceptSequenceJump);
            if (outcome instanceof VerificationOutcome.AlreadyAccepted a) {
                Optional<BundleRepository.Accepted> accepted = tx.bundles().accepted(EnvironmentService.requireLocal(tx, target).id(), a.bundleId());
                return new Result(false, "This bundle (" + a.bundleId() + ") was already imported into '" + target + "'"
                        + accepted.map(x -> " on " + x.acceptedAt()).orElse(" (its audit entry says so, while the store's record of it is"
                        + " missing: removed outside ODCM Console)") + "; nothing was changed.", "", "", 0);
            }
            if (!(outcome instanceof VerificationOutcome.Genuine g)) {
                throw new Refusal(outcome.sentence());
            }
            Space here = EnvironmentService.requireLocal(tx, target);
            BundleChecks.auditAcceptedJump(tx, here, BundleChecks.Accepting.RELEASE_BUNDLES, g);
            Result imported = accept(tx, here, g, lifecycle, given, progress);
            progress.step(IMPORT_STEPS, IMPORT_STEPS, "Saving the import"); // the last moment a Cancel undoes it all
            return imported;
        });
        ImportPause.at("committed");
        return result;
    }

    /**
     * A lifecycle fits an imported release when it deploys to at least one environment of this space: a release
     * imported here is deployed here, so a lifecycle of only remote environments and promotions cannot take it.
     */
    public static boolean fits(Lifecycle lifecycle) {
        return !DeploymentRules.environments(lifecycle).isEmpty();
    }

    // ---- the import transaction ----

    /** The steps {@link #importBundle} reports: check, project, release, acceptance, audit entry. */
    public static final int IMPORT_STEPS = 5;

    private Result accept(StoreTx tx, Space space, VerificationOutcome.Genuine g, String lifecycleName, Map<String, Map<String, String>> given,
                          Progress progress) {
        BundleContent c = g.content();
        odcm.model.Names.value("The release notes in the bundle", c.notes(), true);
        ReleaseSnapshot snapshot = c.snapshot();
        if (!g.secretsOpened() && snapshot.variables().stream().anyMatch(Variable::sensitive)) {
            throw new Refusal("The bundle's sensitive values could not be opened with the private key of '" + space.name()
                    + "', so it cannot be imported.");
        }
        Space source = source(tx, g);
        String name = remoteProjectName(source, c);
        // Its head and values only: the process it mirrors is replaced by the bundle's, so it is not read (a megabyte at size).
        Optional<Project> existing = tx.projects().findHeadByName(space.id(), name);
        if (existing.isPresent() && !tx.projects().sourceSpace(existing.get().id()).equals(Optional.of(source.id()))) {
            throw new Refusal("'" + space.name() + "' already has a project named '" + existing.get().name()
                    + "' that was not imported from '" + source.name() + "'; rename it before importing this release.");
        }
        List<Lifecycle> fitting = tx.lifecycles().findBySpace(space.id()).stream().filter(ImportService::fits).toList();
        Lifecycle lifecycle = lifecycle(tx, space, lifecycleName, fitting, existing);
        List<Variable> existingValues = existing.map(p -> tx.projects().variables(p.id())).orElse(List.of());
        List<Variable> values = values(c, lifecycle, existingValues, given, name);

        StringBuilder audit = new StringBuilder("bundle " + c.bundleId() + " (sequence " + c.sequence() + ") from " + source.describe()
                + ", signed by certificate " + g.source().grouped() + "; lifecycle '" + lifecycle.name() + "'");
        // 0058: templates the bundle carries; where imports await acceptance, a change waits for it (held with the release).
        boolean held = tx.acceptances().isRequired(space.id());
        List<RemoteTemplateService.TemplateChange> plan = RemoteTemplateService.plan(tx, space, source, c.environmentTemplates(), c.version());
        RemoteTemplateService.importCarried(tx, store, space, source, plan, c.version(), held);
        String templates = RemoteTemplateService.words(plan, held);
        if (!templates.isEmpty()) {
            audit.append("; ").append(templates);
        }
        progress.step(1, IMPORT_STEPS, "Writing the project and its values");
        Project project = saveProject(tx, space, source, name, lifecycle, snapshot, values, existing, existingValues);
        ImportPause.at("project");
        progress.step(2, IMPORT_STEPS, "Writing the release");

        Optional<Release> previous = tx.releases().find(project.id(), c.version());
        int revision = 1;
        Release release;
        if (previous.isPresent() && sameRelease(previous.get(), c)) {
            release = previous.get();
            revision = tx.releases().revision(release.id());
            audit.append("; the same release was imported before, so only its values and this bundle were recorded");
        } else {
            if (previous.isPresent()) {
                int here = tx.releases().revision(previous.get().id());
                Optional<String> older = olderRevision(c, name, space.name(), here);
                if (older.isPresent()) {
                    throw new Refusal(older.get());
                }
                revision = revisionFor(c, here);
            } else {
                revision = c.revision(); // its earlier revisions never came here: it keeps the number the source gave it
            }
            release = tx.releases().insertImported(project.id(), source.id(), c.version(), revision, c.notes(), project.defaultChannel(), snapshot,
                    c.releaseCreated()); // created when the source created it, not when it arrived
            tx.deployments().insertUpstream(release.id(), c.history().stream()
                    .map(h -> new UpstreamDeployment(h.space(), h.environment(), h.deployedAt(), h.outcome())).toList());
        }
        if (held) {
            RemoteTemplateService.hold(tx, plan, release.id());
        }
        DutyService.made(tx, store, release, true); // its first importer; the same release imported again keeps it
        ImportPause.at("release");
        progress.step(3, IMPORT_STEPS, "Recording the bundle as accepted");
        tx.bundles().insertAccepted(new BundleRepository.Accepted(c.bundleId(), space.id(), source.id(), g.source(), c.sequence(), release.id(),
                StoreTime.now(store.clock())));
        ImportPause.at("accepted");
        progress.step(4, IMPORT_STEPS, "Writing the audit entry");

        String subject = "release " + c.version() + " of project '" + name + "' of " + space.describe();
        previous.filter(p -> !sameRelease(p, c)).ifPresent(p -> tx.audit().append("release.supersede", subject,
                "revision " + (tx.releases().revision(p.id())) + " superseded by revision " + tx.releases().revision(release.id())
                        + " from bundle " + c.bundleId() + "; changes: " + SnapshotChanges.between(p.snapshot(), snapshot).words()));
        audit.append("; ").append(snapshot.packages().size()).append(" packages, ").append(snapshot.process().size()).append(" steps, ")
                .append(snapshot.variables().size()).append(" variables, ").append(snapshot.templates().size()).append(" templates; ")
                .append(c.history().size()).append(" upstream deployments; values set for ")
                .append(scopes(lifecycle).stream().map(e -> e + " (" + odcm.model.audit.AuditText.few(values.stream()
                        .filter(v -> v.scope().environments().contains(e)).map(Variable::name).toList()) + ")")
                        .collect(Collectors.joining("; ")));
        if (c.outOfOrder() != null) { // the source's override of lifecycle order, signed in the bundle (decision 0045)
            audit.append("; ").append(c.outOfOrder().words()).append(" (skipped: ").append(c.outOfOrder().skipped()).append(")");
        }
        tx.audit().append("release.import", subject, audit.toString());
        TemplateService.follow(tx, store, space, project, release); // a template in the first phase: the release reached it (0057)
        ImportPause.at("audit");
        return new Result(true, "Imported release " + odcm.model.release.ReleaseHead.named(c.version(), revision) + " of '" + name
                + "' into '" + space.name() + "' with lifecycle '" + lifecycle.name() + "'"
                + (c.outOfOrder() == null ? "" : "; it was " + c.outOfOrder().words()) + (templates.isEmpty() ? "" : "; " + templates) + ".",
                name, c.version(), revision);
    }

    private static boolean sameRelease(Release r, BundleContent c) {
        return r.snapshot().equals(c.snapshot()) && r.notes().equals(c.notes());
    }

    /** The remote project mirrors the newest release's process and templates (read-only here) and holds the importer's values. */
    private Project saveProject(StoreTx tx, Space space, Space source, String name, Lifecycle lifecycle, ReleaseSnapshot snapshot,
                                List<Variable> values, Optional<Project> existing, List<Variable> existingValues) {
        List<Variable> kept = new ArrayList<>(existingValues);
        kept.removeIf(v -> values.stream().anyMatch(n -> Names.key(n.name()).equals(Names.key(v.name())) && n.scope().equals(v.scope())));
        kept.addAll(values);
        ProjectData data = new ProjectData(name, existing.map(Project::description).orElse("Imported from " + source.name() + "."), lifecycle.id(),
                snapshot.process(), kept, snapshot.templates(), existing.map(Project::channels).orElse(List.of(new Channel("Default", true))));
        if (existing.isPresent()) {
            return tx.projects().update(existing.get().id(), existing.get().version(), data).orElseThrow(); // read in this transaction
        }
        // Marked remote from its first write: an importer of a team store writes no project without its source (V20).
        return tx.projects().insert(space.id(), data, StoreTime.now(store.clock()), source.id());
    }

    private static Lifecycle lifecycle(StoreTx tx, Space space, String name, List<Lifecycle> fitting, Optional<Project> existing) {
        if (name != null && !name.isBlank()) {
            Lifecycle l = LifecycleService.require(tx, space, name);
            if (!fits(l)) {
                throw new Refusal("Lifecycle '" + l.name() + "' deploys to no environment of '" + space.name()
                        + "', so it cannot take an imported release; choose one that does.");
            }
            return l;
        }
        return suggested(fitting, existing).orElseThrow(() -> new Refusal(fitting.isEmpty()
                ? "'" + space.name() + "' has no lifecycle with an environment of its own; create one before importing."
                : "Choose the lifecycle for the imported release: " + fitting.stream().map(l -> "'" + l.name() + "'")
                .collect(Collectors.joining(", ")) + " fit."));
    }

    /** The remote project's lifecycle when it still fits, else the only lifecycle that fits. */
    private static Optional<Lifecycle> suggested(List<Lifecycle> fitting, Optional<Project> existing) {
        Optional<Lifecycle> current = existing.flatMap(p -> fitting.stream().filter(l -> l.id() == p.lifecycleId()).findFirst());
        return current.isPresent() ? current : fitting.size() == 1 ? Optional.of(fitting.get(0)) : Optional.empty();
    }

    /**
     * The value of every template for every environment of the lifecycle and each of its environment templates: given, else as
     * the form starts; refuses listing all missing for its environments (an instance's own value may still come).
     */
    private static List<Variable> values(BundleContent c, Lifecycle lifecycle, List<Variable> existing, Map<String, Map<String, String>> given,
                                         String project) {
        List<String> environments = DeploymentRules.environments(lifecycle);
        List<String> scopes = scopes(lifecycle);
        Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
        for (var e : given.entrySet()) {
            String env = scopes.stream().filter(x -> Names.key(x).equals(Names.key(e.getKey()))).findFirst()
                    .orElseThrow(() -> new Refusal("Values were given for '" + e.getKey() + "', which is not an environment of lifecycle '"
                            + lifecycle.name() + "' (" + String.join(", ", environments) + ")" + (lifecycle.templates().isEmpty() ? "."
                            : " nor one of its templates (" + lifecycle.templates().stream().map(PhaseMember.TemplateMember::displayName)
                            .collect(Collectors.joining(", ")) + ": a value for every instance of it).")));
            Map<String, String> m = byKey.computeIfAbsent(env, k -> new LinkedHashMap<>());
            for (var v : e.getValue().entrySet()) {
                VariableTemplate t = c.snapshot().templates().stream().filter(x -> Names.key(x.name()).equals(Names.key(v.getKey()))).findFirst()
                        .orElseThrow(() -> new Refusal("A value was given for '" + v.getKey() + "', which is not a variable template of this release"
                                + templateList(c)));
                m.put(t.name(), check(t, env, v.getValue() == null ? "" : v.getValue()));
            }
        }
        List<Variable> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int count = 0;
        DeploymentRules.Values here = new DeploymentRules.Values(existing);
        DeploymentRules.Values provided = provided(c.snapshot());
        for (String env : scopes) { // a template's ("Feature (template)") is every instance's, below its own value (decision 0057)
            List<String> missingHere = new ArrayList<>();
            for (Field f : fields(c, env, here, provided)) {
                VariableTemplate t = f.template();
                String value = byKey.getOrDefault(env, Map.of()).getOrDefault(t.name(), f.value());
                if (t.mandatory() && value.isBlank() && environments.contains(env)) { // an instance may still get its own value
                    missingHere.add(t.label().equals(t.name()) ? t.name() : t.label() + " (" + t.name() + ")");
                } else if (!value.isBlank()) {
                    out.add(new Variable(t.name(), value, t.type() == TemplateType.SENSITIVE, Scope.of(List.of(env))));
                }
            }
            if (!missingHere.isEmpty()) {
                missing.add(env + ": " + String.join(", ", missingHere));
                count += missingHere.size();
            }
        }
        if (!missing.isEmpty()) {
            throw new Refusal("Release " + c.version() + " of '" + project + "' was not imported: " + count + " mandatory "
                    + (count == 1 ? "value is" : "values are") + " missing — " + String.join("; ", missing) + ".");
        }
        return out;
    }

    /** What an import's values may be scoped to: the lifecycle's environments, then its templates ("Smoke (template)"). */
    private static List<String> scopes(Lifecycle lifecycle) {
        List<String> out = new ArrayList<>(DeploymentRules.environments(lifecycle));
        lifecycle.templates().forEach(t -> out.add(t.displayName()));
        return out;
    }

    private static String templateList(BundleContent c) {
        return c.snapshot().templates().isEmpty() ? " (it has none)."
                : " (" + c.snapshot().templates().stream().map(VariableTemplate::name).collect(Collectors.joining(", ")) + ").";
    }

    /** A value must suit its template's type: a select one of its options, a checkbox true or false. */
    public static String check(VariableTemplate t, String environment, String value) {
        String v = t.type() == TemplateType.MULTI_LINE ? value : value.strip();
        // Single-line values refuse control characters and line breaks; never quoting the value (it may be a password).
        odcm.model.Names.value("The value of '" + t.name() + "' for " + environment, v, t.type() == TemplateType.MULTI_LINE);
        if (v.isEmpty()) {
            return v;
        }
        if (t.type() == TemplateType.SELECT && !t.options().contains(v)) {
            throw new Refusal("The value of '" + t.name() + "' for " + environment + " must be one of " + String.join(", ", t.options())
                    + ", not '" + v + "'.");
        }
        if (t.type() == TemplateType.CHECKBOX && !v.equals("true") && !v.equals("false")) {
            throw new Refusal("The value of the checkbox '" + t.name() + "' for " + environment + " is true or false, not '" + v + "'.");
        }
        if (v.length() > 100_000) {
            throw new Refusal("The value of '" + t.name() + "' for " + environment + " is longer than 100,000 characters.");
        }
        return v;
    }

    /**
     * The bundle's values the form can start with: only a template's value is ever looked up, so only the variables that
     * may bear a template's name go into the lookup (keying all of them, 10,000 at size, was 5% of an import). A name of
     * printable ASCII has as its key the name with A-Z in lower case and its spaces tidied ({@link Names#key}), so two such
     * names share a key only if they are equal without spaces and case: {@link #fold} of them is then equal. A variable is
     * left out only when its name is printable ASCII and its fold is no template key's fold; any other name keeps it, and
     * the lookup ({@link DeploymentRules.Values}) then matches by the key itself, exactly as with every variable in it.
     */
    static DeploymentRules.Values provided(ReleaseSnapshot s) {
        int[] folds = s.templates().stream().map(t -> Names.key(t.name())).filter(ImportService::printableAscii)
                .mapToInt(ImportService::fold).sorted().toArray();
        List<Variable> candidates = new ArrayList<>();
        for (Variable v : s.variables()) {
            if (!printableAscii(v.name()) || java.util.Arrays.binarySearch(folds, fold(v.name())) >= 0) {
                candidates.add(v);
            }
        }
        return new DeploymentRules.Values(candidates);
    }

    private static boolean printableAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** A hash of a printable-ASCII name without its spaces, A-Z in lower case: equal for names of equal keys. */
    static int fold(String name) {
        int h = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch != ' ') {
                h = 31 * h + (ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
            }
        }
        return h;
    }

    /**
     * The form for one environment: every template, starting with the value set here before, else the one the source
     * provided (scoped to its remote environment '<this space>: <environment>', else unscoped), else the default.
     * {@code existing}: the values set here before; {@code variables}: the bundle's.
     */
    static List<Field> fields(BundleContent c, String environment, DeploymentRules.Values existing, DeploymentRules.Values variables) {
        String remoteName = c.targetSpace() + ": " + environment;
        List<Field> out = new ArrayList<>();
        for (VariableTemplate t : c.snapshot().templates()) {
            Optional<String> here = existing.value(t.name(), environment);
            Optional<String> provided = variables.value(t.name(), remoteName);
            if (here.isPresent()) {
                out.add(new Field(environment, t, here.get(), Origin.SET_HERE));
            } else if (provided.isPresent()) {
                out.add(new Field(environment, t, provided.get(), Origin.PROVIDED));
            } else if (!t.defaultValue().isEmpty()) {
                out.add(new Field(environment, t, t.defaultValue(), Origin.DEFAULT));
            } else {
                out.add(new Field(environment, t, "", Origin.NONE));
            }
        }
        return out;
    }

    /** The space that signed the bundle: the verifier found its pinned certificate in this store. */
    private static Space source(StoreTx tx, VerificationOutcome.Genuine g) {
        return tx.spaces().findByFingerprint(g.source())
                .orElseThrow(() -> new Refusal("The space that signed this bundle is no longer in this store."));
    }

    /** "DevTest Space: Web": matched by names, so a later release of the same project joins it. */
    static String remoteProjectName(Space source, BundleContent c) {
        String name = source.name() + ": " + c.project();
        if (name.codePointCount(0, name.length()) > Project.MAX_NAME) {
            throw new Refusal("The imported project would be named '" + name + "', longer than the " + Project.MAX_NAME
                    + " characters a project name can have.");
        }
        return Project.checkName(name);
    }
}
