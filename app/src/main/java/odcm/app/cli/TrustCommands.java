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
            @Option(names = "--from", paramLabel = "OTHER", required = true, description = "The space accepted from (local or remote).") String from) {
        TrustKind k = TrustKind.parse(kind);
        Trust t = root.cli.withContext(root.store, ctx -> ctx.trusts().add(space, from, k));
        root.cli.out().println("Trust #" + t.id() + ": " + t.sentence() + ".");
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
