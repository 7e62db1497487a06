package odcm.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import odcm.app.service.ReceiptService;
import odcm.model.cert.Fingerprint;
import odcm.packaging.bundle.ReceiptContent;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.Kind;
import odcm.persistence.receipt.ReceiptRepository.Written;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "receipt", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Deployment receipts: report the outcomes of releases that came from another space back to it as a signed file, "
                + "check one, import one, list what a space wrote and what it knows.")
final class ReceiptCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write a receipt from SPACE for the space its imported releases came from: the latest outcome of each in each "
                    + "environment of SPACE (cumulative: each receipt repeats everything).")
    int create(@Option(names = "--space", required = true, paramLabel = "SPACE", description = "the space where the releases were deployed") String space,
               @Option(names = "--for", required = true, paramLabel = "SOURCE", description = "the space the releases came from") String forSpace,
               @Option(names = "--out", required = true, paramLabel = "FILE") Path out,
               @Option(names = "--valid-days", paramLabel = "N", defaultValue = "" + ReceiptService.DEFAULT_VALID_DAYS,
                       description = "days until the receipt expires, 1 to 365 (default ${DEFAULT-VALUE})") int days,
               @Option(names = "--force", description = "replace FILE if it exists") boolean force) {
        ReceiptService.Created c = root.cli.withContext(root.store, ctx -> ctx.receipts().create(space, forSpace, out, days, force));
        PrintWriter o = root.cli.out();
        o.println(Printed.clean(c.sentence()));
        o.println("Receipt:  " + c.entry().receiptId() + ", sequence " + c.entry().sequence() + ", expires " + c.entry().expires());
        o.println("SHA-256:  " + c.fingerprint().grouped());
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a receipt as a local space sees it: signature, trust for deployment receipts, addressee, parts, freshness, "
                    + "replay. Exit 0 only when it is genuine and new; 1 for any refusal, also for a receipt already accepted. Writes nothing.")
    int verify(@Parameters(paramLabel = "FILE") Path file,
               @Option(names = "--space", required = true, paramLabel = "SPACE", description = "the local space checking it") String space,
               @Option(names = "--json") boolean json) {
        VerificationOutcome o = root.cli.withContext(root.store, ctx -> ctx.receipts().verify(space, file));
        String sentence = o.sentence(Kind.DEPLOYMENT_RECEIPT);
        if (json) {
            Map<String, Object> m = Printed.fields("genuine", o.genuine(), "outcome", o.getClass().getSimpleName(), "sentence", sentence);
            if (o instanceof VerificationOutcome.GenuineReceipt g) {
                m.put("deployments", g.content().deployments().stream().map(ReceiptCommands::json).toList());
            }
            root.cli.printJson(m);
        } else if (o instanceof VerificationOutcome.GenuineReceipt g) {
            root.cli.out().println(Printed.clean(sentence));
            for (ReceiptContent.Deployment d : g.content().deployments()) {
                root.cli.out().println("  " + Printed.clean(d.project()) + "\t" + Printed.clean(d.version()) + "\t" + Printed.clean(d.environment())
                        + "\t" + d.outcome() + "\t" + d.deployedAt() + "\t" + Printed.clean(d.deployedBy()));
            }
            root.cli.out().println("The signature and trust hold; that each deployment names a bundle this space sent is checked on import.");
        } else {
            root.cli.err().println(Cli.oneLine(Printed.clean(sentence)));
        }
        return o.genuine() ? 0 : Cli.REFUSED;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Accept a receipt in the space the releases came from (needs its trust for deployment receipts) and record the "
                    + "outcomes it reports; an older outcome never replaces a newer one. The same receipt again changes nothing (exit 0).")
    int importReceipt(@Parameters(paramLabel = "FILE") Path file,
                      @Option(names = "--space", required = true, paramLabel = "SPACE", description = "the local space importing it") String space,
                      @Option(names = "--accept-sequence-jump", description = "accept a receipt whose sequence number jumps more than "
                              + odcm.app.service.BundleChecks.SEQUENCE_WINDOW + " past the last accepted from its signer (recorded in the audit "
                              + "log); only when the signer confirms that number") boolean acceptJump) {
        ReceiptService.Result r = root.cli.withContext(root.store, ctx -> ctx.receipts().importReceipt(space, file, acceptJump));
        root.cli.out().println(Printed.clean(r.sentence()));
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the receipts a space wrote and what it knows of its releases' deployments in other spaces.")
    int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Option(names = "--json") boolean json) {
        record Listing(List<Written> written, List<ReceiptService.Known> known) {
        }
        Listing l = root.cli.reading(root.store, ctx -> new Listing(ctx.receipts().outbox(space), ctx.receipts().known(space)));
        if (json) {
            root.cli.printJson(Printed.fields(
                    "written", l.written().stream().map(w -> Printed.fields("receiptId", w.receiptId().toString(), "for", w.forSpaceName(),
                            "sequence", w.sequence(), "created", w.created().toString(), "expires", w.expires().toString(),
                            "deployments", w.deployments(), "file", w.fileName(), "sha256", new Fingerprint(w.fileSha256()).grouped())).toList(),
                    "known", l.known().stream().map(k -> Printed.fields("project", k.project(), "version", k.version(), "space", k.space(),
                            "environment", k.environment(), "where", k.where(), "outcome", k.succeeded() ? "SUCCEEDED" : "FAILED",
                            "deployedAt", k.deployedAt().toString(), "deployedBy", k.deployedBy(),
                            "receiptId", k.receiptId() == null ? null : k.receiptId().toString(), "reportedAt", k.reportedAt().toString())).toList()));
            return 0;
        }
        PrintWriter o = root.cli.out();
        o.println("Receipts written (" + l.written().size() + "):");
        for (Written w : l.written()) {
            o.println("  for " + Printed.clean(w.forSpaceName()) + "\t#" + w.sequence() + "\t" + w.created() + "\t" + w.deployments()
                    + " deployments\t" + Printed.clean(w.fileName()) + "\t" + new Fingerprint(w.fileSha256()).grouped());
        }
        o.println("Known deployments in other spaces (" + l.known().size() + "):");
        for (ReceiptService.Known k : l.known()) {
            o.println("  " + Printed.clean(k.project()) + "\t" + Printed.clean(k.version()) + "\t" + Printed.clean(k.where()) + "\t"
                    + (k.succeeded() ? "succeeded" : "failed") + "\t" + k.deployedAt() + "\t" + Printed.clean(k.deployedBy()) + "\t"
                    + k.via());
        }
        return 0;
    }

    private static Map<String, Object> json(ReceiptContent.Deployment d) {
        return Printed.fields("bundleId", d.bundleId().toString(), "project", d.project(), "version", d.version(),
                "environment", d.environment(), "outcome", d.outcome(), "deployedAt", d.deployedAt().toString(), "deployedBy", d.deployedBy());
    }
}
