package odcm.app.cli;

import java.util.concurrent.Callable;
import odcm.model.role.Person;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code whoami}: the person who acts on the store, the store, and the person's groups (decision 0040). */
@Command(name = "whoami", mixinStandardHelpOptions = true, description = {"Show who acts on the store and whom its audit entries name:",
        "on a team store the database login the server signed in, and the database roles it is a member of; in an embedded",
        "store this computer's user, its one person, with every role."})
final class WhoamiCommand implements Callable<Integer> {
    @ParentCommand
    OdcmCommand root;

    @Override
    public Integer call() {
        root.cli.reading(root.store, ctx -> {
            Person p = ctx.store().person();
            var out = root.cli.out();
            out.println("Person:  " + p.name() + (p.holdsEveryRole() ? " (this computer's user)" : " (the database login the server signed in)"));
            out.println("Store:   " + ctx.store().location().describe());
            out.println(p.holdsEveryRole() ? "Roles:   every role (an embedded store has one person)"
                    : "Groups:  " + (p.groups().isEmpty() ? "none" : String.join(", ", p.groups()))
                            + " (the database roles it is a member of, directly or through others; PostgreSQL's own pg_* roles not shown)");
            return null;
        });
        return 0;
    }
}
