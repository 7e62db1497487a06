package odcm.app.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.deployment.Deployment;
import odcm.model.deployment.DeploymentRules;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.Provisioning;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.project.Project;
import odcm.model.release.Release;
import odcm.model.role.Action;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/**
 * Environment templates of a local space and their instances (docs/decisions/0057): made by hand or when a release reaches a
 * phase holding the template, de-provisioned by hand, when the release goes on to the next phase, or after the template's days
 * without a deployment. Provisioning is recorded and audited, never executed (as deployments are).
 */
public final class TemplateService {
    private final Store store;

    public TemplateService(Store store) {
        this.store = store;
    }

    /** By name. */
    public List<EnvironmentTemplate> list(String space) {
        return store.read(tx -> tx.templates().findBySpace(EnvironmentService.requireLocal(tx, space).id()));
    }

    /** By name (any letter case). */
    public EnvironmentTemplate get(String space, String template) {
        return store.read(tx -> require(tx, EnvironmentService.requireLocal(tx, space), template));
    }

    /** Its instances, de-provisioned ones too, in the order they were made. */
    public List<Environment> instances(String space, String template) {
        return store.read(tx -> tx.templates().instances(require(tx, EnvironmentService.requireLocal(tx, space), template).id()));
    }

    /** What was provisioned and de-provisioned from it, newest first. */
    public List<Provisioning> history(String space, String template) {
        return store.read(tx -> tx.templates().history(require(tx, EnvironmentService.requireLocal(tx, space), template).id()));
    }

