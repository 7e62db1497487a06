package odcm.app.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import odcm.app.io.UserFiles;
import odcm.app.service.ImportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bundle import}: takes the root command from the command spec. */
@Command(name = "import", mixinStandardHelpOptions = true, description = {"Import a release bundle into a local space: verified, then the remote",
        "project '<Source space>: <Project>', its release and the values for the lifecycle's environments, all or nothing.",
        "Values file: {\"Production\": {\"DbPassword\": \"...\", \"Region\": \"eu\"}} (environment, template name, value)."})
final class BundleImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the bundle file")
    Path file;

    @Option(names = "--space", required = true, paramLabel = "SPACE", description = "the local space importing it")
    String space;

    @Option(names = "--lifecycle", paramLabel = "LIFECYCLE", description = "default: the only lifecycle with an environment of the space")
    String lifecycle;

    @Option(names = "--values", paramLabel = "FILE.json", description = "values per environment and template name")
    Path values;

    @Option(names = "--accept-sequence-jump", description = {"accept a bundle whose sequence number jumps more than "
            + odcm.app.service.BundleChecks.SEQUENCE_WINDOW + " past the last accepted from its source "
            + "(recorded in the audit log); only when the source confirms that number"})
    boolean acceptSequenceJump;

    @Override
    public Integer call() {
        OdcmCommand root = (OdcmCommand) spec.root().userObject();
        byte[] bundle = odcm.app.service.BundleService.readBundle(file);
        Map<String, Map<String, String>> given = values == null ? Map.of()
                : ValuesFile.parse(UserFiles.read(values, UserFiles.MAX_DOCUMENT_FILE, "a values file"));
        ImportService.Result r = root.cli.withContext(root.store, ctx -> ctx.imports().importBundle(space, bundle, lifecycle, given,
                acceptSequenceJump));
        root.cli.out().println(Printed.clean(r.sentence()));
        return 0;
    }

}
