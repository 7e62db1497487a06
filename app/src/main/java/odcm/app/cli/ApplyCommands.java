package odcm.app.cli;

import java.util.List;
import odcm.app.apply.ApplyDocument;
import odcm.app.apply.ApplyService;
import odcm.app.apply.Demo;
import odcm.app.io.UserFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Whole-file changes: apply a declarative document; create the demo organisation. */
final class ApplyCommands {
    private ApplyCommands() {
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = {"Make a local space hold what FILE describes (environments, remote environments, lifecycles,",
            "projects, releases); all or nothing. Format: docs/apply-format.md."})
    static final class Apply implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        OdcmCommand root;

        @Parameters(paramLabel = "FILE", description = "JSON apply document; '-' reads standard input")
        String file;

        @Override
        public Integer call() {
            ApplyDocument doc = ApplyService.parse(UserFiles.readFileOrInput(file, System.in, UserFiles.MAX_DOCUMENT_FILE, "an apply document"),
                    "-".equals(file) ? "The apply document on standard input" : file);
            List<String> done = root.cli.withContext(root.store, ctx -> new ApplyService(ctx).apply(doc));
            done.forEach(line -> root.cli.out().println(line));
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Create an example organisation in an empty store: spaces, trusts, lifecycles in four shapes, projects, releases.")
    static final class DemoCommand implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        OdcmCommand root;

        @Override
        public Integer call() {
            List<String> done = root.cli.withContext(root.store, ctx -> new Demo(ctx).create());
            done.forEach(line -> root.cli.out().println(line));
            root.cli.out().println("Open the console (odcm, with no command) to look around.");
            return 0;
        }
    }
}
