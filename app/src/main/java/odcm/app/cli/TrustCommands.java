package odcm.app.cli;

import java.util.List;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "trust", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Trusts: a local space accepts release bundles or deployment receipts from another space.")
final class TrustCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "SPACE accepts KIND from OTHER, e.g. trust add --space 'Prod Space' --accepts bundles --from 'DevTest Space'.")
    int add(@Option(names = "--space", paramLabel = "SPACE", required = true, description = "The local space that accepts.") String space,
            @Option(names = "--accepts", paramLabel = "KIND", required = true, description = "bundles or receipts") String kind,
            @Option(names = "--from", paramLabel = "OTHER", required = true, description = "The space accepted from (local or remote).") String from,
            @Option(names = "--fingerprint", paramLabel = "SHA256", description = "The certificate fingerprint of OTHER, checked before anything is"
                    + " trusted or proposed.") String fingerprint) {
        TrustKind k = TrustKind.parse(kind);
        odcm.app.service.TrustService.Added a = root.cli.withContext(root.store, ctx -> ctx.trusts().addOrPropose(space, from, k, fingerprint));
        root.cli.out().println(a.trust() != null ? "Trust #" + a.trust().id() + ": " + a.trust().sentence() + "." : a.sentence());
        return 0;
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm a trust another administrator proposed (where a space"
            + " needs two administrators for a trust); the trusted space's certificate must still be the one proposed.")
    int confirm(@picocli.CommandLine.Parameters(paramLabel = "PROPOSAL") long id) {
        Trust t = root.cli.withContext(root.store, ctx -> ctx.trusts().confirm(id));
        root.cli.out().println("Trust #" + t.id() + ": " + t.sentence() + " (proposal #" + id + " confirmed).");
        return 0;
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline a trust another administrator proposed, or withdraw"
            + " your own proposal; nothing is trusted.")
    int decline(@picocli.CommandLine.Parameters(paramLabel = "PROPOSAL") long id,
                @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "", description = "Why; it goes into the audit log.") String reason) {
        odcm.model.trust.TrustProposal p = root.cli.withContext(root.store, ctx -> ctx.trusts().decline(id, reason));
        root.cli.out().println("Proposal #" + id + " (" + p.sentence() + ") " + p.state().words() + "; nothing is trusted.");
        return 0;
    }

    @Command(name = "proposals", mixinStandardHelpOptions = true, description = "Trusts proposed and waiting for a second administrator.")
    int proposals(@Option(names = "--all", description = "Include confirmed, declined and withdrawn ones.") boolean all) {
        List<odcm.model.trust.TrustProposal> ps = root.cli.reading(root.store, ctx -> ctx.trusts().proposals(all));
        if (ps.isEmpty()) {
            root.cli.out().println("No trust proposals" + (all ? "." : " waiting."));
        }
        ps.forEach(p -> root.cli.out().println("#" + p.id() + " " + p.sentence() + "; fingerprint "
                + new odcm.model.cert.Fingerprint(p.fingerprint()).grouped() + "; proposed by " + p.proposedBy() + " on " + p.proposedAt() + "; "
                + p.state().words() + (p.decidedBy() == null ? "" : " by " + p.decidedBy())));
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a trust, with a reason for the audit log.")
    int revoke(@Option(names = "--space", paramLabel = "SPACE", required = true) String space,
               @Option(names = "--accepts", paramLabel = "KIND", required = true) String kind,
               @Option(names = "--from", paramLabel = "OTHER", required = true) String from,
               @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why; it goes into the audit log.") String reason) {
        TrustKind k = TrustKind.parse(kind);
        Trust t = root.cli.withContext(root.store, ctx -> ctx.trusts().revoke(space, from, k, reason));
        root.cli.out().println("Revoked: " + t.sentence() + ".");
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List active trusts; --space shows what one space accepts and who accepts from it.")
    int list(@Option(names = "--space", paramLabel = "SPACE") String space,
             @Option(names = "--all", description = "Include revoked trusts.") boolean all,
             @Option(names = "--json") boolean json) {
        if (space != null) {
            List<List<Trust>> both = root.cli.reading(root.store, ctx -> {
                String name = ctx.spaces().find(space).name();
                List<Trust> involving = ctx.trusts().list(all);
                return List.of(involving.stream().filter(t -> t.trusterName().equals(name)).toList(),
                        involving.stream().filter(t -> t.trustedName().equals(name)).toList());
            });
            if (json) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("accepts", both.get(0).stream().map(Printed::json).toList());
                m.put("acceptedBy", both.get(1).stream().map(Printed::json).toList());
                root.cli.printJson(m);
            } else {
                print("'" + space + "' accepts:", both.get(0));
                print("Accepted by:", both.get(1));
            }
            return 0;
        }
        List<Trust> trusts = root.cli.reading(root.store, ctx -> ctx.trusts().list(all));
        if (json) {
            root.cli.printJson(trusts.stream().map(Printed::json).toList());
        } else if (trusts.isEmpty()) {
            root.cli.out().println("No trusts yet; nothing crosses between spaces until one is added with 'odcm trust add'.");
        } else {
            trusts.forEach(t -> root.cli.out().println(Printed.line(t)));
        }
        return 0;
    }

    private void print(String heading, List<Trust> trusts) {
        root.cli.out().println(heading);
        if (trusts.isEmpty()) {
            root.cli.out().println("  (nothing)");
        }
        trusts.forEach(t -> root.cli.out().println("  " + Printed.line(t)));
    }
}
