package odcm.app.service;

import odcm.model.role.Action;
import java.util.ArrayList;
import java.util.List;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.Seen;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/** Environments of a local space, and remote environments: its placeholders for environments of other spaces. */
public final class EnvironmentService {
    private final Store store;

    public EnvironmentService(Store store) {
        this.store = store;
    }

    /** In the order they were created. */
    public List<Environment> list(String space) {
        return store.read(tx -> tx.environments().findBySpace(requireLocal(tx, space).id()));
    }

    /** Names unique per space, case-insensitively, across environments (remote ones are namespaced). */
    public Environment create(String space, String name, String description) {
        String n = Environment.checkName(name);
        String d = Names.text("A description", description, 2000);
        return store.write(tx -> {
            Space s = requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            tx.environments().findByName(s.id(), n).ifPresent(e -> {
                throw new Refusal("'" + s.name() + "' already has an environment named '" + e.name() + "'"
                        + (e.isLive() ? "" : " (a de-provisioned instance of template '" + e.templateName() + "')")
                        + "; names in a space differ in more than letter case or look-alike letters.");
            });
            Environment e = tx.environments().insert(s.id(), n, d, StoreTime.now(store.clock()));
            tx.audit().append("environment.create", subject(s, e.name()), d.isEmpty() ? "created" : "created; description '" + d + "'");
            return e;
        });
    }

    /** Renames the environment; scopes of the space's projects follow the new name (lifecycle phases refer to it by id). */
    public Environment rename(String space, String name, String newName) {
        return rename(space, name, newName, null);
    }

    /** As {@link #rename(String, String, String)}; refused, changing nothing, when it is no longer the one {@code seen} (decision 0036). */
    public Environment rename(String space, String name, String newName, Seen seen) {
        String n = Environment.checkName(newName);
        return store.write(tx -> {
            Space s = requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            Environment e = require(tx, s, name);
            if (!e.isLive()) {
                throw new Refusal("Environment '" + e.name() + "' is a de-provisioned instance of template '" + e.templateName()
                        + "'; its name is its record's, so it is not renamed.");
            }
            if (e.name().equals(n)) {
                throw new Refusal("The environment '" + e.name() + "' of '" + s.name() + "' is already called '" + n + "'.");
            }
            tx.environments().findByName(s.id(), n).filter(o -> o.id() != e.id()).ifPresent(o -> {
                throw new Refusal("'" + s.name() + "' already has an environment named '" + o.name() + "'; names in a space differ in more than letter case or look-alike letters.");
            });
            Environment renamed = Changed.write(tx, seen, e.seen(), what(s, e), subject(s, e.name()),
                    version -> tx.environments().rename(e.id(), version, n));
            tx.projects().renameInScopes(s.id(), e.name(), n);
            tx.audit().append("environment.rename", subject(s, n), "renamed from '" + e.name() + "' to '" + n + "'");
            return renamed;
        });
    }

    /** Refused while a lifecycle phase or a scope (steps, variables) refers to it, saying which. */
    public void delete(String space, String name) {
        delete(space, name, null);
    }

    /** As {@link #delete(String, String)}; refused, deleting nothing, when it is no longer the one {@code seen} (decision 0036). */
    public void delete(String space, String name, Seen seen) {
        store.write(tx -> {
            Space s = requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            Environment e = require(tx, s, name);
            if (e.isInstance()) {
                throw new Refusal(e.isLive() ? "Environment '" + e.name() + "' is an instance of template '" + e.templateName()
                        + "'; de-provision it instead (its record and deployments stay)."
                        : "Environment '" + e.name() + "' is a de-provisioned instance of template '" + e.templateName()
                        + "'; it is kept for its record and deployments, not deleted.");
            }
            Changed.check(tx, seen, e.seen(), what(s, e), subject(s, e.name()));
            refuseWhileReferred(tx, s, "environment '" + e.name() + "'", tx.lifecycles().namesUsingEnvironment(e.id()),
                    tx.projects().namesScopedTo(s.id(), e.name()));
            Changed.delete(tx, seen, e.seen(), what(s, e), subject(s, e.name()), version -> tx.environments().delete(e.id(), version));
            tx.audit().append("environment.delete", subject(s, e.name()), "deleted");
            return null;
        });
    }

    /**
     * What a step or a variable value may be scoped to, as spelled in the space: its environments, remote environments ("Prod
     * Space: Production"), then environment templates ("Feature (template)": every instance of it, decision 0057).
     */
    public List<String> scopes(String space) {
        return store.read(tx -> scopes(tx, requireLocal(tx, space)));
    }

    static List<String> scopes(StoreTx tx, Space s) {
        List<String> all = new ArrayList<>(tx.environments().findBySpace(s.id()).stream().map(Environment::name).toList());
        all.addAll(tx.environments().findRemoteBySpace(s.id()).stream().map(RemoteEnvironment::displayName).toList());
        all.addAll(tx.templates().findBySpace(s.id()).stream().map(t -> odcm.model.lifecycle.PhaseMember.TemplateMember.displayName(t.name())).toList());
        all.addAll(tx.templates().findRemoteBySpace(s.id()).stream().map(odcm.model.environment.RemoteTemplate::displayName).toList());
        return all;
    }

