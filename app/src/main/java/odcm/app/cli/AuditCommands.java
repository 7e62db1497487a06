package odcm.app.cli;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import odcm.app.io.UserFiles;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "audit", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "The audit log: every change in the store (spaces, certificates, trusts, projects, releases, bundles, deployments, decisions), chained.")
final class AuditCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit entries, newest first.")
    int list(@Option(names = "--filter", paramLabel = "TEXT", defaultValue = "") String filter,
             @Option(names = "--person", paramLabel = "NAME", description = "Only the entries of this person (exactly as"
                     + " recorded: a team store's database login, an embedded store's OS user).") String person,
             @Option(names = "--json") boolean json) {
        List<AuditEntry> entries = root.cli.reading(root.store, ctx -> ctx.audit().list(new AuditFilter(filter, null, null, person)));
        if (json) {
            root.cli.printJson(entries.stream().map(Printed::json).toList());
        } else if (entries.isEmpty()) {
            root.cli.out().println(filter.isBlank() && person == null ? "The audit log is empty."
                    : "No audit entries" + (filter.isBlank() ? "" : " match '" + filter + "'") + (person == null ? "" : " by " + person) + ".");
        } else {
            entries.forEach(e -> root.cli.out().println(Printed.line(e)));
        }
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check the audit log's keyed hash chain and its end; exit 1 unless it is intact,"
            + " naming the first broken entry, the entries removed from the end, or what could not be checked.")
    int verify() {
        AuditVerification v = root.cli.reading(root.store, ctx -> ctx.audit().verify());
        if (!(v instanceof AuditVerification.Intact)) {
            // Tampered with, or only partly checked: either way not a log a script may take as intact.
            throw new odcm.model.Refusal(v.sentence());
        }
        root.cli.out().println(v.sentence());
        return 0;
    }

    @Command(name = "accept-rollback", mixinStandardHelpOptions = true, description = "Accept this store as it is though it ends before"
            + " its audit head (an older copy put in place, a lost commit) or has none here (a copy made by hand, a head deleted): recorded in the audit log with the reason, and changes are allowed again.")
    int acceptRollback(@Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why; it goes into the audit log.") String reason) {
        AuditEntry e = root.cli.withContext(root.store, ctx -> ctx.audit().acceptRollback(reason));
        root.cli.out().println("Accepted the store as it is: recorded as audit entry " + e.seq() + "; changes can be made again.");
        return 0;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export the audit log as CSV.")
    int export(@Option(names = "--out", paramLabel = "FILE.csv", required = true) Path out,
               @Option(names = "--filter", paramLabel = "TEXT", defaultValue = "") String filter) {
        StringWriter csv = new StringWriter();
        root.cli.withContext(root.store, ctx -> {
            ctx.audit().exportCsv(new AuditFilter(filter, null, null), csv);
            return null;
        });
        UserFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        root.cli.out().println("Exported the audit log to " + out + ".");
        return 0;
    }
}
