package odcm.app.service;

import odcm.model.role.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.Seen;
import odcm.model.audit.AuditText;
import odcm.model.deployment.DeploymentRules;
import odcm.model.deployment.MissingValues;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.project.ProjectData;

/** Projects of a local space: lifecycle, deployment process, variables (sensitive ones sealed at rest), templates, channels. */
public final class ProjectService {
    private final Store store;

    public ProjectService(Store store) {
        this.store = store;
    }

    public List<Project> list(String space) {
        return store.read(tx -> tx.projects().findBySpace(EnvironmentService.requireLocal(tx, space).id()));
    }

    public Project find(String space, String name) {
        return store.read(tx -> require(tx, EnvironmentService.requireLocal(tx, space), name));
    }

    /**
     * Whether sensitive values can be read and written: without the master key, projects read with sensitive
     * values empty, and saving a project with sensitive values is refused.
     */
    public boolean sensitiveValuesAvailable() {
        return store.sensitiveValues().available();
    }

    /**
     * Refuses: name taken; unknown lifecycle; a scope naming no environment of the space; duplicate step, variable
     * (name and scope) or template names; channels named twice or two defaults. Without channels the project gets "Default".
     * A null or blank lifecycle name means the space's default lifecycle.
     */
    public Project create(String space, ProjectDraft draft) {
        return save(space, null, draft, null);
    }

    /** As {@link #update(String, String, ProjectDraft, Seen)} from the project as it is now: for a command, which reads and writes at once. */
    public Project update(String space, String currentName, ProjectDraft draft) {
        return update(space, currentName, draft, null);
    }

    /** Refused, changing nothing, when the project is no longer the one {@code seen} (decision 0036). */
    public Project update(String space, String currentName, ProjectDraft draft, Seen seen) {
        return save(space, currentName == null ? "" : currentName, draft, seen);
    }