    /** What a phase's remote members can be: remote environments, then remote templates ("Prod Space: Feature (template)", 0058). */
    public List<String> remoteMembers(String space) {
        return store.read(tx -> {
            Space s = requireLocal(tx, space);
            List<String> out = new ArrayList<>(tx.environments().findRemoteBySpace(s.id()).stream().map(RemoteEnvironment::displayName).toList());
            out.addAll(tx.templates().findRemoteBySpace(s.id()).stream().map(odcm.model.environment.RemoteTemplate::displayName).toList());
            return out;
        });
    }

    public List<RemoteEnvironment> listRemote(String space) {
        return store.read(tx -> tx.environments().findRemoteBySpace(requireLocal(tx, space).id()));
    }

    /** A placeholder in {@code space} for environment {@code name} of {@code ownerSpace} (another space, local or remote). */
    public RemoteEnvironment createRemote(String space, String ownerSpace, String name) {
        String n = Environment.checkName(name);
        return store.write(tx -> {
            Space s = requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            Space owner = SpaceService.require(tx, ownerSpace);
            if (owner.id() == s.id()) {
                throw new Refusal("A remote environment stands for an environment of another space; '" + s.name()
                        + "' is this space itself, so add '" + n + "' as an environment instead.");
            }
            tx.environments().findRemote(s.id(), owner.id(), n).ifPresent(r -> {
                throw new Refusal("'" + s.name() + "' already has the remote environment '" + r.displayName() + "'.");
            });
            RemoteEnvironment r = tx.environments().insertRemote(s.id(), owner.id(), n, StoreTime.now(store.clock()));
            tx.audit().append("remote-environment.create", "remote environment '" + r.displayName() + "' in " + s.describe(),
                    "placeholder for environment '" + n + "' of " + owner.describe());
            return r;
        });
    }

    /** @param displayName "Prod Space: Production" */
    public void deleteRemote(String space, String displayName) {
        store.write(tx -> {
            Space s = requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_ENVIRONMENTS, s);
            RemoteEnvironment r = requireRemote(tx, s, displayName);
            refuseWhileReferred(tx, s, "remote environment '" + r.displayName() + "'", tx.lifecycles().namesUsingRemoteEnvironment(r.id()),
                    tx.projects().namesScopedTo(s.id(), r.displayName()));
            tx.environments().deleteRemote(r.id());
            tx.audit().append("remote-environment.delete", "remote environment '" + r.displayName() + "' in " + s.describe(), "deleted");
            return null;
        });
    }

    // ---- shared by the services of this package ----

    /** A local space by name; environments, lifecycles and projects belong to local spaces only. */
    static Space requireLocal(StoreTx tx, String name) {
        Space s = SpaceService.require(tx, name);
        if (!s.isLocal()) {
            throw new Refusal("'" + s.name() + "' is a remote space; its environments, lifecycles and projects are managed by its own console.");
        }
        return s;
    }

    static Environment require(StoreTx tx, Space s, String name) {
        return tx.environments().findByName(s.id(), name == null ? "" : name)
                .orElseThrow(() -> new Refusal("'" + s.name() + "' has no environment named '" + name + "'."));
    }

    /** By display name, "Prod Space: Production" (any case, any spacing around the colon). */
    static RemoteEnvironment requireRemote(StoreTx tx, Space s, String displayName) {
        String d = displayName == null ? "" : displayName.strip();
        int colon = d.indexOf(':');
        if (colon < 0) {
            throw new Refusal("A remote environment is named with its space, as in 'Prod Space: Production'; '" + d + "' has no space.");
        }
        String owner = d.substring(0, colon).strip();
        String env = d.substring(colon + 1).strip();
        return tx.spaces().findByName(owner).flatMap(o -> tx.environments().findRemote(s.id(), o.id(), env))
                .orElseThrow(() -> new Refusal("'" + s.name() + "' has no remote environment '" + d + "'."));
    }

    private static String what(Space s, Environment e) {
        return "Environment '" + e.name() + "' of '" + s.name() + "'";
    }

    private static String subject(Space s, String environment) {
        return "environment '" + environment + "' of " + s.describe();
    }

    private static void refuseWhileReferred(StoreTx tx, Space s, String what, List<String> lifecycles, List<String> projects) {
        List<String> refs = new ArrayList<>();
        lifecycles.forEach(l -> refs.add("lifecycle '" + l + "'"));
        projects.forEach(p -> refs.add("project '" + p + "'"));
        if (!refs.isEmpty()) {
            throw new Refusal("Cannot delete the " + what + " of '" + s.name() + "' while " + String.join(" and ", refs)
                    + (refs.size() == 1 ? " refers" : " refer") + " to it; remove it from " + (refs.size() == 1 ? "that" : "those") + " first.");
        }
    }
}
