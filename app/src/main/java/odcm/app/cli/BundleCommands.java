package odcm.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import odcm.app.service.BundleService;
import odcm.model.Refusal;
import odcm.model.cert.Fingerprint;
import odcm.model.project.PackageReference;
import odcm.model.project.Variable;
import odcm.packaging.bundle.BundleContent;
import odcm.packaging.bundle.BundleInspector;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bundle", addMethodSubcommands = false, mixinStandardHelpOptions = true, subcommands = BundleImportCommand.class,
        description = "Release bundles: promote a release to another space as a signed file, check a bundle, look inside one, list the Outbox, import one.")
final class BundleCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write a release bundle of a release for a space its project's lifecycle promotes to.")
    int create(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
               @Option(names = "--release", required = true, paramLabel = "VERSION") String version,
               @Option(names = "--to", required = true, paramLabel = "TARGET", description = "the space to promote to") String target,
               @Option(names = "--out", required = true, paramLabel = "FILE") Path out,
               @Option(names = "--valid-days", paramLabel = "N", defaultValue = "" + BundleService.DEFAULT_VALID_DAYS,
                       description = "days until the bundle expires, 1 to 365 (default ${DEFAULT-VALUE})") int days,
               @Option(names = "--force", description = "replace FILE if it exists") boolean force,
               @Option(names = "--out-of-order", paramLabel = "REASON", description = "a release manager promotes before the earlier "
                       + "phases of the lifecycle are complete, saying why: audited, and shown at the target (never past a rejection)")
               String outOfOrder) {
        BundleService.Promoted p = root.cli.withContext(root.store, ctx -> ctx.bundles().create(space, project, version, target, out, days, force,
                outOfOrder));
        OutboxEntry e = p.entry();
        PrintWriter o = root.cli.out();
        o.println("Wrote " + Printed.clean(e.fileName()) + " (" + e.sizeBytes() + " bytes): release " + Printed.clean(e.version()) + " of '"
                + Printed.clean(e.project()) + "' for '" + Printed.clean(e.targetName()) + "'.");
        o.println("Bundle:   " + e.bundleId() + ", sequence " + e.sequence() + ", expires " + e.expires());
        o.println("SHA-256:  " + p.fingerprint().grouped());
        o.println("Read this fingerprint to the importer; they compare it with the file they received.");
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a bundle as a local space sees it: signature, trust, addressee, parts, freshness, replay. "
                    + "Exit 0 only when it is genuine and new; 1 for any refusal, also for a bundle already accepted (nothing to do). Writes nothing.")
    int verify(@Parameters(paramLabel = "FILE") Path file,
               @Option(names = "--space", required = true, paramLabel = "SPACE", description = "the local space checking it") String space,
               @Option(names = "--json") boolean json) {
        VerificationOutcome o = root.cli.withContext(root.store, ctx -> ctx.bundles().verify(space, file));
        if (json) {
            Map<String, Object> m = Printed.fields("genuine", o.genuine(), "outcome", o.getClass().getSimpleName(), "sentence", o.sentence());
            if (o instanceof VerificationOutcome.Genuine g) {
                m.putAll(json(g.content(), g.source(), g.target()));
            }
            root.cli.printJson(m);
        } else if (o instanceof VerificationOutcome.Genuine g) {
            root.cli.out().println(Printed.clean(o.sentence()));
            print(root.cli.out(), g.content(), g.source(), g.target());
            String templates = root.cli.reading(root.store, ctx -> ctx.imports().templateChanges(space, g));
            if (!templates.isEmpty()) { // decision 0058: what its import would do to them here
                root.cli.out().println("Importing it here: " + Printed.clean(templates) + ".");
            }
        } else {
            root.cli.err().println(Cli.oneLine(Printed.clean(o.sentence())));
        }
        return o.genuine() ? 0 : Cli.REFUSED;
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Show what a bundle file says about itself, WITHOUT checking who signed it (no store or space needed). "
                    + "Sensitive values stay encrypted.")
    int inspect(@Parameters(paramLabel = "FILE") Path file, @Option(names = "--json") boolean json) {
        BundleInspector.Inspection i = BundleService.inspect(file);
        if (i instanceof BundleInspector.Unreadable u) {
            throw new Refusal(u.outcome().sentence());
        }
        BundleInspector.Unverified u = (BundleInspector.Unverified) i;
        if (json) {
            Map<String, Object> m = Printed.fields("verified", false, "schemaVersion", u.schemaVersion());
            m.putAll(json(u.content(), u.sourceCertificate(), u.targetCertificate()));
            root.cli.printJson(m);
            return 0;
        }
        PrintWriter o = root.cli.out();
        o.println("NOT VERIFIED: what the file says about itself; only 'odcm bundle verify' checks who signed it and whether it was changed.");
        o.println("Schema:   " + u.schemaVersion());
        print(o, u.content(), u.sourceCertificate(), u.targetCertificate());
        return 0;
    }

    @Command(name = "outbox", mixinStandardHelpOptions = true, description = "List the bundles a space wrote, newest first.")
    int outbox(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Option(names = "--json") boolean json) {
        List<OutboxEntry> entries = root.cli.reading(root.store, ctx -> ctx.bundles().outbox(space));
        java.time.Instant now = java.time.Instant.now();
        if (json) {
            root.cli.printJson(entries.stream().map(e -> Printed.fields("bundleId", e.bundleId().toString(), "project", e.project(),
                    "version", e.version(), "target", e.targetName(), "sequence", e.sequence(), "created", e.created().toString(),
                    "expires", e.expires().toString(), "expired", !now.isBefore(e.expires()), "file", e.fileName(),
                    "sha256", new Fingerprint(e.fileSha256()).grouped(), "sizeBytes", e.sizeBytes())).toList());
            return 0;
        }
        if (entries.isEmpty()) {
            root.cli.out().println("'" + Printed.clean(space) + "' has written no bundles yet; promote a release with 'odcm bundle create'.");
        }
        for (OutboxEntry e : entries) {
            root.cli.out().println(Printed.clean(e.project()) + "\t" + Printed.clean(e.version()) + "\tto " + Printed.clean(e.targetName())
                    + "\t#" + e.sequence() + "\t" + e.created() + "\t" + (now.isBefore(e.expires()) ? "expires " : "EXPIRED ") + e.expires()
                    + "\t" + (e.deliveredDirectly() ? "(delivered directly)" : Printed.clean(e.fileName()))
                    + "\t" + new Fingerprint(e.fileSha256()).grouped());
        }
        return 0;
    }

    private static void print(PrintWriter o, BundleContent c, Fingerprint source, Fingerprint target) {
        o.println("Bundle:   " + c.bundleId() + ", sequence " + c.sequence());
        o.println("From:     " + Printed.clean(c.sourceSpace()) + " (certificate " + source.grouped() + ")");
        o.println("To:       " + Printed.clean(c.targetSpace()) + " (certificate " + target.grouped() + ")");
        o.println("Created:  " + c.created() + ", expires " + c.expires());
        o.println("Release:  " + Printed.clean(c.version()) + " of '" + Printed.clean(c.project()) + "', channel " + Printed.clean(c.channel()));
        if (!c.notes().isEmpty()) {
            o.println("Notes:    " + Printed.clean(c.notes()));
        }
        var s = c.snapshot();
        o.println("Packages (" + s.packages().size() + "):");
        s.packages().forEach(p -> o.println("  " + Printed.clean(p.packageId()) + " " + Printed.clean(p.version()) + "  sha256 " + p.sha256()));
        o.println("Process (" + s.process().size() + " steps):");
        int n = 1;
        for (var st : s.process()) {
            o.println("  " + n++ + ". " + Printed.clean(st.name()) + " (" + Printed.clean(st.actionType()) + "), " + Printed.clean(st.scope().toString())
                    + (st.packages().isEmpty() ? "" : ", packages "
                    + Printed.clean(String.join(", ", st.packages().stream().map(PackageReference::packageId).toList()))));
        }
        long sensitive = s.variables().stream().filter(Variable::sensitive).count();
        o.println("Variables (" + s.variables().size() + ", " + sensitive + " sensitive, shown masked):");
        s.variables().forEach(v -> o.println("  " + Printed.clean(v.name()) + " = " + Printed.clean(v.shownValue()) + "   ("
                + Printed.clean(v.scope().toString()) + ")"));
        o.println("Variable templates (" + s.templates().size() + "):");
        s.templates().forEach(t -> o.println("  " + Printed.clean(t.name()) + " \"" + Printed.clean(t.label()) + "\", " + t.type().words()
                + (t.mandatory() ? ", mandatory" : ", optional")));
        o.println("Deployments already done (" + c.history().size() + "):");
        c.history().forEach(h -> o.println("  " + Printed.clean(h.space()) + ": " + Printed.clean(h.environment()) + " " + h.deployedAt() + " "
                + Printed.clean(h.outcome())));
        if (!c.environmentTemplates().isEmpty()) { // decision 0058: made or updated in the target by the import
            o.println("Environment templates (created or changed where it is imported): " + Printed.clean(String.join(", ", c.environmentTemplates().stream()
                    .map(t -> t.name() + " (instances named '" + t.nameExpression().text() + "')").toList())));
        }
        if (c.outOfOrder() != null) {
            o.println("Promoted out of lifecycle order by " + Printed.clean(c.outOfOrder().by()) + ": " + Printed.clean(c.outOfOrder().reason()));
            o.println("  skipped: " + Printed.clean(c.outOfOrder().skipped()));
        }
    }

    private static Map<String, Object> json(BundleContent c, Fingerprint source, Fingerprint target) {
        var s = c.snapshot();
        Map<String, Object> out = Printed.fields("bundleId", c.bundleId().toString(), "sequence", c.sequence(),
                "source", Printed.fields("space", c.sourceSpace(), "sha256", source.grouped()),
                "target", Printed.fields("space", c.targetSpace(), "sha256", target.grouped()),
                "created", c.created().toString(), "expires", c.expires().toString(),
                "release", Printed.fields("project", c.project(), "version", c.version(), "channel", c.channel(), "notes", c.notes()),
                "packages", s.packages().stream().map(p -> Printed.fields("id", p.packageId(), "version", p.version(), "sha256", p.sha256())).toList(),
                "process", s.process().stream().map(st -> Printed.fields("name", st.name(), "actionType", st.actionType(),
                        "environments", st.scope().environments(), "packages", st.packages().stream().map(PackageReference::packageId).toList())).toList(),
                "variables", s.variables().stream().map(v -> Printed.fields("name", v.name(), "value", v.shownValue(), "sensitive", v.sensitive(),
                        "environments", v.scope().environments())).toList(),
                "templates", s.templates().stream().map(t -> Printed.fields("name", t.name(), "label", t.label(), "type", t.type().words(),
                        "mandatory", t.mandatory(), "defaultValue", t.defaultValue())).toList(),
                "history", c.history().stream().map(h -> Printed.fields("space", h.space(), "environment", h.environment(),
                        "deployedAt", h.deployedAt().toString(), "outcome", h.outcome())).toList());
        if (!c.environmentTemplates().isEmpty()) {
            out.put("environmentTemplates", c.environmentTemplates().stream().map(t -> Printed.fields("name", t.name(),
                    "nameExpression", t.nameExpression().text(), "parameters", t.parameters().stream().map(odcm.model.project.VariableTemplate::name).toList())).toList());
        }
        if (c.outOfOrder() != null) {
            out.put("outOfOrder", Printed.fields("by", c.outOfOrder().by(), "reason", c.outOfOrder().reason(), "skipped", c.outOfOrder().skipped()));
        }
        return out;
    }
}
