package odcm.app.cli;

import java.util.List;
import java.util.Map;
import odcm.model.Refusal;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.project.DeploymentStep;
import odcm.model.project.VariableTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "template", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Environment templates of a local space: recipes for environments made on demand (docs/decisions/0057).")
final class TemplateCommands {
    @ParentCommand
    OdcmCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an environment template. Put it in a lifecycle phase"
            + " (Lifecycles screen, or apply) and each release reaching that phase gets an instance named by --name-expression.")
    int create(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Parameters(paramLabel = "NAME") String name,
               @Option(names = "--name-expression", required = true, paramLabel = "EXPR",
                       description = "How instances are named, e.g. '#{Release.Channel}-#{Release.Number}'; names: Release.Number,"
                               + " Release.Channel, Project.Name, Template.Name, Space.Name and the parameters; ##{ writes #{") String expression,
               @Option(names = "--description", paramLabel = "TEXT", defaultValue = "") String description,
               @Option(names = "--parameter", paramLabel = "NAME[:TYPE][=DEFAULT]",
                       description = "A parameter (repeat for more); TYPE single-line (the default), multi-line, sensitive, checkbox or"
                               + " select(a|b); without a default it must be given for each instance") List<String> parameters,
               @Option(names = "--provision-step", paramLabel = "NAME:ACTION", description = "A step of the provisioning process (repeat for more)") List<String> provision,
               @Option(names = "--deprovision-step", paramLabel = "NAME:ACTION", description = "A step of the de-provisioning process") List<String> deprovision,
               @Option(names = "--on-existing", paramLabel = "WHAT", defaultValue = "skip",
                       description = "When a later release names an existing instance: reprovision or skip (default)") String onExisting,
               @Option(names = "--keep-when-progressed", description = "Keep an instance when its release goes on to the next phase") boolean keep,
               @Option(names = "--deprovision-after-days", paramLabel = "N", defaultValue = "0",
                       description = "De-provision an instance after N days without a deployment (0: never); see 'template deprovision --idle'") int days,
               @Option(names = "--owner", paramLabel = "SPACE", description = "Make a remote template: SPACE's template, shown 'SPACE: NAME (template)',"
                       + " whose definition this space's bundles carry there (docs/decisions/0058)") String owner) {
        List<VariableTemplate> params = usage("create", () -> parameters(parameters));
        EnvironmentTemplate.OnExisting existing = usage("create", () -> EnvironmentTemplate.OnExisting.parse(onExisting));
        EnvironmentTemplate draft = EnvironmentTemplate.draft(name, description, params, usage("create", () -> steps(provision)),
                usage("create", () -> steps(deprovision)),
                expression, existing, !keep, days);
        if (owner != null) {
            odcm.model.environment.RemoteTemplate r = root.cli.withContext(root.store, ctx -> ctx.remoteTemplates().create(space, owner, draft));
            root.cli.out().println("Created remote template '" + Printed.clean(r.displayName()) + "' in '" + Printed.clean(space)
                    + "'; put it in a lifecycle phase as a remote environment, and bundles to '" + Printed.clean(r.ownerSpaceName()) + "' carry it.");
            return 0;
        }
        EnvironmentTemplate t = root.cli.withContext(root.store, ctx -> ctx.templates().create(space, draft));
        root.cli.out().println("Created environment template '" + Printed.clean(t.name()) + "' in '" + Printed.clean(space) + "'; instances are named '"
                + Printed.clean(t.nameExpression().text()) + "'.");
        return 0;
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change an environment template; what is not given stays."
            + " Live instances keep their names and values; the change applies from the next provisioning or de-provisioning. A rename"
            + " carries the scopes of the space's projects along ('Old (template)' becomes 'New (template)').")
    int edit(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
             @Parameters(paramLabel = "TEMPLATE") String template,
             @Option(names = "--rename", paramLabel = "NEW_NAME", description = "Give the template another name") String rename,
             @Option(names = "--description", paramLabel = "TEXT") String description,
             @Option(names = "--name-expression", paramLabel = "EXPR", description = "How instances made from now on are named") String expression,
             @Option(names = "--parameter", paramLabel = "NAME[:TYPE][=DEFAULT]", description = "The parameters, all of them (repeat for more);"
                     + " they replace the template's") List<String> parameters,
             @Option(names = "--no-parameters", description = "Remove every parameter") boolean noParameters,
             @Option(names = "--provision-step", paramLabel = "NAME:ACTION", description = "The provisioning process, every step (repeat)") List<String> provision,
             @Option(names = "--no-provision-steps", description = "Remove the provisioning process") boolean noProvision,
             @Option(names = "--deprovision-step", paramLabel = "NAME:ACTION", description = "The de-provisioning process, every step (repeat)") List<String> deprovision,
             @Option(names = "--no-deprovision-steps", description = "Remove the de-provisioning process") boolean noDeprovision,
             @Option(names = "--on-existing", paramLabel = "WHAT", description = "reprovision or skip") String onExisting,
             @Option(names = "--keep-when-progressed", arity = "0..1", paramLabel = "true|false",
                     description = "Keep an instance when its release goes on to the next phase (=false: de-provision it)") Boolean keep,
             @Option(names = "--deprovision-after-days", paramLabel = "N", description = "0: never") Integer days) {
        both("--parameter", parameters, "--no-parameters", noParameters);
        both("--provision-step", provision, "--no-provision-steps", noProvision);
        both("--deprovision-step", deprovision, "--no-deprovision-steps", noDeprovision);
        List<VariableTemplate> params = parameters == null ? null : usage("edit", () -> parameters(parameters));
        List<DeploymentStep> up = provision == null ? null : usage("edit", () -> steps(provision));
        List<DeploymentStep> down = deprovision == null ? null : usage("edit", () -> steps(deprovision));
        EnvironmentTemplate.OnExisting existing = onExisting == null ? null : usage("edit", () -> EnvironmentTemplate.OnExisting.parse(onExisting));
        EnvironmentTemplate t = root.cli.withContext(root.store, ctx -> {
            EnvironmentTemplate now = ctx.templates().get(space, template);
            EnvironmentTemplate draft = EnvironmentTemplate.draft(rename == null ? now.name() : rename, description == null ? now.description() : description,
                    noParameters ? List.of() : params == null ? now.parameters() : params, noProvision ? List.of() : up == null ? now.provisioning() : up,
                    noDeprovision ? List.of() : down == null ? now.deprovisioning() : down,
                    expression == null ? now.nameExpression().text() : expression, existing == null ? now.onExisting() : existing,
                    keep == null ? now.deprovisionWhenProgressed() : !keep, days == null ? now.deprovisionAfterDays() : days);
            return ctx.templates().edit(space, now.name(), draft, now.seen());
        });
        root.cli.out().println("Changed environment template '" + Printed.clean(t.name()) + "' of '" + Printed.clean(space) + "'.");
        return 0;
    }

    private void both(String given, List<String> values, String none, boolean noneGiven) {
        if (values != null && noneGiven) {
            throw usageError("edit", "Give " + given + " or " + none + ", not both.");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a space's environment templates with their live instances.")
    int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Option(names = "--json") boolean json) {
        record Listed(EnvironmentTemplate template, List<Environment> instances) {
        }
        List<Listed> all = root.cli.reading(root.store, ctx -> ctx.templates().list(space).stream()
                .map(t -> new Listed(t, ctx.templates().instances(space, t.name()).stream().filter(Environment::isLive).toList())).toList());
        if (json) {
            root.cli.printJson(all.stream().map(l -> Printed.fields("name", l.template().name(), "description", l.template().description(),
                    "nameExpression", l.template().nameExpression().text(), "parameters", l.template().parameters().stream().map(VariableTemplate::name).toList(),
                    "onExisting", l.template().onExisting().words(), "deprovisionWhenProgressed", l.template().deprovisionWhenProgressed(),
                    "deprovisionAfterDays", l.template().deprovisionAfterDays(),
                    "instances", l.instances().stream().map(Environment::name).toList())).toList());
            return 0;
        }
        List<odcm.model.environment.RemoteTemplate> remote = root.cli.reading(root.store, ctx -> ctx.remoteTemplates().list(space));
        if (all.isEmpty() && remote.isEmpty()) {
            root.cli.out().println("'" + Printed.clean(space) + "' has no environment templates yet; create one with 'odcm template create --space \""
                    + Printed.clean(space) + "\" NAME --name-expression EXPR'.");
        }
        for (odcm.model.environment.RemoteTemplate r : remote) {
            root.cli.out().println(Printed.clean(r.displayName()) + "\t" + Printed.clean(r.template().nameExpression().text()) + "\tremote template of '"
                    + Printed.clean(r.ownerSpaceName()) + "'");
        }
        for (Listed l : all) {
            root.cli.out().println(Printed.clean(l.template().name()) + "\t" + Printed.clean(l.template().nameExpression().text()) + "\t"
                    + (l.instances().isEmpty() ? "no instances" : Printed.clean(String.join(", ", l.instances().stream().map(Environment::name).toList()))));
        }
        return 0;
    }

    @Command(name = "instantiate", mixinStandardHelpOptions = true, description = "Make an instance of a template by hand: an environment"
            + " like any other, marked with its template (a de-provisioned one of that name is provisioned again).")
    int instantiate(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                    @Parameters(paramLabel = "TEMPLATE") String template,
                    @Option(names = "--name", paramLabel = "NAME", description = "The instance's name; without it, the template's name expression"
                            + " (which then may not use the release's names)") String name,
                    @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "A parameter's value (repeat for more); others take"
                            + " their defaults") List<String> parameters,
                    @Option(names = "--skip-process", description = "Record that the template's provisioning process was not run") boolean skip) {
        Map<String, String> values = usage("instantiate", () -> EnvironmentTemplate.values(parameters == null ? List.of() : parameters));
        Environment e = root.cli.withContext(root.store, ctx -> ctx.templates().instantiate(space, template, name, values, !skip));
        root.cli.out().println("Provisioned '" + Printed.clean(e.name()) + "' from template '" + Printed.clean(e.templateName()) + "' in '"
                + Printed.clean(space) + "' (recorded; the console does not run the process" + (skip ? ", and it was recorded as skipped)." : ")."));
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an environment template that no lifecycle phase or scope"
            + " holds and that never had an instance.")
    int delete(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Parameters(paramLabel = "TEMPLATE") String template) {
        root.cli.withContext(root.store, ctx -> {
            if (template.contains(":")) { // "Prod Space: Feature (template)", a remote template (0058); a template's own name has no ':'
                ctx.remoteTemplates().delete(space, template);
            } else {
                ctx.templates().delete(space, template);
            }
            return null;
        });
        root.cli.out().println("Deleted environment template '" + Printed.clean(template) + "' of '" + Printed.clean(space) + "'.");
        return 0;
    }

    /** What an option's text says, or its refusal as a usage error (exit code 2, as picocli's own) pointing to {@code subcommand}'s help. */
    private <T> T usage(String subcommand, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (Refusal wrong) {
            throw usageError(subcommand, Printed.clean(wrong.getMessage()));
        }
    }

    /** The error names the subcommand's help ("see 'odcm template deprovision --help'"), not the parent's. */
    private picocli.CommandLine.ParameterException usageError(String subcommand, String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine().getSubcommands().get(subcommand), message);
    }

    @Command(name = "deprovision", mixinStandardHelpOptions = true, description = "De-provision an instance (it is no longer listed nor"
            + " deployable; its record and deployments stay), or with --idle every instance past its template's days without a deployment.")
    int deprovision(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                    @Parameters(paramLabel = "ENVIRONMENT", arity = "0..1") String environment,
                    @Option(names = "--skip-process", description = "Record that the template's de-provisioning process was not run") boolean skip,
                    @Option(names = "--idle", description = "Every instance idle for its template's days") boolean idle) {
        if (idle == (environment != null)) {
            throw usageError("deprovision", idle ? "Name one ENVIRONMENT to de-provision or give --idle, not both."
                    : "Name the ENVIRONMENT to de-provision, or give --idle for every instance idle past its template's days.");
        }
        if (idle) {
            List<Environment> gone = root.cli.withContext(root.store, ctx -> ctx.templates().deprovisionIdle(space));
            root.cli.out().println(gone.isEmpty() ? "No instance of '" + Printed.clean(space) + "' is idle past its template's days."
                    : "De-provisioned " + Printed.clean(String.join(", ", gone.stream().map(Environment::name).toList())) + ".");
            return 0;
        }
        Environment e = root.cli.withContext(root.store, ctx -> ctx.templates().deprovision(space, environment, !skip));
        root.cli.out().println("De-provisioned '" + Printed.clean(e.name()) + "' of template '" + Printed.clean(e.templateName()) + "'"
                + (skip ? " without its process." : "."));
        return 0;
    }

    /** "Region:select(eu|us)=eu", "Tester", "Token:sensitive" (see {@link EnvironmentTemplate#parameter}). */
    static List<VariableTemplate> parameters(List<String> specs) {
        return (specs == null ? List.<String>of() : specs).stream().map(EnvironmentTemplate::parameter).toList();
    }

    /** "Stack up:Run a script" (see {@link EnvironmentTemplate#step}). */
    static List<DeploymentStep> steps(List<String> specs) {
        return (specs == null ? List.<String>of() : specs).stream().map(EnvironmentTemplate::step).toList();
    }
}
