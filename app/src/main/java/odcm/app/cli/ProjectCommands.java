package odcm.app.cli;

import java.util.List;
import odcm.model.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
}
