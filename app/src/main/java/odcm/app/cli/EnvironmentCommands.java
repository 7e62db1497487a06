package odcm.app.cli;

import java.util.List;
import java.util.Map;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "env", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Environments of a local space, and remote environments (placeholders for environments of other spaces).")
final class EnvironmentCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an environment in a local space.")
    int create(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Parameters(paramLabel = "NAME") String name,
               @Option(names = "--description", paramLabel = "TEXT", defaultValue = "") String description) {
        Environment e = root.cli.withContext(root.store, ctx -> ctx.environments().create(space, name, description));
        root.cli.out().println("Created environment '" + e.name() + "' in '" + space + "'.");
        return 0;
    }

    @Command(name = "remote-add", mixinStandardHelpOptions = true, description = "Add a remote environment: SPACE's placeholder for environment NAME of OWNER, shown 'OWNER: NAME'.")
    int remoteAdd(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                  @Option(names = "--owner", required = true, paramLabel = "OWNER") String owner,
                  @Parameters(paramLabel = "NAME") String name) {
        RemoteEnvironment r = root.cli.withContext(root.store, ctx -> ctx.environments().createRemote(space, owner, name));
        root.cli.out().println("Added remote environment '" + r.displayName() + "' to '" + space + "'.");
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a space's environments, then its remote environments.")
    int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Option(names = "--json") boolean json) {
        record Both(List<Environment> local, List<RemoteEnvironment> remote) {
        }
        Both both = root.cli.reading(root.store, ctx -> new Both(ctx.environments().list(space), ctx.environments().listRemote(space)));
        if (json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("environments", both.local().stream().map(e -> Printed.fields("name", e.name(), "description", e.description(),
                    "template", e.templateName())).toList());
            m.put("remoteEnvironments", both.remote().stream().map(r -> Printed.fields("space", r.ownerSpaceName(), "name", r.name(),
                    "displayName", r.displayName())).toList());
            root.cli.printJson(m);
            return 0;
        }
        if (both.local().isEmpty() && both.remote().isEmpty()) {
            root.cli.out().println("'" + space + "' has no environments yet; create one with 'odcm env create --space \"" + space + "\" NAME'.");
        }
        both.local().forEach(e -> root.cli.out().println(Printed.clean(e.name()) + (e.isInstance() ? "\t(instance of " + Printed.clean(e.templateName()) + ")"
                : e.description().isEmpty() ? "" : "\t" + Printed.clean(e.description()))));
        both.remote().forEach(r -> root.cli.out().println(Printed.clean(r.displayName()) + "\t(remote)"));
        return 0;
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename an environment.")
    int rename(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "NEW_NAME") String newName) {
        Environment e = root.cli.withContext(root.store, ctx -> ctx.environments().rename(space, name, newName));
        root.cli.out().println("Renamed environment '" + name + "' to '" + e.name() + "'.");
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an environment or a remote environment ('Owner: Name'); refused while a lifecycle or scope uses it.")
    int delete(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Parameters(paramLabel = "NAME") String name) {
        root.cli.withContext(root.store, ctx -> {
            if (name.contains(":")) {
                ctx.environments().deleteRemote(space, name);
            } else {
                ctx.environments().delete(space, name);
            }
            return null;
        });
        root.cli.out().println("Deleted '" + name + "' from '" + space + "'.");
        return 0;
    }
}
