package odcm.app.cli;

import odcm.persistence.Store;
import odcm.persistence.StoreCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "store", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "The store itself: where it is and what a backup needs.")
final class StoreCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the store folder, its id, its master key file and whether that key is usable.")
    int info() {
        root.cli.withContext(root.store, ctx -> {
            Store s = ctx.store();
            var out = root.cli.out();
            out.println((s.location().onServer() ? "Team store:       " : "Store folder:     ") + s.location().describe());
            out.println("Store id:         " + s.storeId());
            out.println("Master key file:  " + s.masterKeyFile() + " (" + switch (s.masterKeyState()) {
                case PRESENT -> "present";
                case MISSING -> "MISSING: private keys of local spaces are unusable until it is restored";
                case WRONG -> "WRONG: it is not this store's key";
            } + ")");
            out.println("Spaces:           " + ctx.spaces().locals().size() + " local, " + ctx.spaces().remotes().size() + " remote");
            out.println("Back up the store folder and the master key file, kept apart; see README, 'Where things live'.");
            return null;
        });
        return 0;
    }

    @Command(name = "admit", mixinStandardHelpOptions = true, description = {"Let a database login into this team store: it becomes a"
            + " member of the store's group <database>_members, which may read and change the store's tables (made on the first"
            + " admission: needs CREATEROLE). Only the tables' owner can; recorded in the audit log.",
            "The login itself is made by the server's administrator (CREATE ROLE name LOGIN PASSWORD '…'); see README, 'A team store'."})
    int admit(@picocli.CommandLine.Parameters(paramLabel = "LOGIN") String login) {
        root.cli.out().println(root.cli.<String>withContext(root.store, ctx -> odcm.persistence.TeamMembers.admit(ctx.store(), login)));
        return 0;
    }

    @Command(name = "dismiss", mixinStandardHelpOptions = true, description = "Take a database login out of this team store's"
            + " group <database>_members; only the tables' owner can; recorded in the audit log.")
    int dismiss(@picocli.CommandLine.Parameters(paramLabel = "LOGIN") String login) {
        root.cli.out().println(root.cli.<String>withContext(root.store, ctx -> odcm.persistence.TeamMembers.dismiss(ctx.store(), login)));
        return 0;
    }

    @Command(name = "copy", mixinStandardHelpOptions = true, description = {"Copy the whole store into an empty team store or a new"
            + " folder, and verify its audit log there: to move to PostgreSQL (--to postgresql://user@host/db) or back to a file.",
            "The copy is the same store: the same master key file opens it."})
    int copy(@Option(names = "--to", required = true, paramLabel = "STORE",
            description = "An empty database's address (postgresql://[user@]host[:port]/database), or a folder without a store.") String to) {
        var target = root.cli.location(to);
        root.cli.withContext(root.store, ctx -> {
            root.cli.out().println(StoreCopy.copy(ctx.store(), target).sentence());
            return null;
        });
        return 0;
    }
}