    private Project save(String space, String currentName, ProjectDraft draft, Seen seen) {
        String name = Project.checkName(draft.name());
        String description = Names.text("A description", draft.description(), 2000);
        List<Channel> channels = channels(draft.channels());
        checkUnique(draft);
        if (draft.variables().stream().anyMatch(Variable::sensitive)) {
            store.keyVault(); // refuses, with the master-key sentence, before anything is read or written
        }
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, s);
            Project current = currentName == null ? null : require(tx, s, currentName);
            tx.projects().findByName(s.id(), name).filter(p -> current == null || p.id() != current.id()).ifPresent(p -> {
                throw new Refusal("'" + s.name() + "' already has a project named '" + p.name() + "'; names in a space differ in more than letter case or look-alike letters.");
            });
            boolean remote = current != null && tx.projects().sourceSpace(current.id()).isPresent();
            if (remote) {
                refuseBuildChanges(tx, current, name, draft);
            }
            Lifecycle lifecycle = lifecycle(tx, s, draft.lifecycleName());
            Map<String, String> known = environmentNames(tx, s);
            List<DeploymentStep> process = remote ? current.process() : draft.process().stream().map(st -> new DeploymentStep(st.name(), st.actionType(), st.properties(),
                    scope(s, known, st.scope(), "Step '" + st.name() + "'"), st.packages())).toList();
            List<Variable> variables = draft.variables().stream().map(v -> new Variable(v.name(), v.value(), v.sensitive(),
                    scope(s, known, v.scope(), "Variable '" + v.name() + "'"))).toList();
            ProjectData data = new ProjectData(name, description, lifecycle.id(), process, variables, draft.templates(), channels);
            Project saved;
            if (current == null) {
                saved = tx.projects().insert(s.id(), data, StoreTime.now(store.clock()));
                tx.audit().append("project.create", subject(s, name), summary(saved));
            } else {
                saved = Changed.write(tx, seen, current.seen(), what(s, current), subject(s, current.name()),
                        version -> tx.projects().update(current.id(), version, data));
                tx.audit().append("project.update", subject(s, name),
                        (current.name().equals(name) ? "" : "renamed from '" + current.name() + "'; ") + summary(saved));
            }
            return saved;
        });
    }

    /** Project name → the space it was imported from, for the remote projects of a space. */
    public Map<String, String> remoteSources(String space) {
        return store.read(tx -> {
            Map<String, String> out = new HashMap<>();
            for (Project p : tx.projects().findBySpace(EnvironmentService.requireLocal(tx, space).id())) {
                tx.projects().sourceSpace(p.id()).flatMap(id -> tx.spaces().findById(id)).ifPresent(src -> out.put(p.name(), src.name()));
            }
            return out;
        });
    }

    /** The name of the space a remote project was imported from; empty for a project made in its own space. */
    public Optional<String> importedFrom(String space, String project) {
        return store.read(tx -> {
            Project p = require(tx, EnvironmentService.requireLocal(tx, space), project);
            return tx.projects().sourceSpace(p.id()).flatMap(id -> tx.spaces().findById(id)).map(Space::name);
        });
    }

    /**
     * A remote project's name ties it to its source, and its process and templates are what was used to build the
     * release: read-only here. Its variable values (and lifecycle, description, channels) stay editable.
     */
    private static void refuseBuildChanges(StoreTx tx, Project current, String name, ProjectDraft draft) {
        String source = tx.projects().sourceSpace(current.id()).flatMap(id -> tx.spaces().findById(id)).map(Space::name).orElse("another space");
        String what = !current.name().equals(name) ? "its name" : !current.process().equals(draft.process()) ? "its deployment process"
                : !current.templates().equals(draft.templates()) ? "its variable templates" : null;
        if (what != null) {
            throw new Refusal("Project '" + current.name() + "' was imported from '" + source + "', so " + what
                    + " cannot be changed here (its name, process and variable templates are read-only); only its variable values can.");
        }
    }

    /**
     * The mandatory values each environment (and remote environment) of a project's lifecycle lacks, project by project
     * in name order (docs/decisions/0049). {@code project} null or blank: every project of the space; {@code environment}
     * null or blank: every environment of each lifecycle, else only that one (an environment or remote environment of the space).
     */
    public List<MissingValues> missingValues(String space, String project, String environment) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            boolean one = project != null && !project.isBlank();
            List<Project> projects = one ? List.of(require(tx, s, project)) : tx.projects().findBySpace(s.id());
            String only = environment == null || environment.isBlank() ? null : environmentNames(tx, s).get(Names.key(environment.strip()
                    .replaceAll("\\s*:\\s*", ": ")));
            if (environment != null && !environment.isBlank() && only == null) {
                throw new Refusal("'" + environment + "' is not an environment or remote environment of '" + s.name() + "'.");
            }
            List<MissingValues> out = new ArrayList<>();
            for (Project p : projects.stream().sorted(java.util.Comparator.comparing(x -> Names.key(x.name()))).toList()) {
                Lifecycle l = DeploymentService.lifecycle(tx, p); // with its live instances (0057)
                if (one && only != null && DeploymentRules.valueMembers(l).stream().noneMatch(m -> Names.same(m.displayName(), only))) {
                    throw new Refusal("'" + only + "' is not in lifecycle '" + l.name() + "' of project '" + p.name() + "'.");
                }
                out.addAll(missingValues(tx, p, l, m -> only == null || Names.same(m.displayName(), only)));
            }
            return out;
        });
    }

    /**
     * What {@code p} lacks for the members of {@code l} that {@code which} takes. A project made here: its variables and
     * templates as a release made now would freeze them, a template's default counting. A remote project, for an
     * environment here: its values, as a deployment checks them. For a remote environment: the values a bundle for it
     * would start the importer's form with — the project's (for a remote project, its current release's, which it sends
     * on unchanged) scoped to it or unscoped, else the template's default.
     */
    static List<MissingValues> missingValues(StoreTx tx, Project p, Lifecycle l, java.util.function.Predicate<PhaseMember> which) {
        boolean remoteProject = tx.projects().sourceSpace(p.id()).isPresent();
        List<Variable> sent = remoteProject ? tx.releases().findByProject(p.id()).stream().findFirst()
                .map(r -> r.snapshot().variables()).orElse(List.of()) : p.variables();
        List<MissingValues> out = new ArrayList<>();
        for (PhaseMember m : DeploymentRules.valueMembers(l)) {
            if (!which.test(m)) {
                continue;
            }
            boolean remote = m instanceof PhaseMember.RemoteEnvironmentMember || m instanceof PhaseMember.RemoteTemplateMember;
            // An instance: its template's values count ("Feature (template)"; a remote one's "Prod Space: Feature (template)", 0058).
            // A template: what each instance it makes will get, the values scoped to the template (its display name) and the
            // unscoped ones (0057); a remote template: what a bundle for its space sends (0058).
            String template = m instanceof PhaseMember.LocalEnvironment e ? e.template() : m instanceof PhaseMember.RemoteEnvironmentMember r
                    && r.template() != null ? odcm.model.environment.RemoteEnvironment.displayName(r.ownerSpaceName(), r.template()) : null;
            List<VariableTemplate> missing = remote ? DeploymentRules.missingValuesOrDefaults(p.templates(), sent, m.displayName(), template)
                    : remoteProject ? DeploymentRules.missingValues(p.templates(), p.variables(), m.displayName(), template)
                    : DeploymentRules.missingValuesOrDefaults(p.templates(), p.variables(), m.displayName(), template);
            if (!missing.isEmpty()) {
                out.add(new MissingValues(p.name(), m.displayName(), remote, missing.stream().map(VariableTemplate::name).toList()));
            }
        }
        return out;
    }

    /** Refused while the project has releases. */
    public void delete(String space, String name) {
        delete(space, name, null);
    }

    /** As {@link #delete(String, String)}; refused, deleting nothing, when the project is no longer the one {@code seen}. */
    public void delete(String space, String name, Seen seen) {
        store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.CHANGE_PROJECTS, s);
            Project p = require(tx, s, name);
            Changed.check(tx, seen, p.seen(), what(s, p), subject(s, p.name()));
            int releases = tx.releases().count(p.id());
            if (releases > 0) {
                throw new Refusal("Cannot delete project '" + p.name() + "' of '" + s.name() + "': it has " + releases
                        + (releases == 1 ? " release, which is" : " releases, which are") + " frozen.");
            }
            Changed.delete(tx, seen, p.seen(), what(s, p), subject(s, p.name()), version -> tx.projects().delete(p.id(), version));
            tx.audit().append("project.delete", subject(s, p.name()), "deleted; was " + summary(p));
            return null;
        });
    }

    // ---- helpers ----

    static Project require(StoreTx tx, Space s, String name) {
        return tx.projects().findByName(s.id(), name == null ? "" : name).orElseThrow(() -> noProject(s, name));
    }

    /** As {@link #require}, without its process, variables and templates (empty): its id, name, lifecycle and channels. */
    static Project requireHead(StoreTx tx, Space s, String name) {
        return tx.projects().findHeadByName(s.id(), name == null ? "" : name).orElseThrow(() -> noProject(s, name));
    }

    private static Refusal noProject(Space s, String name) {
        return new Refusal("'" + s.name() + "' has no project named '" + name + "'.");
    }

    private static Lifecycle lifecycle(StoreTx tx, Space s, String name) {
        if (name == null || name.isBlank()) {
            List<Lifecycle> all = tx.lifecycles().findBySpace(s.id());
            return all.stream().filter(Lifecycle::isDefault).findFirst().orElseThrow(() -> new Refusal(all.isEmpty()
                    ? "'" + s.name() + "' has no lifecycles yet; create one before its first project."
                    : "'" + s.name() + "' has no default lifecycle; name the project's lifecycle."));
        }
        return LifecycleService.require(tx, s, name);
    }

    /** Name key to the name as spelled in the space: what a scope may name (EnvironmentService.scopes). */
    private static Map<String, String> environmentNames(StoreTx tx, Space s) {
        Map<String, String> names = new HashMap<>();
        for (String scope : EnvironmentService.scopes(tx, s)) {
            names.put(Names.key(scope), scope);
        }
        return names;
    }

    private static Scope scope(Space s, Map<String, String> known, Scope scope, String what) {
        List<String> resolved = new ArrayList<>();
        for (String e : scope.environments()) {
            String key = Names.key(e.strip().replaceAll("\\s*:\\s*", ": "));
            String name = known.get(key);
            if (name == null) {
                throw new Refusal(what + " is scoped to '" + e + "', which is not an environment, remote environment or environment template"
                        + " ('Name (template)') of '" + s.name() + "'.");
            }
            resolved.add(name);
        }
        return Scope.of(resolved);
    }

    private static void checkUnique(ProjectDraft draft) {
        Set<String> steps = new HashSet<>();
        for (DeploymentStep st : draft.process()) {
            if (!steps.add(Names.key(st.name()))) {
                throw new Refusal("The process has two steps named '" + st.name() + "'; step names are unique in a project.");
            }
        }
        Set<String> variables = new HashSet<>();
        for (Variable v : draft.variables()) {
            String key = Names.key(v.name()) + "\n" + v.scope().environments().stream().map(Names::key).sorted().toList();
            if (!variables.add(key)) {
                throw new Refusal("Variable '" + v.name() + "' has two values for the same scope (" + v.scope() + "); a variable has one value per scope.");
            }
        }
        Set<String> templates = new HashSet<>();
        for (VariableTemplate t : draft.templates()) {
            if (!templates.add(Names.key(t.name()))) {
                throw new Refusal("There are two variable templates named '" + t.name() + "'; template names are unique in a project.");
            }
        }
    }

    /** At least one channel ("Default" when none is given) and exactly one default (the first, when none is marked). */
    private static List<Channel> channels(List<Channel> given) {
        if (given.isEmpty()) {
            return List.of(new Channel("Default", true));
        }
        Set<String> names = new HashSet<>();
        for (Channel c : given) {
            if (!names.add(Names.key(c.name()))) {
                throw new Refusal("There are two channels named '" + c.name() + "'; channel names are unique in a project.");
            }
        }
        List<String> defaults = given.stream().filter(Channel::isDefault).map(Channel::name).toList();
        if (defaults.size() > 1) {
            throw new Refusal("Only one channel can be the default; " + defaults.stream().map(d -> "'" + d + "'").collect(Collectors.joining(" and "))
                    + " both are.");
        }
        if (defaults.isEmpty()) {
            List<Channel> out = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                out.add(new Channel(given.get(i).name(), i == 0));
            }
            return out;
        }
        return given;
    }

    private static String what(Space s, Project p) {
        return "Project '" + p.name() + "' of '" + s.name() + "'";
    }

    private static String subject(Space s, String project) {
        return "project '" + project + "' of " + s.describe();
    }

    /** Never a sensitive value, nor the whole content: counts and the first few names. */
    private static String summary(Project p) {
        long sensitive = p.variables().stream().filter(Variable::sensitive).count();
        return "lifecycle '" + p.lifecycleName() + "'; " + p.process().size() + " steps ("
                + AuditText.few(p.process().stream().map(DeploymentStep::name).toList()) + "); "
                + p.variables().size() + " variables (" + sensitive + " sensitive); " + p.templates().size() + " templates; channels "
                + AuditText.few(p.channels().stream().map(c -> c.name() + (c.isDefault() ? " (default)" : "")).toList());
    }
}
