package odcm.app.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import odcm.app.apply.ApplyDocument.LifecycleDoc;
import odcm.app.apply.ApplyDocument.PhaseDoc;
import odcm.app.apply.ApplyDocument.ProjectDoc;
import odcm.app.apply.ApplyDocument.ReleaseDoc;
import odcm.app.service.AppContext;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;

/**
 * Makes one local space hold what an apply document says: creates what is missing, updates lifecycles and
 * projects, creates releases not yet there (a release is never changed). All in one transaction: a refusal
 * anywhere leaves the store as it was.
 */
public final class ApplyService {
    private static final ObjectMapper STRICT = odcm.app.io.JsonDocuments.strictMapper();

    private final AppContext ctx;

    public ApplyService(AppContext ctx) {
        this.ctx = ctx;
    }

    /** Reads a document strictly: unknown fields, duplicate keys and missing required fields are refused, with where. */
    public static ApplyDocument parse(byte[] json) {
        return parse(json, "The apply file");
    }

    /**
     * @param source the file as the user named it (or "standard input"); a refusal starts with it, then the line,
     *               column and the path in the document, e.g. "devtest.json line 4, column 12: environments must be a list of objects."
     */
    public static ApplyDocument parse(byte[] json, String source) {
        return odcm.app.io.JsonDocuments.read(STRICT, json, ApplyDocument.class, source);
    }

    /** @return one line per thing created, updated or left as it was */
    public List<String> apply(ApplyDocument doc) {
        return ctx.store().write(tx -> {
            List<String> done = new ArrayList<>();
            String space = ctx.spaces().find(doc.space()).name();
            applyEnvironments(doc, space, done);
            applyTemplates(doc, space, done);
            for (LifecycleDoc l : doc.lifecycles()) {
                LifecycleDraft draft = lifecycle(l);
                boolean exists = ctx.lifecycles().list(space).stream().anyMatch(x -> Names.same(x.name(), l.name()));
                if (exists) {
                    ctx.lifecycles().update(space, l.name(), draft);
                } else {
                    ctx.lifecycles().create(space, draft);
                }
                done.add((exists ? "updated" : "created") + " lifecycle '" + l.name() + "'");
            }
            for (ProjectDoc p : doc.projects()) {
                ProjectDraft draft = project(p);
                boolean exists = ctx.projects().list(space).stream().anyMatch(x -> Names.same(x.name(), p.name()));
                java.util.Optional<String> source = exists ? ctx.projects().importedFrom(space, p.name()) : java.util.Optional.empty();
                if (source.isPresent()) {
                    done.add(remoteValues(space, source.get(), p));
                    continue;
                }
                if (exists) {
                    ctx.projects().update(space, p.name(), draft);
                } else {
                    ctx.projects().create(space, draft);
                }
                done.add((exists ? "updated" : "created") + " project '" + p.name() + "'");
            }
            for (ReleaseDoc r : doc.releases()) {
                refuseRemote(space, r.project(), "its releases come only from there, through an imported bundle");
                boolean exists = ctx.releases().list(space, r.project()).stream().anyMatch(x -> x.version().equals(r.version().strip()));
                if (exists) {
                    done.add("release " + r.version() + " of '" + r.project() + "' already exists; a release never changes, so it was left as it is");
                } else {
                    ctx.releases().create(space, r.project(), r.version(), r.notes(), r.channel(),
                            r.packages().stream().map(k -> new PackageVersion(k.id(), k.version(), k.sha256())).toList());
                    done.add("created release " + r.version() + " of '" + r.project() + "'");
                }
            }
            // Each change has its own entry; this one names how many and the first few, never the whole document.
            tx.audit().append("apply", "local space '" + space + "'", done.size() + (done.size() == 1 ? " change: " : " changes: ")
                    + odcm.model.audit.AuditText.few(done, "; "));
            return done;
        });
    }

    /** A remote project is kept by imports from its source space, never by an apply document (all or nothing: nothing is applied). */
    private void refuseRemote(String space, String project, String why) {
        ctx.projects().importedFrom(space, project).ifPresent(source -> {
            throw new Refusal("Project '" + project + "' was imported from '" + source + "', so an apply document cannot create or change it: "
                    + why + ". Nothing was applied.");
        });
    }

