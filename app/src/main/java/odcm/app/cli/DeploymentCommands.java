package odcm.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import odcm.model.deployment.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Recording deployments ({@code deploy}) and listing them ({@code deployment list}). */
final class DeploymentCommands {
    private DeploymentCommands() {
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true, description = {"Record a deployment of a release to an environment of the space:",
            "only in lifecycle order, and for an imported release only with every mandatory value set."})
    static final class Deploy implements Callable<Integer> {
        @ParentCommand
        OdcmCommand root;

        @Option(names = "--space", required = true, paramLabel = "SPACE")
        String space;

        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Parameters(paramLabel = "VERSION")
        String version;

        @Option(names = "--to", required = true, paramLabel = "ENVIRONMENT")
        String environment;

        @Option(names = "--failed", description = "record a failed deployment (default: succeeded)")
        boolean failed;

        @Override
        public Integer call() {
            record Done(odcm.app.service.DeploymentService.Recorded made, int revision) {
            }
            Done done = root.cli.withContext(root.store, ctx -> {
                var made = ctx.deployments().record(space, project, version, environment, !failed);
                long id = made.deployment().releaseId();
                return new Done(made, ctx.releases().revisions(space, project, List.of(id)).getOrDefault(id, 1));
            });
            Deployment d = done.made().deployment();
            root.cli.out().println("Recorded: release " + Printed.clean(odcm.app.service.ReleaseService.named(d.version(), done.revision())) + " of '" + Printed.clean(project) + "' deployed to "
                    + Printed.clean(d.environment()) + ", " + d.outcome() + Printed.clean(done.made().instancesWords()) + ".");
            return 0;
        }
    }

    @Command(name = "deployment", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Deployments recorded in a space.")
    static final class Group {
        @ParentCommand
        OdcmCommand root;

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List the deployments of a project's releases, newest first.")
        int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                 @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
                 @Option(names = "--json") boolean json) {
            record Listed(List<Deployment> all, java.util.Map<Long, Integer> revisions) {
            }
            Listed listed = root.cli.reading(root.store, ctx -> {
                List<Deployment> found = ctx.deployments().list(space, project);
                return new Listed(found, ctx.releases().revisions(space, project, found.stream().map(Deployment::releaseId).distinct().toList()));
            });
            List<Deployment> all = listed.all();
            java.util.function.ToIntFunction<Deployment> revision = d -> listed.revisions().getOrDefault(d.releaseId(), 1);
            if (json) {
                root.cli.printJson(all.stream().map(d -> Printed.fields("version", d.version(), "revision", revision.applyAsInt(d),
                        "environment", d.environment(), "outcome", d.outcome(), "deployedAt", d.deployedAt().toString(), "deployedBy",
                        d.deployedBy())).toList());
                return 0;
            }
            if (all.isEmpty()) {
                root.cli.out().println("No deployments of '" + Printed.clean(project) + "' yet; record one with 'odcm deploy'.");
            }
            all.forEach(d -> root.cli.out().println(Printed.clean(odcm.app.service.ReleaseService.named(d.version(), revision.applyAsInt(d))) + "\t" + Printed.clean(d.environment()) + "\t" + d.outcome() + "\t"
                    + d.deployedAt() + "\t" + Printed.clean(d.deployedBy())));
            return 0;
        }
    }
}
