package odcm.app.cli;

import java.util.List;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "lifecycle", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Lifecycles of a local space (create and change them with 'odcm apply'), and composite lifecycles.")
final class LifecycleCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a space's lifecycles with their phases.")
    int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space) {
        List<Lifecycle> lifecycles = root.cli.reading(root.store, ctx -> ctx.lifecycles().list(space));
        if (lifecycles.isEmpty()) {
            root.cli.out().println("'" + space + "' has no lifecycles yet; describe them in a file for 'odcm apply' (docs/apply-format.md).");
        }
        for (Lifecycle l : lifecycles) {
            root.cli.out().println(l.name() + (l.isDefault() ? " (default)" : ""));
            for (Phase p : l.phases()) {
                root.cli.out().println("  " + p.name() + " [" + p.rule().words() + "]: "
                        + String.join(", ", p.members().stream().map(PhaseMember::displayName).toList()));
            }
        }
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Compose a project's lifecycle across spaces and say what is wrong; exit 1 when anything is.")
    int check(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
              @Option(names = "--project", required = true, paramLabel = "PROJECT") String project) {
        CompositeLifecycle c = root.cli.reading(root.store, ctx -> ctx.lifecycles().composite(space, project));
        root.cli.out().println(project + " crosses " + c.groups().size() + (c.groups().size() == 1 ? " space: " : " spaces: ")
                + String.join(" → ", c.groups().stream().map(CompositeLifecycle.SpaceGroup::spaceName).toList()));
        c.findings().forEach(f -> root.cli.out().println(f.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.sentence()));
        if (!c.isValid()) {
            throw new odcm.model.Refusal("The composite lifecycle of '" + project + "' has " + c.findings().stream()
                    .filter(f -> f.severity() == CompositeLifecycle.Severity.ERROR).count() + " problem(s), listed above.");
        }
        return 0;
    }

    @Command(name = "render", mixinStandardHelpOptions = true, description = {"Draw a project's composite lifecycle across spaces as SVG or PNG (by the file name).",
            "Environments are coloured by the project's latest deployment there (✓ green, ✗ red), as on its dashboard, unless --no-status."})
    int render(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
               @Option(names = "--out", required = true, paramLabel = "FILE.svg|FILE.png") java.nio.file.Path out,
               @Option(names = "--no-status", description = "draw the lifecycle only, without deployments") boolean noStatus) {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new odcm.model.Refusal("Choose a file name ending in .svg or .png, not '" + out.getFileName() + "'.");
        }
        java.util.Map<String, odcm.app.graph.GraphStatus.Of> status = new java.util.HashMap<>();
        CompositeLifecycle c = root.cli.reading(root.store, ctx -> {
            CompositeLifecycle composite = ctx.lifecycles().composite(space, project);
            if (!noStatus) {
                ctx.dashboards().dashboard(space).row(project).ifPresent(r -> status.putAll(odcm.app.graph.GraphStatus.of(composite, r)));
            }
            return composite;
        });
        try {
            odcm.app.graph.GraphFiles.write(odcm.app.graph.LifecycleLayout.layout(c, status), project + " across spaces", out);
        } catch (java.io.IOException e) {
            throw new odcm.model.Refusal("Cannot write " + out + ": " + odcm.app.io.UserFiles.reason(e) + ".");
        }
        root.cli.out().println("Drew the composite lifecycle of '" + project + "' (" + c.groups().size() + " spaces) to " + out + "."
                + (status.isEmpty() ? "" : " " + status.size() + (status.size() == 1 ? " environment is" : " environments are")
                + " coloured by the latest deployment (✓ green, ✗ red)."));
        long problems = c.findings().stream().filter(f -> f.severity() == CompositeLifecycle.Severity.ERROR).count();
        if (problems > 0) {
            root.cli.out().println(problems + " problem(s) are marked in red; 'odcm lifecycle check' lists them.");
        }
        return 0;
    }
}