    /** Stores {@code draft} (see {@link EnvironmentTemplate#draft}) in the space; names unique per space, as environments'. */
    public EnvironmentTemplate create(String space, EnvironmentTemplate draft) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            RemoteTemplateService.nameFree(tx, s, draft.name());
            EnvironmentTemplate t = tx.templates().insert(draft.in(s.id()), StoreTime.now(store.clock()));
            tx.audit().append("template.create", subject(s, t.name()), "created; " + t.parameters().size() + " parameters, "
                    + t.provisioning().size() + " provisioning and " + t.deprovisioning().size() + " de-provisioning steps; instances named '"
                    + t.nameExpression() + "'; an existing one: " + t.onExisting().words()
                    + (t.deprovisionAfterDays() > 0 ? "; de-provisioned after " + t.deprovisionAfterDays() + " days without a deployment" : ""));
            return t;
        });
    }

    /**
     * Changes what a person may edit of the template to {@code edited}'s (a draft; see {@link EnvironmentTemplate#draft}), refused,
     * changing nothing, when it is no longer the one {@code seen} (decision 0036; null: as it is now). What it means for what exists
     * (decision 0057, "Editing a template"): live instances keep their names and the values they were provisioned with, and the
     * edited processes and rules apply from the next provisioning or de-provisioning; lifecycle phases and provisioning records
     * follow it by id; a rename rewrites the scopes of the space's projects ("Old (template)" becomes "New (template)"), as an
     * environment's rename does (a release's frozen values are left as frozen). A template in a lifecycle phase must still be able
     * to provision on its own.
     */
    public EnvironmentTemplate edit(String space, String template, EnvironmentTemplate edited, odcm.model.Seen seen) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            EnvironmentTemplate t = require(tx, s, template, seen);
            String what = "Environment template '" + t.name() + "' of '" + s.name() + "'";
            Changed.check(tx, seen, t.seen(), what, subject(s, t.name()));
            EnvironmentTemplate next = t.edited(edited);
            tx.templates().findByName(s.id(), next.name()).filter(o -> o.id() != t.id()).ifPresent(o -> {
                throw new Refusal("'" + s.name() + "' already has an environment template named '" + o.name() + "'.");
            });
            List<String> lifecycles = tx.templates().lifecyclesUsing(t.id());
            if (!lifecycles.isEmpty()) {
                next.automaticRefusal().ifPresent(why -> {
                    throw new Refusal(why.substring(0, why.length() - 1) + ", and it stands in a phase of lifecycle " + String.join(", ", lifecycles) + ".");
                });
            }
            List<String> changes = t.changes(next);
            if (changes.isEmpty()) {
                throw new Refusal(what + " already is as given; nothing was changed.");
            }
            EnvironmentTemplate saved = Changed.write(tx, seen, t.seen(), what, subject(s, t.name()), version -> tx.templates().update(next, version));
            if (!t.name().equals(next.name())) {
                tx.projects().renameInScopes(s.id(), PhaseMember.TemplateMember.displayName(t.name()), PhaseMember.TemplateMember.displayName(next.name()));
            }
            tx.audit().append("template.edit", subject(s, next.name()), String.join("; ", changes));
            return saved;
        });
    }

    /** Refused while a lifecycle phase or a scope holds it or it has instances, de-provisioned ones too (their records name it). */
    public void delete(String space, String template) {
        delete(space, template, null);
    }

    /** As {@link #delete(String, String)}; refused, deleting nothing, when it is no longer the one {@code seen} (decision 0036). */
    public void delete(String space, String template, odcm.model.Seen seen) {
        store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            EnvironmentTemplate t = require(tx, s, template, seen);
            Changed.check(tx, seen, t.seen(), "Environment template '" + t.name() + "' of '" + s.name() + "'", subject(s, t.name()));
            List<String> lifecycles = tx.templates().lifecyclesUsing(t.id());
            if (!lifecycles.isEmpty()) {
                throw new Refusal("Template '" + t.name() + "' is in a phase of lifecycle " + String.join(", ", lifecycles) + "; take it out of the phase first.");
            }
            List<String> scoped = tx.projects().namesScopedTo(s.id(), odcm.model.lifecycle.PhaseMember.TemplateMember.displayName(t.name()));
            if (!scoped.isEmpty()) {
                throw new Refusal("Template '" + t.name() + "' is a scope of project " + String.join(", ", scoped) + "; take it out of those scopes first.");
            }
            List<Environment> instances = tx.templates().instances(t.id());
            List<String> live = instances.stream().filter(Environment::isLive).map(Environment::name).toList();
            if (!live.isEmpty()) {
                throw new Refusal("Template '" + t.name() + "' has instances (" + String.join(", ", live) + "), so it can never be deleted: their"
                        + " records and deployments name it. Take it out of its lifecycles' phases and de-provision its instances instead.");
            }
            if (!instances.isEmpty()) { // their records and deployments name it: deleting it would wipe or hide them (review M2)
                throw new Refusal("Template '" + t.name() + "' had instances (" + String.join(", ", instances.stream().map(Environment::name).toList())
                        + "), whose records and deployments are kept with it, so it can never be deleted; take it out of its lifecycles'"
                        + " phases instead, and no release will make an instance of it.");
            }
            Changed.delete(tx, seen, t.seen(), "Environment template '" + t.name() + "' of '" + s.name() + "'", subject(s, t.name()),
                    version -> tx.templates().delete(t.id(), version));
            tx.audit().append("template.delete", subject(s, t.name()), "deleted");
            return null;
        });
    }

    /**
     * An instance made by hand: named {@code name}, or by the template's expression when blank (which then may not use the
     * release's names); {@code parameters} over the defaults. A de-provisioned instance of that name is provisioned again.
     */
    public Environment instantiate(String space, String template, String name, Map<String, String> parameters) {
        return instantiate(space, template, name, parameters, true);
    }

    /** As {@link #instantiate(String, String, String, Map)}; {@code runProcess} false records that the person skipped the provisioning process. */
    public Environment instantiate(String space, String template, String name, Map<String, String> parameters, boolean runProcess) {
        return instantiate(space, template, name, parameters, runProcess, null);
    }

    /**
     * As {@link #instantiate(String, String, String, Map, boolean)}; refused, making nothing, when the template is no longer the
     * one {@code seen} (decision 0036): the New instance… form was built from its parameters as they were (review L1).
     */
    public Environment instantiate(String space, String template, String name, Map<String, String> parameters, boolean runProcess,
                                   odcm.model.Seen seen) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            EnvironmentTemplate t = require(tx, s, template, seen);
            Changed.check(tx, seen, t.seen(), "Environment template '" + t.name() + "' of '" + s.name() + "'", subject(s, t.name()));
            Map<String, String> values = t.parameterValues(parameters);
            String n = name == null || name.isBlank() ? t.instanceName(s.name(), null, null, null, values) : Environment.checkName(name);
            Optional<Environment> existing = tx.environments().findByName(s.id(), n);
            if (existing.isPresent() && (existing.get().isLive() || !Long.valueOf(t.id()).equals(existing.get().templateId()))) {
                Environment e = existing.get();
                throw new Refusal("'" + s.name() + "' already has an environment named '" + e.name() + "'"
                        + (e.isInstance() && e.isLive() ? ", an instance of template '" + e.templateName() + "'." : "; choose another name."));
            }
            return provision(tx, store, s, t, existing, n, Provisioning.Reason.MANUAL, null, values, runProcess);
        });
    }

    /** De-provisions an instance by hand; {@code runProcess} false records that the person skipped the template's process. */
    public Environment deprovision(String space, String environment, boolean runProcess) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            Environment e = EnvironmentService.require(tx, s, environment);
            if (!e.isInstance()) {
                throw new Refusal("Environment '" + e.name() + "' was not made from a template, so there is nothing to de-provision; delete it instead.");
            }
            if (!e.isLive()) {
                throw new Refusal("Instance '" + e.name() + "' of template '" + e.templateName() + "' is already de-provisioned.");
            }
            EnvironmentTemplate t = tx.templates().findById(e.templateId()).orElseThrow();
            return deprovision(tx, store, s, t, e, Provisioning.Reason.MANUAL, null, runProcess);
        });
    }

    /** De-provisions every live instance of the space whose template's days without a deployment have passed; returns them. */
    public List<Environment> deprovisionIdle(String space) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            Instant now = StoreTime.now(store.clock());
            List<Environment> out = new ArrayList<>();
            for (EnvironmentTemplate t : tx.templates().findBySpace(s.id())) {
                for (Environment e : tx.templates().instances(t.id())) {
                    if (e.isLive() && t.due(lastActivity(tx, e), now)) {
                        out.add(deprovision(tx, store, s, t, e, Provisioning.Reason.IDLE, null, true));
                    }
                }
            }
            return out;
        });
    }

    /** The instance's last deployment, else its last provisioning. */
    private static Instant lastActivity(StoreTx tx, Environment e) {
        Instant provisioned = tx.templates().latest(e.id()).map(Provisioning::at).orElse(Instant.EPOCH);
        return tx.deployments().lastAt(e.id()).filter(d -> d.isAfter(provisioned)).orElse(provisioned);
    }

    /**
     * What release {@code r} of {@code p} brings about in the space's templates, after it was created, deployed successfully
     * or imported (in the same transaction). Once per release and template: an instance for each template in a phase it
     * reached and did not leave, where no instance was provisioned for this release yet (a de-provisioned one of that name comes
     * back; a live one of another release is re-provisioned only for a release made later, when the template says so, else
     * kept). De-provisioning, where the template says so, of the instance provisioned for it in each phase it left. A name the
     * expression cannot give for the release, or one an ordinary environment has, provisions nothing: audited
     * ({@code environment.provision-refused}), never refusing the action that called this.
     */
    static List<String> follow(StoreTx tx, Store store, Space s, Project p, Release r) {
        Lifecycle l = DeploymentService.lifecycle(tx, p);
        List<String> done = new ArrayList<>();
        if (l.templates().isEmpty()) {
            return done;
        }
        for (DeploymentRules.PhaseReach reach : DeploymentRules.reach(l, DeploymentService.progress(tx, s, r.id()))) {
            if (!reach.reached()) {
                break;
            }
            for (PhaseMember m : reach.phase().members()) {
                if (m instanceof PhaseMember.TemplateMember tm) {
                    follow(tx, store, s, p, r, tx.templates().findById(tm.templateId()).orElseThrow(), reach, done);
                }
            }
        }
        return done;
    }

    /** As {@link #follow(StoreTx, Store, Space, Project, Release)} for one template; what it did goes into {@code done}, one phrase each. */
    private static void follow(StoreTx tx, Store store, Space s, Project p, Release r, EnvironmentTemplate t, DeploymentRules.PhaseReach reach,
                               List<String> done) {
        if (reach.left()) { // the instance provisioned for this release, found by its record: the name expression may have changed since
            if (t.deprovisionWhenProgressed()) {
                tx.templates().history(t.id()).stream()
                        .filter(x -> x.kind() == Provisioning.Kind.PROVISION && Long.valueOf(r.id()).equals(x.releaseId())).findFirst()
                        .flatMap(x -> tx.templates().instances(t.id()).stream().filter(e -> e.id() == x.environmentId() && e.isLive()).findFirst())
                        .filter(e -> tx.templates().latest(e.id()).map(l -> Long.valueOf(r.id()).equals(l.releaseId())).orElse(false))
                        .ifPresent(e -> {
                            deprovision(tx, store, s, t, e, Provisioning.Reason.PROGRESSED, r, true);
                            done.add(instance(e.name(), t) + " de-provisioned (the release went on to the next phase)");
                        });
            }
            return;
        }
        boolean due = !provisionedFor(tx, t, r);
        Map<String, String> values;
        String name;
        try {
            values = t.parameterValues(Map.of());
            name = t.instanceName(s.name(), p.name(), r.version(), r.channel(), values);
        } catch (Refusal x) {
            if (due) {
                refused(tx, s, t, r, x.getMessage(), done);
            }
            return;
        }
        Optional<Environment> named = tx.environments().findByName(s.id(), name);
        Optional<Environment> existing = named.filter(e -> Long.valueOf(t.id()).equals(e.templateId()));
        if (due && named.isPresent() && existing.isEmpty()) {
            refused(tx, s, t, r, "'" + name + "' is an environment not made from the template.", done);
        } else if (due && (existing.isEmpty() || !existing.get().isLive() || reprovision(tx, t, existing.get(), r))) {
            boolean again = existing.isPresent() && existing.get().isLive();
            if (again) {
                deprovision(tx, store, s, t, existing.get(), Provisioning.Reason.PHASE, r, true);
            }
            provision(tx, store, s, t, existing, name, Provisioning.Reason.PHASE, r, values, true);
            done.add(instance(name, t) + (again ? " re-provisioned" : " provisioned"));
        }
    }

    /**
     * An imported release was declined (decision 0058): each live instance last provisioned for it goes, recorded as
     * {@link Provisioning.Reason#DECLINED}, so a declined import leaves nothing provisioned.
     */
    static void declined(StoreTx tx, Store store, Space s, Release r) {
        for (EnvironmentTemplate t : tx.templates().findBySpace(s.id())) {
            for (Environment e : tx.templates().instances(t.id())) {
                if (e.isLive() && tx.templates().latest(e.id()).filter(x -> Long.valueOf(r.id()).equals(x.releaseId())).isPresent()) {
                    deprovision(tx, store, s, t, e, Provisioning.Reason.DECLINED, r, true);
                }
            }
        }
    }

    /** Whether the template already provisioned an instance for the release: it does once (0057). */
    private static boolean provisionedFor(StoreTx tx, EnvironmentTemplate t, Release r) {
        return tx.templates().history(t.id()).stream()
                .anyMatch(x -> x.kind() == Provisioning.Kind.PROVISION && Long.valueOf(r.id()).equals(x.releaseId()));
    }

    /** A live instance is re-provisioned only when the template says so and it was provisioned for a release made before {@code r}. */
    private static boolean reprovision(StoreTx tx, EnvironmentTemplate t, Environment e, Release r) {
        Optional<Long> last = tx.templates().latest(e.id()).map(Provisioning::releaseId);
        return t.onExisting() == EnvironmentTemplate.OnExisting.REPROVISION && last.isPresent() && last.get() < r.id();
    }

    /**
     * Audits why the template made no instance for the release and adds it to {@code done} as a phrase ("no instance of template
     * 'T': why") — once for the release, template and reason: a later deployment of the release, while it stays in the phase,
     * finds the entry and says nothing again (review L3).
     */
    private static void refused(StoreTx tx, Space s, EnvironmentTemplate t, Release r, String why, List<String> done) {
        String subject = subject(s, t.name());
        String detail = "no instance for release " + r.version() + " of '" + r.projectName() + "': " + why;
        if (tx.audit().withAction("environment.provision-refused").stream().noneMatch(e -> e.subject().equals(subject) && e.detail().equals(detail))) {
            tx.audit().append("environment.provision-refused", subject, detail);
            done.add("no instance of template '" + t.name() + "': " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why));
        }
    }

    private static String instance(String name, EnvironmentTemplate t) {
        return "instance '" + name + "' of template '" + t.name() + "'";
    }

    private static Environment provision(StoreTx tx, Store store, Space s, EnvironmentTemplate t, Optional<Environment> existing, String name,
                                         Provisioning.Reason reason, Release r, Map<String, String> values, boolean runProcess) {
        Instant now = StoreTime.now(store.clock());
        Environment e = existing.isPresent() ? tx.templates().setDeprovisioned(existing.get().id(), null)
                : tx.templates().insertInstance(s.id(), t.id(), name, "", now);
        Provisioning.Process process = Provisioning.Process.of(!t.provisioning().isEmpty(), runProcess);
        Provisioning done = tx.templates().record(s.id(), e, Provisioning.Kind.PROVISION, reason, r == null ? null : r.id(), process,
                t.shown(values), now, store.person().name());
        tx.audit().append("environment.provision", "environment '" + e.name() + "' of " + s.describe(),
                "instance of template '" + t.name() + "' " + done.words() + (values.isEmpty() ? "" : "; parameters " + t.shown(values)));
        return e;
    }

    private static Environment deprovision(StoreTx tx, Store store, Space s, EnvironmentTemplate t, Environment e, Provisioning.Reason reason, Release r,
                                           boolean runProcess) {
        Instant now = StoreTime.now(store.clock());
        Environment gone = tx.templates().setDeprovisioned(e.id(), now);
        Provisioning.Process process = Provisioning.Process.of(!t.deprovisioning().isEmpty(), runProcess);
        Provisioning done = tx.templates().record(s.id(), gone, Provisioning.Kind.DEPROVISION, reason, r == null ? null : r.id(), process, Map.of(),
                now, store.person().name());
        tx.audit().append("environment.deprovision", "environment '" + e.name() + "' of " + s.describe(),
                "instance of template '" + t.name() + "' " + done.words());
        return gone;
    }

    static EnvironmentTemplate require(StoreTx tx, Space s, String name) {
        return tx.templates().findByName(s.id(), name == null ? "" : name)
                .orElseThrow(() -> new Refusal("'" + s.name() + "' has no environment template named '" + name + "'."));
    }

    /**
     * The template as {@code seen} (by its id: renamed meanwhile, it is still the one the person opened, and decision 0036's
     * sentence says who changed it; review L1), else by {@code name}.
     */
    private static EnvironmentTemplate require(StoreTx tx, Space s, String name, odcm.model.Seen seen) {
        return seen == null ? require(tx, s, name)
                : tx.templates().findById(seen.id()).filter(t -> t.spaceId() == s.id()).orElseGet(() -> require(tx, s, name));
    }

    private static String subject(Space s, String template) {
        return "environment template '" + template + "' of " + s.describe();
    }
}
