package odcm.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import odcm.app.compare.ComparisonReport;
import odcm.model.Refusal;
import odcm.model.compare.ReleaseDiff;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Verdict;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.model.release.ReleaseHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "release", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Releases: a project's version with its process, variables and templates frozen at creation.")
final class ReleaseCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a release, freezing the project's current process, variables and templates.")
    int create(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
               @Parameters(paramLabel = "VERSION") String version,
               @Option(names = "--notes", paramLabel = "TEXT", defaultValue = "") String notes,
               @Option(names = "--channel", paramLabel = "CHANNEL") String channel,
               @Option(names = "--package", paramLabel = "ID:VERSION:SHA256", description = "one per package the process deploys") List<String> packages) {
        List<PackageVersion> manifest = new ArrayList<>();
        for (String p : packages == null ? List.<String>of() : packages) {
            String[] parts = p.split(":");
            if (parts.length != 3) {
                throw new Refusal("A package is given as ID:VERSION:SHA256, e.g. Acme.Web:1.0.0:3f2a…; '" + p + "' is not.");
            }
            manifest.add(new PackageVersion(parts[0], parts[1], parts[2]));
        }
        Release r = root.cli.withContext(root.store, ctx -> ctx.releases().create(space, project, version, notes, channel, manifest));
        root.cli.out().println("Created release " + r.version() + " of '" + r.projectName() + "' (" + r.snapshot().process().size() + " steps, "
                + r.snapshot().variables().size() + " variables, " + r.snapshot().packages().size() + " packages frozen).");
        return 0;
    }

    @Command(name = "update-variables", mixinStandardHelpOptions = true, description = "Make a new revision of a release with the project's"
            + " current variables (process, templates and packages stay as frozen); promote it again to send it. Prints what changed.")
    int updateVariables(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                        @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
                        @Parameters(paramLabel = "VERSION") String version) {
        odcm.app.service.ReleaseService.VariablesUpdated u = root.cli.withContext(root.store,
                ctx -> ctx.releases().updateVariables(space, project, version));
        root.cli.out().println(u.sentence());
        for (odcm.model.compare.Entry e : u.diff().changes(odcm.model.compare.Section.VARIABLES)) {
            root.cli.out().println("  " + e.marker() + " " + Printed.clean(e.name()) + " — " + e.describe());
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a project's releases, newest first.")
    int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
             @Option(names = "--project", required = true, paramLabel = "PROJECT") String project) {
        List<ReleaseHead> releases = root.cli.reading(root.store, ctx -> ctx.releases().heads(space, project));
        if (releases.isEmpty()) {
            root.cli.out().println("'" + project + "' has no releases yet; create one with 'odcm release create'.");
        }
        releases.forEach(r -> root.cli.out().println(revised(r.version(), r.revision()) + "\t" + r.channel() + "\t" + r.createdAt() + "\t" + r.notes()));
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a release's frozen snapshot: packages, process, variables (sensitive ones masked), templates.")
    int show(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
             @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
             @Parameters(paramLabel = "VERSION") String version,
             @Option(names = "--json") boolean json) {
        record Shown(Release r, int revision) {
        }
        Shown shown = root.cli.reading(root.store, ctx -> new Shown(ctx.releases().find(space, project, version),
                ctx.releases().revision(space, project, version)));
        Release r = shown.r();
        if (json) {
            Map<String, Object> m = json(r);
            m.put("revision", shown.revision());
            root.cli.printJson(m);
            return 0;
        }
        var out = root.cli.out();
        out.println("Release " + revised(r.version(), shown.revision()) + " of '" + r.projectName() + "', channel " + r.channel() + ", created " + r.createdAt());
        if (!r.notes().isEmpty()) {
            out.println("Notes: " + r.notes());
        }
        out.println("Packages:");
        r.snapshot().packages().forEach(p -> out.println("  " + p.packageId() + " " + p.version() + "  sha256 " + p.sha256()));
        out.println("Process:");
        int n = 1;
        for (DeploymentStep s : r.snapshot().process()) {
            out.println("  " + n++ + ". " + s.name() + " (" + s.actionType() + "), " + s.scope()
                    + (s.packages().isEmpty() ? "" : ", packages " + String.join(", ", s.packages().stream().map(PackageReference::packageId).toList())));
            s.properties().forEach((k, v) -> out.println("       " + k + " = " + v.strip().replace("\n", "\n         ")));
        }
        out.println("Variables:");
        r.snapshot().variables().forEach(v -> out.println("  " + v.name() + " = " + v.shownValue() + "   (" + v.scope() + ")"));
        out.println("Variable templates:");
        r.snapshot().templates().forEach(t -> out.println("  " + t.name() + " \"" + t.label() + "\", " + t.type().words()
                + (t.mandatory() ? ", mandatory" : ", optional") + (t.defaultValue().isEmpty() ? "" : ", default " + t.defaultValue())));
        return 0;
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compare two releases of a project: steps, variables (sensitive values never shown), templates and packages.")
    int diff(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
             @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
             @Parameters(index = "0", paramLabel = "FROM") String from,
             @Parameters(index = "1", paramLabel = "TO") String to,
             @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, html or md") String format,
             @Option(names = "--all", description = "also what did not change") boolean all,
             @Option(names = "--out", paramLabel = "FILE", description = "write to this file instead of standard output") java.nio.file.Path out) {
        ComparisonReport.Format f = ComparisonReport.Format.parse(format);
        ReleaseDiff d = root.cli.reading(root.store, ctx -> ctx.releases().compare(space, project, from, to));
        String report = ComparisonReport.render(d, f, !all);
        if (out != null) {
            odcm.app.io.UserFiles.write(out, report.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            root.cli.out().println("Wrote the comparison of " + d.from().version() + " and " + d.to().version() + " to " + out + " (" + d.summary() + ")");
        } else {
            root.cli.out().print(report);
            root.cli.out().flush();
        }
        return 0;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a release for deployment in its project's space.")
    int approve(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
                @Parameters(paramLabel = "VERSION") String version,
                @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "") String comment,
                @Option(names = "--against", paramLabel = "VERSION", description = "The release of the project it was compared with"
                        + " ('release diff'), recorded with the approval") String against) {
        return decide(space, project, version, Verdict.APPROVED, comment, against);
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a release for deployment in its project's space, saying why.")
    int reject(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
               @Parameters(paramLabel = "VERSION") String version,
               @Option(names = "--comment", required = true, paramLabel = "TEXT") String comment,
               @Option(names = "--against", paramLabel = "VERSION", description = "The release of the project it was compared with") String against) {
        return decide(space, project, version, Verdict.REJECTED, comment, against);
    }

    private int decide(String space, String project, String version, Verdict verdict, String comment, String against) {
        record Decided(ApprovalDecision d, java.util.Optional<String> tally) {
        }
        Decided r = root.cli.withContext(root.store, ctx -> {
            ApprovalDecision d = ctx.approvals().decide(space, project, version, verdict, comment, against);
            return new Decided(d, ctx.approvals().tally(space, project, version)); // "1 of 2 approvals" where approval is required
        });
        ApprovalDecision d = r.d();
        root.cli.out().println("Release " + Printed.clean(version) + " of '" + Printed.clean(project) + "' " + verdict.words() + " by "
                + Printed.clean(d.decidedBy()) + (d.comment().isEmpty() ? "" : ": " + Printed.clean(d.comment()))
                + r.tally().map(t -> " (" + t + ")").orElse(d.comment().isEmpty() ? "." : ""));
        return 0;
    }

    @Command(name = "decisions", mixinStandardHelpOptions = true, description = "List the approval decisions on a release, newest first.")
    int decisions(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                  @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
                  @Parameters(paramLabel = "VERSION") String version) {
        odcm.app.service.ApprovalService.History h = root.cli.reading(root.store, ctx -> ctx.approvals().history(space, project, version));
        if (h.decisions().isEmpty()) {
            root.cli.out().println("No decisions on release " + Printed.clean(version) + " yet.");
        }
        // what each covered (decision 0046): the revision and snapshot decided on, the release compared against, voided or not
        h.decisions().forEach(d -> root.cli.out().println(d.decision().decidedAt() + "\t" + d.decision().verdict().words() + "\t"
                + Printed.clean(d.decision().decidedBy()) + "\t" + Printed.clean(d.decision().comment()) + "\t" + Printed.clean(h.line(d))));
        return 0;
    }

    private static String revised(String version, int revision) {
        return odcm.app.service.ReleaseService.named(version, revision);
    }

    private static Map<String, Object> json(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", r.projectName());
        m.put("version", r.version());
        m.put("channel", r.channel());
        m.put("notes", r.notes());
        m.put("createdAt", r.createdAt().toString());
        m.put("packages", r.snapshot().packages().stream().map(p -> Printed.fields("id", p.packageId(), "version", p.version(), "sha256", p.sha256())).toList());
        List<Object> steps = new ArrayList<>();
        for (DeploymentStep s : r.snapshot().process()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.name());
            step.put("actionType", s.actionType());
            step.put("properties", s.properties());
            step.put("environments", s.scope().environments());
            step.put("packages", s.packages().stream().map(PackageReference::packageId).toList());
            steps.add(step);
        }
        m.put("process", steps);
        List<Object> variables = new ArrayList<>();
        for (Variable v : r.snapshot().variables()) {
            variables.add(Printed.fields("name", v.name(), "value", v.shownValue(), "sensitive", v.sensitive(), "environments", v.scope().environments()));
        }
        m.put("variables", variables);
        List<Object> templates = new ArrayList<>();
        for (VariableTemplate t : r.snapshot().templates()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("label", t.label());
            tm.put("helpText", t.helpText());
            tm.put("type", t.type().words());
            tm.put("options", t.options());
            tm.put("mandatory", t.mandatory());
            tm.put("defaultValue", t.defaultValue());
            templates.add(tm);
        }
        m.put("templates", templates);
        return m;
    }
}
