package odcm.app.cli;

import java.util.concurrent.Callable;
import odcm.app.ui.ConsoleLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "odcm", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = OdcmCommand.Version.class,
        description = {"ODCM Console: spaces, certificates of remote spaces, and the trusts between them.",
                "With no command, opens the console window; 'odcm FILE.odcmbundle' (or .odcmreceipt) opens it on that file."},
        footer = {"", "Exit status: 0 done; 1 refused (one line on stderr, nothing changed); 2 bad command line; "
                + "3 unexpected error (details in odcm.log.0 in $ODCM_LOG_DIR, else $XDG_STATE_HOME/odcm, else ~/.local/state/odcm); 143 stopped by SIGTERM, 130 by Ctrl+C "
                + "(the change in progress undone); 'check' also 10 and 11 (odcm check --help)."})
final class OdcmCommand implements Callable<Integer> {
    /**
     * The commands, in the order help lists them. Not in the annotation: picocli would build the model of every one of
     * them on each call, while a command line needs only the one it names (see {@link Cli} and docs/decisions/0020).
     */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(picocli.CommandLine.HelpCommand.class, StoreCommands.class,
            SpaceCommands.class, RemoteCommands.class, TrustCommands.class, RoleCommands.class, AuditCommands.class, EnvironmentCommands.class, TemplateCommands.class,
            PackageCommands.class,
            LifecycleCommands.class, ProjectCommands.class, ReleaseCommands.class, BundleCommands.class, ReceiptCommands.class,
            ApplyCommands.Apply.class, ApplyCommands.DemoCommand.class, DeploymentCommands.Deploy.class, DeploymentCommands.Group.class,
            DashboardCommand.class, CheckCommand.class, WhoamiCommand.class, ImportCommands.class);

    final Cli cli;

    /** "ODCM Console 0.2.0": the version the build wrote into the jar's manifest (docs/decisions/0050). */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ODCM Console " + odcm.app.Main.version()};
        }
    }

    @Option(names = "--store", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The store folder, or a team store's address postgresql://[user@]host[:port]/database (default: $ODCM_STORE, else ~/.local/share/odcm/store).")
    String store;

    // Read before parsing (Cli.run), so that the log is set up before anything can go wrong; declared here for help.
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also show on stderr what goes to the log, in more detail (INFO; the console's own steps too).")
    boolean verbose;

    OdcmCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        // Blocks until the console window is closed.
        ConsoleLauncher.launch(cli.location(store), null);
        return 0;
    }
}
