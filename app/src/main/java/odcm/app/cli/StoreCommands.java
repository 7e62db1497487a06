package odcm.app.cli;

import odcm.persistence.Store;
import picocli.CommandLine.Command;
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
            out.println("Store folder:     " + s.location().storeDir());
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
}
