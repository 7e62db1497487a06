package odcm.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import odcm.app.service.RoleService;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "role", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Roles per local space (administrator, release-manager, approver, importer, deployer, viewer), granted to people or groups.")
final class RoleCommands {
    @ParentCommand
    OdcmCommand root;

    /** Exactly one of --person and --group (picocli says so with exit 2 otherwise). */
    static final class Who {
        @Option(names = "--person", paramLabel = "NAME", required = true, description = "A person (their login on a team store).")
        String person;
        @Option(names = "--group", paramLabel = "GROUP", required = true, description = "A group (a database role of the team store).")
        String group;

        Grantee grantee() {
            return person != null ? Grantee.person(person) : Grantee.group(group);
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "Grant ROLE in SPACE to a person or a group, e.g. role grant --space 'Prod Space' --role deployer --environment Production --person bob.")
    int grant(@Option(names = "--space", paramLabel = "SPACE", required = true, description = "A local space.") String space,
              @Option(names = "--role", paramLabel = "ROLE", required = true, description = "administrator, release-manager, approver, importer, deployer or viewer") String role,
              @Option(names = "--environment", paramLabel = "ENV", description = "A deployer's one environment (default: every environment of the space).") String environment,
              @ArgGroup(exclusive = true, multiplicity = "1") Who who) {
        RoleGrant g = root.cli.withContext(root.store, ctx -> ctx.roles().grant(space, Role.parse(role), environment, who.grantee()));
        root.cli.out().println("Granted: " + Printed.clean(g.sentence()) + ".");
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke the grant of ROLE in SPACE from a person or a group; the last administrator is kept.")
    int revoke(@Option(names = "--space", paramLabel = "SPACE", required = true) String space,
               @Option(names = "--role", paramLabel = "ROLE", required = true) String role,
               @Option(names = "--environment", paramLabel = "ENV", description = "The deployer's environment the grant names, if any.") String environment,
               @ArgGroup(exclusive = true, multiplicity = "1") Who who) {
        RoleGrant g = root.cli.withContext(root.store, ctx -> ctx.roles().revoke(space, Role.parse(role), environment, who.grantee()));
        root.cli.out().println("Revoked: " + Printed.clean(g.sentence()) + " no longer.");
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the roles granted, in every local space or in one.")
    int list(@Option(names = "--space", paramLabel = "SPACE") String space, @Option(names = "--json") boolean json) {
        record Listed(List<RoleGrant> grants, String person, boolean everyRole) {
        }
        Listed l = root.cli.reading(root.store, ctx -> {
            RoleService roles = ctx.roles();
            return new Listed(roles.list(space), roles.person().name(), roles.holdsEveryRole());
        });
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("person", l.person());
            m.put("holdsEveryRole", l.everyRole());
            m.put("grants", l.grants().stream().map(RoleCommands::json).toList());
            root.cli.printJson(m);
            return 0;
        }
        if (l.everyRole()) {
            root.cli.out().println("This is an embedded store: its one person, " + Printed.clean(l.person())
                    + ", holds every role of every space without a grant. The grants below are the rules on a team store made from it.");
        }
        if (l.grants().isEmpty()) {
            root.cli.out().println("No roles granted" + (space == null ? "" : " in '" + Printed.clean(space) + "'")
                    + "; the maker of a space holds its roles, and an administrator grants them with 'odcm role grant'.");
        }
        l.grants().forEach(g -> root.cli.out().println(Printed.clean(g.spaceName()) + "\t" + g.role().cliName()
                + (g.role() == Role.DEPLOYER ? "\t" + (g.environment() == null ? "(every environment)" : Printed.clean(g.environment())) : "\t")
                + "\t" + (g.grantee().group() ? "group " : "person ") + Printed.clean(g.grantee().name())
                + "\tgranted " + g.grantedAt() + " by " + Printed.clean(g.grantedBy())));
        return 0;
    }

    private static Map<String, Object> json(RoleGrant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", g.spaceName());
        m.put("role", g.role().cliName());
        m.put("environment", g.environment());
        m.put(g.grantee().group() ? "group" : "person", g.grantee().name());
        m.put("grantedAt", g.grantedAt().toString());
        m.put("grantedBy", g.grantedBy());
        return m;
    }
}