    /**
     * A remote project takes from a document only its values for environments of this space (docs/decisions/0049): each
     * value names one of its templates and is scoped to environments here; it is set, one per environment, and its other
     * values stay. Anything else that differs from the project as it is (its lifecycle, description, process, templates
     * or channels; those left out are as they are) is refused, naming it, and nothing is applied.
     */
    private String remoteValues(String space, String source, ProjectDoc doc) {
        Project current = ctx.projects().find(space, doc.name());
        ProjectDraft draft = project(doc);
        String what = !Names.same(current.lifecycleName(), doc.lifecycle()) ? "its lifecycle"
                : doc.description() != null && !doc.description().strip().equals(current.description()) ? "its description"
                : !draft.process().isEmpty() && !draft.process().equals(current.process()) ? "its deployment process"
                : !draft.templates().isEmpty() && !draft.templates().equals(current.templates()) ? "its variable templates"
                : !doc.channels().isEmpty() && !draft.channels().equals(current.channels()) ? "its channels" : null;
        String only = "Project '" + current.name() + "' was imported from '" + source + "', so an apply document can change only its values"
                + " for environments of '" + space + "'";
        if (what != null) {
            throw new Refusal(only + ", not " + what + ". Nothing was applied.");
        }
        java.util.Map<String, String> here = new java.util.HashMap<>();
        ctx.environments().list(space).forEach(e -> here.put(Names.key(e.name()), e.name()));
        ctx.templates().list(space).forEach(t -> { // "Smoke (template)": every instance of it (decision 0057)
            String scope = odcm.model.lifecycle.PhaseMember.TemplateMember.displayName(t.name());
            here.put(Names.key(scope), scope);
        });
        List<Variable> set = new ArrayList<>();
        for (ApplyDocument.VariableDoc v : doc.variables()) {
            VariableTemplate t = current.templates().stream().filter(x -> Names.same(x.name(), v.name())).findFirst()
                    .orElseThrow(() -> new Refusal(only + "; '" + v.name() + "' is none of its variable templates ("
                            + String.join(", ", current.templates().stream().map(VariableTemplate::name).toList()) + "). Nothing was applied."));
            if (v.environments().isEmpty()) {
                throw new Refusal(only + "; the value of '" + t.name() + "' names no environment. Nothing was applied.");
            }
            for (String e : v.environments()) {
                String env = here.get(Names.key(e));
                if (env == null) {
                    throw new Refusal(only + "; the value of '" + t.name() + "' is for '" + e + "', which is neither an environment of '" + space
                            + "' nor one of its templates (named 'Name (template)'). Nothing was applied.");
                }
                set.add(new Variable(t.name(), odcm.app.service.ImportService.check(t, env, v.value() == null ? "" : v.value()),
                        t.type() == TemplateType.SENSITIVE || v.sensitive(), Scope.of(List.of(env))));
            }
        }
        List<Variable> values = new ArrayList<>(current.variables());
        values.removeIf(x -> set.stream().anyMatch(n -> Names.same(n.name(), x.name()) && n.scope().equals(x.scope())));
        values.addAll(set);
        if (new java.util.HashSet<>(values).equals(new java.util.HashSet<>(current.variables()))) {
            return "imported project '" + current.name() + "' left as it is: its values are already so";
        }
        ctx.projects().update(space, current.name(), new ProjectDraft(current.name(), current.description(), current.lifecycleName(),
                current.process(), values, current.templates(), current.channels()));
        return "set " + set.size() + (set.size() == 1 ? " value" : " values") + " of imported project '" + current.name() + "' ("
                + odcm.model.audit.AuditText.few(set.stream().map(x -> x.name() + " for " + x.scope()).toList()) + ")";
    }

