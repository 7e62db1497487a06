package odcm.app.cli;

import java.util.List;
import odcm.model.deployment.MissingValues;
import odcm.model.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "project", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Projects of a local space (create and change them with 'odcm apply').")
final class ProjectCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a space's projects.")
    int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Option(names = "--json") boolean json) {
        List<Project> projects = root.cli.reading(root.store, ctx -> ctx.projects().list(space));
        if (json) {
            root.cli.printJson(projects.stream().map(p -> Printed.fields("name", p.name(), "description", p.description(),
                    "lifecycle", p.lifecycleName(), "steps", p.process().size(), "variables", p.variables().size(),
                    "templates", p.templates().size())).toList());
        } else if (projects.isEmpty()) {
            root.cli.out().println("'" + space + "' has no projects yet; describe them in a file for 'odcm apply' (docs/apply-format.md).");
        } else {
            projects.forEach(p -> root.cli.out().println(Printed.clean(p.name()) + "\tlifecycle " + Printed.clean(p.lifecycleName()) + "\t" + p.process().size() + " steps, "
                    + p.variables().size() + " variables, " + p.templates().size() + " templates"));
        }
        return 0;
    }

    @Command(name = "missing-values", mixinStandardHelpOptions = true, description = {
            "List, per project, the mandatory template values each environment (or remote environment) of its lifecycle lacks.",
            "Exit 0 when nothing is missing, 1 when something is (listed on stdout; a sentence on stderr)."})
    int missingValues(@Parameters(index = "0", paramLabel = "SPACE") String space,
                      @Parameters(index = "1", arity = "0..1", paramLabel = "PROJECT", description = "only this project") String project,
                      @Option(names = "--environment", paramLabel = "ENVIRONMENT", description = "only this environment or remote environment") String environment,
                      @Option(names = "--json") boolean json) {
        List<MissingValues> missing = root.cli.reading(root.store, ctx -> ctx.projects().missingValues(space, project, environment));
        if (json) {
            root.cli.printJson(missing.stream().map(m -> Printed.fields("project", m.project(), "environment", m.environment(),
                    "remote", m.remote(), "missing", m.templates())).toList());
        } else if (missing.isEmpty()) {
            root.cli.out().println("Nothing is missing: every mandatory value is set for " + (environment == null || environment.isBlank()
                    ? "every environment" : "'" + Printed.clean(environment) + "'") + " of " + (project == null || project.isBlank()
                    ? "every project of '" + Printed.clean(space) + "'" : "'" + Printed.clean(project) + "'") + ".");
        } else {
            missing.forEach(m -> root.cli.out().println(Printed.clean(m.words())));
        }
        if (!missing.isEmpty()) {
            int values = missing.stream().mapToInt(m -> m.templates().size()).sum();
            long projects = missing.stream().map(MissingValues::project).distinct().count();
            throw new odcm.model.Refusal(values + (values == 1 ? " mandatory value is" : " mandatory values are") + " missing in " + projects
                    + (projects == 1 ? " project" : " projects") + (json ? "." : ", listed above; set them in the project's variables"
                    + " (for a project made here, then create a new release)."));
        }
        return 0;
    }
}
