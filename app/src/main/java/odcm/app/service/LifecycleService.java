package odcm.app.service;

import odcm.model.role.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.Seen;
import odcm.model.audit.AuditText;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.LifecycleCatalog;
import odcm.model.lifecycle.composite.LifecycleComposer;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/** Lifecycles of a local space, and the composite lifecycle of a project across spaces. */
public final class LifecycleService {
    private final Store store;

    public LifecycleService(Store store) {
        this.store = store;
    }

    public List<Lifecycle> list(String space) {
        return store.read(tx -> tx.lifecycles().findBySpace(EnvironmentService.requireLocal(tx, space).id()));
    }

    public Lifecycle find(String space, String name) {
        return store.read(tx -> require(tx, EnvironmentService.requireLocal(tx, space), name));
    }

    /**
     * Resolves members by name; refuses unknown environments, remote environments or spaces, a name taken.
     * The first lifecycle of a space becomes its default; a new default clears the old one.
     */
    public Lifecycle create(String space, LifecycleDraft draft) {
        String name = Lifecycle.checkName(draft.name());
        String description = Names.text("A description", draft.description(), 2000);
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_LIFECYCLES, s);
            checkNameFree(tx, s, name, -1);
            List<Phase> phases = resolve(tx, s, draft);
            boolean isDefault = draft.isDefault() || tx.lifecycles().findBySpace(s.id()).isEmpty();
            if (isDefault) {
                tx.lifecycles().clearDefault(s.id(), -1);
            }
            Lifecycle l = tx.lifecycles().insert(s.id(), name, description, isDefault, phases, StoreTime.now(store.clock()));
            tx.audit().append("lifecycle.create", subject(s, name), summary(l));
            return l;
        });
    }

    /** Replaces the lifecycle named {@code currentName} (its phases, name, default flag), as it is now: for a command. */
    public Lifecycle update(String space, String currentName, LifecycleDraft draft) {
        return update(space, currentName, draft, null);
    }

    /** As {@link #update(String, String, LifecycleDraft)}; refused, changing nothing, when it is no longer the one {@code seen} (decision 0036). */
    public Lifecycle update(String space, String currentName, LifecycleDraft draft, Seen seen) {
        String name = Lifecycle.checkName(draft.name());
        String description = Names.text("A description", draft.description(), 2000);
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_LIFECYCLES, s);
            Lifecycle current = require(tx, s, currentName);
            checkNameFree(tx, s, name, current.id());
            List<Phase> phases = resolve(tx, s, draft);
            if (current.isDefault() && !draft.isDefault()) {
                throw new Refusal("'" + current.name() + "' is the default lifecycle of '" + s.name()
                        + "'; make another lifecycle the default instead of clearing it, so the space always has one.");
            }
            Lifecycle l = Changed.write(tx, seen, current.seen(), what(s, current), subject(s, current.name()),
                    version -> tx.lifecycles().replace(current.id(), version, name, description, draft.isDefault(), phases));
            if (draft.isDefault()) {
                tx.lifecycles().clearDefault(s.id(), l.id());
            }
            tx.audit().append("lifecycle.update", subject(s, name),
                    (current.name().equals(name) ? "" : "renamed from '" + current.name() + "'; ") + summary(l));
            return l;
        });
    }

    /**
     * Per project using lifecycle {@code name}, the mandatory values that its {@code environments} (environments or
     * remote environments, as the lifecycle names them) lack: what to tell whoever just added them (docs/decisions/0049).
     */
    public List<odcm.model.deployment.MissingValues> missingValues(String space, String name, java.util.Collection<String> environments) {
        Set<String> keys = environments.stream().map(Names::key).collect(Collectors.toSet());
        if (keys.isEmpty()) {
            return List.of();
        }
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Lifecycle l = require(tx, s, name);
            List<odcm.model.deployment.MissingValues> out = new ArrayList<>();
            for (var p : tx.projects().findBySpace(s.id()).stream().filter(p -> p.lifecycleId() == l.id())
                    .sorted(java.util.Comparator.comparing(p -> Names.key(p.name()))).toList()) {
                out.addAll(ProjectService.missingValues(tx, p, l, m -> keys.contains(Names.key(m.displayName()))));
            }
            return out;
        });
    }

    /** Refused while a project uses it, and for the default lifecycle while the space has others. */
    public void delete(String space, String name) {
        delete(space, name, null);
    }

    /** As {@link #delete(String, String)}; refused, deleting nothing, when it is no longer the one {@code seen}. */
    public void delete(String space, String name, Seen seen) {
        store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_LIFECYCLES, s);
            Lifecycle l = require(tx, s, name);
            Changed.check(tx, seen, l.seen(), what(s, l), subject(s, l.name()));
            List<String> projects = tx.projects().namesUsingLifecycle(l.id());
            if (!projects.isEmpty()) {
                throw new Refusal("Cannot delete lifecycle '" + l.name() + "' of '" + s.name() + "' while "
                        + projects.stream().map(p -> "project '" + p + "'").collect(Collectors.joining(" and "))
                        + (projects.size() == 1 ? " uses" : " use") + " it; give " + (projects.size() == 1 ? "that project" : "those projects")
                        + " another lifecycle first.");
            }
            if (l.isDefault() && tx.lifecycles().findBySpace(s.id()).size() > 1) {
                throw new Refusal("'" + l.name() + "' is the default lifecycle of '" + s.name() + "'; make another lifecycle the default before deleting it.");
            }
            Changed.delete(tx, seen, l.seen(), what(s, l), subject(s, l.name()), version -> tx.lifecycles().delete(l.id(), version));
            tx.audit().append("lifecycle.delete", subject(s, l.name()), "deleted; was " + summary(l));
            return null;
        });
    }

    /** The project's lifecycle composed with those of the spaces it promotes to (LifecycleComposer over one read of the store). */
    public CompositeLifecycle composite(String space, String project) {
        Composition c = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            // Each local space's lifecycles with the live instances of their templates, drawn after the template (decision 0057).
            List<Lifecycle> lifecycles = tx.lifecycles().findAll().stream().map(l -> RemoteTemplateService.withInstances(tx, l)).toList();
            LifecycleCatalog catalog = new LifecycleCatalog(tx.spaces().findAll(), lifecycles, tx.projects().lifecycles(),
                    tx.environments().findAllRemote(), tx.trusts().findAll());
            String name = catalog.projects().stream()
                    .filter(p -> p.spaceId() == s.id() && Names.same(p.projectName(), project == null ? "" : project.strip()))
                    .map(LifecycleCatalog.ProjectLifecycle::projectName).findFirst()
                    .orElseThrow(() -> new Refusal("'" + s.name() + "' has no project named '" + project + "'."));
            return new Composition(catalog, s.id(), name);
        });
        // Composing is pure computation on what was read: outside the transaction.
        return LifecycleComposer.compose(c.catalog(), c.spaceId(), c.projectName());
    }

    private record Composition(LifecycleCatalog catalog, long spaceId, String projectName) {
    }

    // ---- helpers ----

    static Lifecycle require(StoreTx tx, Space s, String name) {
        return tx.lifecycles().findByName(s.id(), name == null ? "" : name)
                .orElseThrow(() -> new Refusal("'" + s.name() + "' has no lifecycle named '" + name + "'."));
    }

    private static void checkNameFree(StoreTx tx, Space s, String name, long exceptId) {
        tx.lifecycles().findByName(s.id(), name).filter(l -> l.id() != exceptId).ifPresent(l -> {
            throw new Refusal("'" + s.name() + "' already has a lifecycle named '" + l.name() + "'; names in a space differ in more than letter case or look-alike letters.");
        });
    }

    private static List<Phase> resolve(StoreTx tx, Space s, LifecycleDraft draft) {
        List<Phase> phases = new ArrayList<>();
        Set<String> phaseNames = new HashSet<>();
        for (LifecycleDraft.PhaseDraft p : draft.phases()) {
            String phaseName = Names.check("A phase", p.name(), Phase.MAX_NAME);
            if (!phaseNames.add(Names.key(phaseName))) {
                throw new Refusal("The lifecycle has two phases named '" + phaseName + "'; phase names are unique in a lifecycle.");
            }
            List<PhaseMember> members = new ArrayList<>();
            for (String e : p.environments()) {
                Environment env = tx.environments().findByName(s.id(), e == null ? "" : e).orElseThrow(() -> new Refusal(
                        "Phase '" + phaseName + "' names environment '" + e + "', which '" + s.name() + "' does not have."));
                if (env.isInstance()) {
                    throw new Refusal("Phase '" + phaseName + "' names '" + env.name() + "', an instance of template '" + env.templateName()
                            + "'; put the template in the phase instead: its instances come and go.");
                }
                members.add(new PhaseMember.LocalEnvironment(env.id(), env.name()));
            }
            for (String name : p.templates()) {
                EnvironmentTemplate t = tx.templates().findByName(s.id(), name == null ? "" : name).orElseThrow(() -> new Refusal(
                        "Phase '" + phaseName + "' names environment template '" + name + "', which '" + s.name() + "' does not have."));
                t.automaticRefusal().ifPresent(why -> {
                    throw new Refusal(why);
                });
                members.add(new PhaseMember.TemplateMember(t.id(), t.name()));
            }
            for (String r : p.remoteEnvironments()) { // "Prod Space: Feature (template)" is a remote template (0058)
                members.add(RemoteTemplateService.names(r) ? RemoteTemplateService.member(tx, s, r) : remoteMember(tx, s, phaseName, r));
            }
            for (String target : p.promotions()) {
                Space t = tx.spaces().findByName(target == null ? "" : target.strip()).orElseThrow(() -> new Refusal(
                        "Phase '" + phaseName + "' promotes to '" + target + "', but there is no space named '" + target + "'."));
                if (t.id() == s.id()) {
                    throw new Refusal("Phase '" + phaseName + "' promotes to '" + t.name() + "', its own space; a promotion hands a release to another space.");
                }
                members.add(new PhaseMember.Promotion(t.id(), t.name()));
            }
            Set<String> seen = new HashSet<>();
            for (PhaseMember m : members) {
                if (!seen.add(Names.key(m.displayName()))) {
                    throw new Refusal("Phase '" + phaseName + "' names '" + m.displayName() + "' twice.");
                }
            }
            phases.add(new Phase(phaseName, members, p.rule()));
        }
        return phases;
    }

    private static PhaseMember remoteMember(StoreTx tx, Space s, String phaseName, String displayName) {
        String d = displayName == null ? "" : displayName.strip();
        int colon = d.indexOf(':');
        if (colon < 0) {
            throw new Refusal("Phase '" + phaseName + "' names remote environment '" + d
                    + "' without its space; name it with its space, as in 'Prod Space: Production'.");
        }
        String owner = d.substring(0, colon).strip();
        Space o = tx.spaces().findByName(owner).orElseThrow(() -> new Refusal(
                "Phase '" + phaseName + "' names remote environment '" + d + "', but there is no space named '" + owner + "'."));
        RemoteEnvironment r = tx.environments().findRemote(s.id(), o.id(), d.substring(colon + 1).strip()).orElseThrow(() -> new Refusal(
                "Phase '" + phaseName + "' names remote environment '" + d + "', which '" + s.name() + "' does not have; add it as a remote environment first."));
        return new PhaseMember.RemoteEnvironmentMember(r.id(), r.ownerSpaceId(), r.ownerSpaceName(), r.name());
    }

    private static String what(Space s, Lifecycle l) {
        return "Lifecycle '" + l.name() + "' of '" + s.name() + "'";
    }

    private static String subject(Space s, String lifecycle) {
        return "lifecycle '" + lifecycle + "' of " + s.describe();
    }

    /** "default; Testing [Test] (all must complete) → Production [Prod Space: Production, Promote to Prod Space] (optional)". */
    private static String summary(Lifecycle l) {
        String phases = l.phases().isEmpty() ? "no phases" : l.phases().stream()
                .map(p -> p.name() + " [" + AuditText.few(p.members().stream().map(PhaseMember::displayName).toList()) + "] ("
                        + p.rule().words() + ")")
                .collect(Collectors.joining(" → "));
        return (l.isDefault() ? "default; " : "") + phases;
    }
}