    private void applyEnvironments(ApplyDocument doc, String space, List<String> done) {
        // The names there are read once (300 environments: not 300 listings); each one created joins them.
        java.util.Set<String> local = new java.util.HashSet<>(ctx.environments().list(space).stream().map(x -> Names.key(x.name())).toList());
        for (ApplyDocument.EnvironmentDoc e : doc.environments()) {
            if (!local.contains(Names.key(e.name()))) {
                local.add(Names.key(ctx.environments().create(space, e.name(), e.description()).name()));
                done.add("created environment '" + e.name() + "'");
            }
        }
        java.util.Set<String> remote = new java.util.HashSet<>(ctx.environments().listRemote(space).stream()
                .map(x -> Names.key(x.displayName())).toList());
        for (ApplyDocument.RemoteEnvironmentDoc r : doc.remoteEnvironments()) {
            String display = r.space().strip() + ": " + r.name().strip();
            if (!remote.contains(Names.key(display))) {
                remote.add(Names.key(ctx.environments().createRemote(space, r.space(), r.name()).displayName()));
                done.add("created remote environment '" + display + "'");
            }
        }
    }

    /** Templates not there yet are created (before the lifecycles, whose phases may hold them); one that exists is left as it is. */
    private void applyTemplates(ApplyDocument doc, String space, List<String> done) {
        java.util.Set<String> here = new java.util.HashSet<>(ctx.templates().list(space).stream().map(t -> Names.key(t.name())).toList());
        ctx.remoteTemplates().list(space).forEach(r -> here.add(Names.key(r.template().name())));
        for (ApplyDocument.EnvironmentTemplateDoc t : doc.environmentTemplates()) {
            if (here.add(Names.key(t.name()))) {
                EnvironmentTemplate draft = EnvironmentTemplate.draft(t.name(), t.description(), t.parameters().stream().map(ApplyService::template).toList(),
                        t.provisioning().stream().map(ApplyService::step).toList(), t.deprovisioning().stream().map(ApplyService::step).toList(),
                        t.nameExpression(), t.onExisting() == null ? EnvironmentTemplate.OnExisting.SKIP : EnvironmentTemplate.OnExisting.parse(t.onExisting()),
                        t.deprovisionWhenProgressed(), t.deprovisionAfterDays());
                if (t.owner() != null) { // a remote template: the owner's, its definition carried there by bundles (0058)
                    done.add("created remote template '" + ctx.remoteTemplates().create(space, t.owner(), draft).displayName() + "'");
                    continue;
                }
                ctx.templates().create(space, draft);
                done.add("created environment template '" + t.name() + "'");
            } else {
                done.add("environment template '" + t.name() + "' already exists in '" + space + "'; an apply never changes one, so it was left as it is");
            }
        }
    }

    static LifecycleDraft lifecycle(LifecycleDoc l) {
        List<LifecycleDraft.PhaseDraft> phases = new ArrayList<>();
        for (PhaseDoc p : l.phases()) {
            phases.add(new LifecycleDraft.PhaseDraft(p.name(), p.environments(), p.remoteEnvironments(), p.promotions(),
                    ProgressionRule.parse(p.progression()), p.templates()));
        }
        return new LifecycleDraft(l.name(), l.description(), l.isDefault(), phases);
    }

    static ProjectDraft project(ProjectDoc p) {
        List<DeploymentStep> steps = p.process().stream().map(ApplyService::step).toList();
        List<Variable> variables = p.variables().stream().map(v -> new Variable(v.name(), v.value(), v.sensitive(), Scope.of(v.environments())))
                .toList();
        List<VariableTemplate> templates = p.templates().stream().map(ApplyService::template).toList();
        List<Channel> channels = p.channels().stream().map(c -> new Channel(c.name(), c.isDefault())).toList();
        return new ProjectDraft(p.name(), p.description(), p.lifecycle(), steps, variables, templates, channels);
    }

    private static DeploymentStep step(ApplyDocument.StepDoc s) {
        return new DeploymentStep(s.name(), s.actionType(), new java.util.LinkedHashMap<>(s.properties()), Scope.of(s.environments()),
                s.packages().stream().map(PackageReference::new).toList());
    }

    private static VariableTemplate template(ApplyDocument.TemplateDoc t) {
        return new VariableTemplate(t.name(), t.label(), t.helpText(), TemplateType.parse(t.type()), t.options(), t.mandatory(), t.defaultValue());
    }

}
