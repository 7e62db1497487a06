package odcm.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import odcm.app.service.HealthService;
import odcm.app.service.HealthService.Finding;
import odcm.app.service.HealthService.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code check [--space S] [--days N] [--json]}: what expires soon, or has, with an exit status for monitoring (decision 0055). */
@Command(name = "check", mixinStandardHelpOptions = true, description = {"List what expires within N days, or already has: local spaces'",
        "own certificates, remote spaces' certificates, the certificates trusts rely on, Outbox bundles not known to be imported",
        "and bundle files waiting in an Inbox folder (bundles, which live 30 days by default, in their last 7 days only)."},
        footer = {"", "Exit status: 0 nothing expires within N days; " + CheckCommand.SOON + " something expires within N days, nothing has "
                + "expired; " + CheckCommand.EXPIRED + " something has expired; as for every command, 1 refused (say, no such space), "
                + "2 bad command line, 3 unexpected error."})
final class CheckCommand implements Callable<Integer> {
    /** Exit status when something expires within the days asked (apart from the 1, 2, 3 every command may return). */
    static final int SOON = 10;
    /** Exit status when something has expired. */
    static final int EXPIRED = 11;

    @ParentCommand
    OdcmCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", paramLabel = "SPACE", description = "only this local space (default: every space)")
    String space;

    @Option(names = "--days", paramLabel = "N", defaultValue = "" + HealthService.DEFAULT_DAYS,
            description = "how many days ahead to look, 1 to " + HealthService.MAX_DAYS + " (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    @Override
    public Integer call() {
        try {
            HealthService.checkDays(days);
        } catch (odcm.model.Refusal outOfRange) { // a value none of the option's: the command line was wrong (exit 2)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), outOfRange.getMessage());
        }
        Report r = root.cli.reading(root.store, ctx -> ctx.health().check(space, days));
        if (json) {
            root.cli.printJson(Printed.fields("asOf", r.asOf().toString(), "days", r.days(), "expired", r.expired(), "soon", r.soon(),
                    "findings", r.findings().stream().map(f -> (Object) Printed.fields("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT),
                            "space", f.space(), "name", f.name(), "expires", f.expires().toString(), "daysLeft", f.daysLeft(),
                            "state", f.expired() ? "expired" : "soon", "sentence", f.sentence())).toList()));
        } else {
            text(r).forEach(root.cli.out()::println);
        }
        return status(r);
    }

    static int status(Report r) {
        return r.expired() > 0 ? EXPIRED : r.soon() > 0 ? SOON : 0;
    }

    private static List<String> text(Report r) {
        if (r.findings().isEmpty()) {
            return List.of(r.summary());
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Finding f : r.findings()) {
            out.add((f.expired() ? "EXPIRED  " : "SOON     ") + Printed.clean(f.sentence()));
        }
        out.add(r.summary() + " (within " + r.days() + " days, as of " + r.asOf() + ").");
        return out;
    }
}
