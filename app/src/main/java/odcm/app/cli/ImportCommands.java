package odcm.app.cli;

import java.util.List;
import odcm.app.compare.ComparisonReport;
import odcm.app.service.AcceptanceService;
import odcm.model.release.ImportAcceptance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Acceptance before import (decision 0047): {@code import show} prints an imported release's changes against the previous
 * import of its project; {@code import accept} and {@code import decline} record an approver's decision; {@code import
 * pending} lists what awaits it. Importing itself is {@code bundle import}.
 */
@Command(name = "import", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Imported releases an approver accepts (or declines) after reviewing their changes, where the space requires it"
                + " (odcm space require-acceptance). Importing a bundle is 'odcm bundle import'.")
final class ImportCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "An imported release's changes against the previous import of its project (the first: everything is new), and its acceptance.")
    int show(@Parameters(index = "0", paramLabel = "SPACE") String space, @Parameters(index = "1", paramLabel = "PROJECT") String project,
             @Parameters(index = "2", paramLabel = "VERSION") String version,
             @Option(names = "--all", description = "also what did not change") boolean all) {
        AcceptanceService.Review r = root.cli.reading(root.store, ctx -> ctx.acceptances().review(space, project, version));
        var out = root.cli.out();
        out.println("Release " + Printed.clean(r.release()) + " of '" + Printed.clean(r.project()) + "' in '" + Printed.clean(r.space())
                + "', imported by " + Printed.clean(r.importedBy()) + " on " + r.importedAt() + ".");
        out.println(Printed.clean(r.against()));
        out.println(Printed.clean(r.state()));
        if (!r.templates().isEmpty()) { // decision 0058: held until it is accepted
            out.println("Environment templates: " + Printed.clean(r.templates()) + ".");
        }
        r.acceptRefusal().ifPresent(why -> out.println("You may not accept it: " + Printed.clean(why)));
        out.println();
        String report = ComparisonReport.text(r.diff(), !all);
        out.print(r.firstImport() ? report.replaceFirst("(?m)^FROM .*\n", "FROM nothing: first import, everything is new\n") : report);
        out.flush();
        return 0;
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Accept an imported release (its current revision) for deployment in the space, after reviewing its changes (odcm import show).")
    int accept(@Parameters(index = "0", paramLabel = "SPACE") String space, @Parameters(index = "1", paramLabel = "PROJECT") String project,
               @Parameters(index = "2", paramLabel = "VERSION") String version,
               @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "") String comment) {
        return said(root.cli.withContext(root.store, ctx -> ctx.acceptances().accept(space, project, version, comment)), project, version);
    }

    @Command(name = "decline", mixinStandardHelpOptions = true,
            description = "Decline an imported release, saying why: it is not deployed in the space until an approver accepts it.")
    int decline(@Parameters(index = "0", paramLabel = "SPACE") String space, @Parameters(index = "1", paramLabel = "PROJECT") String project,
                @Parameters(index = "2", paramLabel = "VERSION") String version,
                @Option(names = "--comment", required = true, paramLabel = "REASON") String reason) {
        return said(root.cli.withContext(root.store, ctx -> ctx.acceptances().decline(space, project, version, reason)), project, version);
    }

    private int said(ImportAcceptance d, String project, String version) {
        root.cli.out().println("Release " + Printed.clean(version) + " of '" + Printed.clean(project) + "' " + d.verdict().words() + " by "
                + Printed.clean(d.decidedBy()) + " (snapshot " + d.snapshotHash() + ")" + (d.comment().isEmpty() ? "" : ": " + Printed.clean(d.comment())) + ".");
        return 0;
    }

    @Command(name = "pending", mixinStandardHelpOptions = true, description = "Imported releases not accepted in a space that requires acceptance.")
    int pending(@Parameters(paramLabel = "SPACE") String space) {
        record Listed(boolean required, List<AcceptanceService.Pending> pending) {
        }
        Listed l = root.cli.reading(root.store, ctx -> new Listed(ctx.acceptances().isRequired(space), ctx.acceptances().pending(space)));
        if (!l.required()) {
            root.cli.out().println("'" + Printed.clean(space) + "' does not require imports to be accepted (odcm space require-acceptance).");
        } else if (l.pending().isEmpty()) {
            root.cli.out().println("Every release imported into '" + Printed.clean(space) + "' is accepted.");
        }
        l.pending().forEach(p -> root.cli.out().println(Printed.clean(p.sentence())));
        return 0;
    }
}
