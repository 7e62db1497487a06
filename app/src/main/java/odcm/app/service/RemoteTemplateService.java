package odcm.app.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.RemoteTemplate;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.role.Action;
import odcm.model.space.Space;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.ReceiptContent;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.receipt.ReceiptRepository.RemoteInstance;

/**
 * Environment templates across spaces (docs/decisions/0058). A <em>remote template</em> is this space's placeholder of a
 * template another space owns ("Prod Space: Feature (template)"), holding the definition this space's release bundles carry
 * there; it stands in a lifecycle phase as a remote environment does. The owner's import creates or updates the template from
 * the bundle (a template made there, or defined differently, is never overwritten), and the owner's receipts name its
 * instances, which this space's lifecycle then counts and draws.
 */
public final class RemoteTemplateService {
    private final Store store;

    public RemoteTemplateService(Store store) {
        this.store = store;
    }

    /** The space's remote templates, by name. */
    public List<RemoteTemplate> list(String space) {
        return store.read(tx -> tx.templates().findRemoteBySpace(EnvironmentService.requireLocal(tx, space).id()));
    }

    /**
     * A placeholder in {@code space} of template {@code draft.name()} of {@code ownerSpace}, with the definition its bundles will
     * carry there. The owner must be trusted here for deployment receipts: only they bring its instances back.
     */
    public RemoteTemplate create(String space, String ownerSpace, EnvironmentTemplate draft) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            Space owner = SpaceService.require(tx, ownerSpace);
            if (owner.id() == s.id()) {
                throw new Refusal("A remote template stands for a template of another space; '" + s.name()
                        + "' is this space itself, so create '" + draft.name() + "' as a template of its own instead.");
            }
            trusted(tx, s, owner, RemoteTemplate.displayName(owner.name(), draft.name()));
            nameFree(tx, s, draft.name());
            EnvironmentTemplate t = tx.templates().insert(draft.in(s.id()), owner.id(), null, StoreTime.now(store.clock()));
            RemoteTemplate r = new RemoteTemplate(t, owner.id(), owner.name());
            tx.audit().append("remote-template.create", "remote template '" + r.displayName() + "' in " + s.describe(),
                    "placeholder for template '" + t.name() + "' of " + owner.describe() + "; instances named '" + t.nameExpression() + "', "
                            + t.parameters().size() + " parameters, " + t.provisioning().size() + " provisioning steps");
            return r;
        });
    }

    /** @param displayName "Prod Space: Feature (template)" */
    public void delete(String space, String displayName) {
        store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            RemoteTemplate r = require(tx, s, displayName);
            List<String> lifecycles = tx.templates().lifecyclesUsing(r.template().id());
            List<String> scoped = tx.projects().namesScopedTo(s.id(), r.displayName());
            if (!lifecycles.isEmpty() || !scoped.isEmpty()) {
                throw new Refusal("Remote template '" + r.displayName() + "' is still in " + (lifecycles.isEmpty() ? "" : "lifecycle "
                        + String.join(", ", lifecycles)) + (lifecycles.isEmpty() || scoped.isEmpty() ? "" : " and ")
                        + (scoped.isEmpty() ? "" : "a scope of project " + String.join(", ", scoped)) + "; take it out first.");
            }
            tx.templates().delete(r.template().id(), r.template().version());
            tx.audit().append("remote-template.delete", "remote template '" + r.displayName() + "' in " + s.describe(), "deleted");
            return null;
        });
    }

    // ---- shared by the services of this package ----

    /** By display name, "Prod Space: Feature (template)" (any case, any spacing around the colon). */
    static RemoteTemplate require(StoreTx tx, Space s, String displayName) {
        String d = displayName == null ? "" : displayName.strip();
        return parse(d).flatMap(p -> tx.spaces().findByName(p[0]).flatMap(o -> tx.templates().findRemoteBySpace(s.id()).stream()
                        .filter(r -> r.ownerSpaceId() == o.id() && Names.same(r.template().name(), p[1])).findFirst()))
                .orElseThrow(() -> new Refusal("'" + s.name() + "' has no remote template '" + d + "'; add it first with 'odcm template create --owner SPACE'."));
    }

    /** Whether {@code displayName} names a remote template: "Space: Name (template)". */
    static boolean names(String displayName) {
        return parse(displayName == null ? "" : displayName.strip()).isPresent();
    }

    private static Optional<String[]> parse(String d) {
        String suffix = " (template)";
        int colon = d.indexOf(':');
        if (colon < 0 || !d.toLowerCase(java.util.Locale.ROOT).endsWith(suffix)) {
            return Optional.empty();
        }
        return Optional.of(new String[] {d.substring(0, colon).strip(), d.substring(colon + 1, d.length() - suffix.length()).strip()});
    }

    /** Refused when the space has a template, its own or a remote one, named {@code name}: the unique key is one per space. */
    static void nameFree(StoreTx tx, Space s, String name) {
        Optional<String> taken = tx.templates().findByName(s.id(), name).map(EnvironmentTemplate::name)
                .or(() -> findRemote(tx, s, name).map(r -> r.template().name()));
        if (taken.isPresent()) {
            throw new Refusal("'" + s.name() + "' already has an environment template named '" + taken.get()
                    + "'; a space's templates, its own and remote ones, have different names.");
        }
    }

    private static Optional<RemoteTemplate> findRemote(StoreTx tx, Space s, String name) {
        return tx.templates().findRemoteBySpace(s.id()).stream().filter(r -> Names.same(r.template().name(), name)).findFirst();
    }

    /**
     * The member a phase names as "Prod Space: Feature (template)": its owner still trusted for receipts, and able to provision
     * on its own (every parameter with a default), as a template of this space must be.
     */
    static PhaseMember member(StoreTx tx, Space s, String displayName) {
        RemoteTemplate r = require(tx, s, displayName);
        trusted(tx, s, tx.spaces().findById(r.ownerSpaceId()).orElseThrow(), r.displayName());
        r.template().automaticRefusal().ifPresent(why -> {
            throw new Refusal(why);
        });
        return r.member();
    }

    private static void trusted(StoreTx tx, Space s, Space owner, String what) {
        if (!BundleChecks.trusts(tx, s, owner, TrustKind.DEPLOYMENT_RECEIPTS)) {
            throw new Refusal("'" + s.name() + "' does not trust '" + owner.name() + "' for deployment receipts, so '" + what
                    + "' cannot stand here: its instances come back only in receipts from '" + owner.name() + "'. Trust it first.");
        }
    }

    /** The lifecycle as promotion and deployment order count it: local templates' and remote templates' live instances. */
    static Lifecycle withInstances(StoreTx tx, Lifecycle l) {
        if (l.templates().isEmpty() && l.remoteTemplates().isEmpty()) {
            return l; // no read where no template
        }
        return l.withInstances(tx.templates().liveInstances(l.spaceId()), remoteInstances(tx, l.spaceId()));
    }

    /** The live instances the owners reported of each remote template of the space, by template id. */
    static Map<Long, List<String>> remoteInstances(StoreTx tx, long spaceId) {
        List<RemoteTemplate> remote = tx.templates().findRemoteBySpace(spaceId);
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (remote.isEmpty()) {
            return out;
        }
        List<RemoteInstance> reported = tx.receipts().remoteInstances(spaceId);
        for (RemoteTemplate r : remote) {
            out.put(r.template().id(), reported.stream().filter(i -> i.live() && i.reporterSpaceId() == r.ownerSpaceId()
                    && Names.same(i.template(), r.template().name())).map(RemoteInstance::environment).toList());
        }
        return out;
    }

    /** The definitions a bundle to {@code target} carries: the remote templates owned there of the release's lifecycle {@code l}. */
    static List<EnvironmentTemplate> carried(StoreTx tx, Lifecycle l, Space target) {
        return l.remoteTemplates().stream().filter(m -> m.ownerSpaceId() == target.id())
                .map(m -> tx.templates().findById(m.templateId()).orElseThrow()).toList();
    }

    /**
     * What an import of a bundle carrying {@code carried} does to the templates of {@code here} (decision 0058): each one
     * created, changed (with what differs) or joined as it is. Refused, naming the template, when one has the name of an
     * environment here, of a remote template here, or of a template not made by {@code source}'s bundles and defined
     * differently; and when a change would leave a template standing in a phase unable to provision on its own.
     */
    static List<TemplateChange> plan(StoreTx tx, Space here, Space source, List<EnvironmentTemplate> carried, String release) {
        List<TemplateChange> out = new ArrayList<>();
        for (EnvironmentTemplate c : carried) {
            String what = "Release " + release + " from '" + source.name() + "' carries environment template '" + c.name() + "'";
            tx.environments().findByName(here.id(), c.name()).filter(e -> !e.isInstance()).ifPresent(e -> {
                throw new Refusal(what + ", but '" + here.name() + "' has an environment named '" + e.name() + "'; rename one of them before importing.");
            });
            findRemote(tx, here, c.name()).ifPresent(r -> {
                throw new Refusal(what + ", but '" + here.name() + "' has the remote template '" + r.displayName() + "'; rename one of them before importing.");
            });
            Optional<EnvironmentTemplate> local = tx.templates().findByName(here.id(), c.name());
            if (local.isEmpty()) {
                out.add(new TemplateChange(null, c, List.of()));
                continue;
            }
            EnvironmentTemplate t = local.get();
            List<String> differences = differences(t, c);
            if (!differences.isEmpty() && !tx.templates().sourceOf(t.id()).equals(Optional.of(source.id()))) {
                throw new Refusal(what + ", but '" + here.name() + "' has its own template '" + t.name() + "', defined differently ("
                        + String.join(", ", differences) + "); make them the same, or rename one, before importing.");
            }
            TemplateChange change = new TemplateChange(t, c, differences);
            if (!differences.isEmpty()) {
                recheck(tx, change, what);
            }
            out.add(change);
        }
        return out;
    }

    /**
     * What an import does to one template: {@code here} null, created; else changed by {@code differences} (none: joined as it is).
     */
    public record TemplateChange(EnvironmentTemplate here, EnvironmentTemplate carried, List<String> differences) {
        public boolean changes() {
            return here == null || !differences.isEmpty();
        }

        /** "template 'Feature' created, in no lifecycle phase yet: …", "template 'Feature' changed (its parameters) when … accepted". */
        public String words(boolean held) {
            return here == null ? "template '" + carried.name() + "' created, in no lifecycle phase yet: put it in one so a release gets an instance"
                    : "template '" + carried.name() + "' changed (" + String.join(", ", differences) + ")"
                    + (held ? " when the release is accepted, not before" : "");
        }

        /** The definition the template has once changed: the carried one, under the template's id and version. */
        EnvironmentTemplate changed() {
            return new EnvironmentTemplate(here.id(), here.spaceId(), carried.name(), carried.description(), carried.parameters(), carried.provisioning(),
                    carried.deprovisioning(), carried.nameExpression(), carried.onExisting(), carried.deprovisionWhenProgressed(),
                    carried.deprovisionAfterDays(), here.version());
        }
    }

    /** A template standing in a phase must still provision on its own once changed (0057): every parameter with a default. */
    private static void recheck(StoreTx tx, TemplateChange change, String what) {
        List<String> lifecycles = tx.templates().lifecyclesUsing(change.here().id());
        if (!lifecycles.isEmpty()) {
            change.carried().automaticRefusal().ifPresent(why -> {
                throw new Refusal(what + " changed so that it can no longer provision on its own, while it stands in lifecycle "
                        + String.join(", ", lifecycles) + ": " + why);
            });
        }
    }

    /** The sentence of what {@code changes} do, for a preview, a result or an audit entry ("" when nothing). */
    public static String words(List<TemplateChange> changes, boolean held) {
        return String.join("; ", changes.stream().filter(TemplateChange::changes).map(c -> c.words(held)).toList());
    }

    /**
     * Creates, in {@code here}, the templates of {@code plan} that are new there, audited. A changed one is changed now, audited,
     * when {@code held} is false (the space requires no acceptance); otherwise it is left as it is, to be held for the release
     * ({@link #hold}) and changed only when the release is accepted.
     */
    static void importCarried(StoreTx tx, Store store, Space here, Space source, List<TemplateChange> plan, String release, boolean held) {
        for (TemplateChange c : plan) {
            String subject = "environment template '" + c.carried().name() + "' of " + here.describe();
            if (c.here() == null) {
                tx.templates().insert(c.carried().in(here.id()), null, source.id(), StoreTime.now(store.clock()));
                tx.audit().append("template.import", subject, "created from the bundle of release " + release + " from " + source.describe()
                        + "; instances named '" + c.carried().nameExpression() + "'; in no lifecycle phase yet");
            } else if (!c.differences().isEmpty() && !held) {
                tx.templates().update(c.changed(), c.here().version()).orElseThrow(); // read in this transaction
                tx.audit().append("template.import", subject, "updated by the import of release " + release + " from " + source.describe()
                        + ": " + String.join(", ", c.differences()));
            }
        }
    }

    /** Holds the changed definitions of {@code plan} for the imported release {@code releaseId} until it is accepted or declined. */
    static void hold(StoreTx tx, List<TemplateChange> plan, long releaseId) {
        plan.stream().filter(c -> c.here() != null && !c.differences().isEmpty()).forEach(c -> tx.templates().hold(c.here().id(), releaseId, c.carried()));
    }

    /** The template changes held for the imported release {@code r}, in words, for its approver ("" when none). */
    static String held(StoreTx tx, odcm.model.release.Release r) {
        return words(tx.templates().held(r.id()).stream().map(h -> new TemplateChange(h.template(), h.carried(), differences(h.template(), h.carried())))
                .toList(), true);
    }

    /**
     * The imported release {@code r} was accepted (true) or declined: the definitions held for it are applied, checked again as
     * the import checked them, or dropped; audited. Returns what was done ("" when nothing).
     */
    static String decided(StoreTx tx, Space s, odcm.model.release.Release r, boolean accepted) {
        List<String> done = new ArrayList<>();
        for (var held : tx.templates().held(r.id())) {
            String subject = "environment template '" + held.template().name() + "' of " + s.describe();
            List<String> differences = differences(held.template(), held.carried());
            tx.templates().hold(held.template().id(), null, null);
            if (differences.isEmpty()) {
                continue;
            }
            TemplateChange change = new TemplateChange(held.template(), held.carried(), differences);
            if (accepted) {
                recheck(tx, change, "Release " + r.version() + " carries environment template '" + held.template().name() + "'");
                tx.templates().update(change.changed(), change.here().version()).orElseThrow(); // read in this transaction
                tx.audit().append("template.import", subject, "updated as release " + r.version() + " was accepted: " + String.join(", ", differences));
                done.add(change.words(false));
            } else {
                tx.audit().append("template.import", subject, "left as it was, as release " + r.version() + " was declined (it carried: "
                        + String.join(", ", differences) + ")");
                done.add("template '" + held.template().name() + "' left as it was");
            }
        }
        return String.join("; ", done);
    }

    /** What differs between two definitions of a template, in words ("its name expression, its parameters"); empty when none. */
    static List<String> differences(EnvironmentTemplate a, EnvironmentTemplate b) {
        List<String> out = new ArrayList<>();
        if (!a.description().equals(b.description())) {
            out.add("its description");
        }
        if (!a.parameters().equals(b.parameters())) {
            out.add("its parameters");
        }
        if (!a.nameExpression().text().equals(b.nameExpression().text())) {
            out.add("its name expression ('" + a.nameExpression().text() + "' here, '" + b.nameExpression().text() + "' in the bundle)");
        }
        if (!a.provisioning().equals(b.provisioning()) || !a.deprovisioning().equals(b.deprovisioning())) {
            out.add("its provisioning steps");
        }
        if (a.onExisting() != b.onExisting() || a.deprovisionWhenProgressed() != b.deprovisionWhenProgressed()
                || a.deprovisionAfterDays() != b.deprovisionAfterDays()) {
            out.add("its rules for existing and idle instances");
        }
        if (!a.name().equals(b.name())) {
            out.add("the letter case of its name");
        }
        return out;
    }

    /** The most instances a receipt names (far below {@link ReceiptContent#MAX_INSTANCES}): the newest live ones. */
    static final int RECEIPT_INSTANCES = 1_000;

    /**
     * The instances a receipt from {@code signer} to {@code addressee} names (decision 0058, review 18b M2): the signer's live
     * instances last provisioned for a release imported from {@code addressee}, and the live instances a reported deployment
     * went to ({@code deployedTo}, environment names); at most {@link #RECEIPT_INSTANCES}. Receipts are cumulative, so one
     * no longer named is gone.
     */
    static List<ReceiptContent.Instance> instances(StoreTx tx, Space signer, Space addressee, java.util.Collection<String> deployedTo) {
        Map<String, ReceiptContent.Instance> out = new LinkedHashMap<>();
        java.util.Set<String> deployed = new java.util.HashSet<>();
        deployedTo.forEach(d -> deployed.add(Names.key(d)));
        List<Environment> live = new ArrayList<>(tx.templates().liveInstancesFor(signer.id(), addressee.id(), RECEIPT_INSTANCES));
        if (!deployed.isEmpty()) {
            tx.templates().liveInstances(signer.id()).values().forEach(l -> l.stream().filter(e -> deployed.contains(Names.key(e.name()))).forEach(live::add));
        }
        for (Environment e : live) {
            if (out.size() < RECEIPT_INSTANCES) {
                out.putIfAbsent(Names.key(e.name()), new ReceiptContent.Instance(e.name(), e.templateName(), true));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Records what {@code reporter} said of its instances (a receipt's, or directly in this console), at {@code at}: those of
     * templates this space holds a remote template of, replacing what it said before; returns how many.
     */
    static int record(StoreTx tx, Space here, Space reporter, List<ReceiptContent.Instance> instances, Instant at) {
        java.util.Set<String> held = new java.util.HashSet<>();
        tx.templates().findRemoteBySpace(here.id()).stream().filter(r -> r.ownerSpaceId() == reporter.id()).forEach(r -> held.add(Names.key(r.template().name())));
        Map<String, RemoteInstance> kept = new LinkedHashMap<>();
        instances.stream().filter(i -> i.live() && held.contains(Names.key(i.template())))
                .forEach(i -> kept.putIfAbsent(Names.key(i.environment()), new RemoteInstance(reporter.id(), i.environment(), i.template(), true, at)));
        tx.receipts().replaceInstances(here.id(), reporter.id(), List.copyOf(kept.values()), at);
        return kept.size();
    }
}
