package odcm.app.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import odcm.app.io.UserFiles;
import odcm.model.cert.CertificateFormat;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "space", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Local spaces: each has its own key pair and certificate.")
final class SpaceCommands {
    @ParentCommand
    OdcmCommand root;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;


    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a local space with a new key pair and self-signed certificate.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--description", paramLabel = "TEXT", defaultValue = "") String description,
               @Option(names = "--key", paramLabel = "ec|rsa", defaultValue = "ec", description = "ec (P-256, default) or rsa (3072 bits)") String key) {
        KeyAlgorithm algorithm = KeyAlgorithm.parse(key);
        Space s = root.cli.withContext(root.store, ctx -> ctx.spaces().create(name, description, algorithm));
        root.cli.out().println("Created " + s.describe() + ".");
        root.cli.out().println("SHA-256 fingerprint: " + s.certificate().fingerprint().grouped());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List local spaces.")
    int list(@Option(names = "--json") boolean json) {
        List<Space> spaces = root.cli.reading(root.store, ctx -> ctx.spaces().locals());
        if (json) {
            root.cli.printJson(spaces.stream().map(Printed::json).toList());
        } else if (spaces.isEmpty()) {
            root.cli.out().println("No local spaces yet; create one with 'odcm space create NAME'.");
        } else {
            spaces.forEach(s -> root.cli.out().println(Printed.line(s)));
        }
        return 0;
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a space (local or remote).")
    int rename(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "NEW_NAME") String newName) {
        Space s = root.cli.withContext(root.store, ctx -> ctx.spaces().rename(name, newName));
        root.cli.out().println("Renamed '" + name + "' to '" + s.name() + "'.");
        return 0;
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Change a space's description.")
    int describe(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "DESCRIPTION") String description) {
        Space s = root.cli.withContext(root.store, ctx -> ctx.spaces().describe(name, description));
        root.cli.out().println("Described " + s.describe() + (s.description().isEmpty() ? " as nothing." : " as '" + s.description() + "'."));
        return 0;
    }

    @Command(name = "require-approval", mixinStandardHelpOptions = true,
            description = "Whether a release needs an approval ('odcm release approve') before its first deployment to every environment of"
                    + " this local space, also ones added later (for some environments only: 'odcm space approvals').")
    int requireApproval(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "on|off") String onOff) {
        String v = onOff.strip().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("on") && !v.equals("off")) {
            throw new odcm.model.Refusal("Say 'on' or 'off' after the space's name, not '" + onOff + "'.");
        }
        boolean on = v.equals("on");
        boolean changed = root.cli.withContext(root.store, ctx -> ctx.approvals().setRequired(name, on));
        root.cli.out().println("'" + Printed.clean(name) + "' " + (on ? "requires" : "does not require") + " an approval before a release's first deployment there"
                + (changed ? "." : " (it already did" + (on ? "" : " not") + ")."));
        return 0;
    }

    @Command(name = "require-acceptance", mixinStandardHelpOptions = true,
            description = "Whether a release imported into this local space is accepted by an approver ('odcm import accept') before any deployment of it.")
    int requireAcceptance(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "on|off") String onOff) {
        boolean on = odcm.model.role.Duties.onOff(onOff, "require-acceptance");
        boolean changed = root.cli.withContext(root.store, ctx -> ctx.acceptances().setRequired(name, on));
        root.cli.out().println("'" + Printed.clean(name) + "' " + (on ? "requires" : "does not require") + " an imported release to be accepted before"
                + " its deployment there" + (changed ? "." : " (it already did" + (on ? "" : " not") + ")."));
        return 0;
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Package settings of a local space (docs/decisions/0059).")
    int set(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--require-package-check", paramLabel = "on|off",
                    description = "on: a deployment is refused unless every package of its release is found and checked") String check,
            @Option(names = "--package-store", paramLabel = "FOLDER", description = "The space's package store folder ('' for the default)") String folder) {
        if (check == null && folder == null) {
            throw new odcm.model.Refusal("Say --require-package-check on|off or --package-store FOLDER.");
        }
        Boolean on = check == null ? null : odcm.model.role.Duties.onOff(check, "--require-package-check");
        root.cli.withContext(root.store, ctx -> {
            ctx.packages().setPolicy(name, on, folder);
            return null;
        });
        root.cli.out().println("Changed the package settings of '" + Printed.clean(name) + "'.");
        return 0;
    }

    @Command(name = "approvals", mixinStandardHelpOptions = true,
            description = "Approval gates of a local space (its administrator sets them; decision 0046): the environments where a release"
                    + " needs approval ('odcm release approve') before its first deployment there, and how many distinct approvals (the"
                    + " space's, as 'odcm space duties --approvals'). A rejection stops deployments everywhere in the space, gated or not."
                    + " 'require-approval on' gates every environment. Without options: shows them.")
    int approvals(@Parameters(paramLabel = "NAME") String name,
                  @Option(names = "--environment", paramLabel = "E", description = "An environment to gate (repeat for more)") List<String> environments,
                  @Option(names = "--off", description = "Take the gate off the environments given instead") boolean off,
                  @Option(names = "--approvals", paramLabel = "N", description = "1 to 9: distinct approvals a gate needs") Integer approvals) {
        List<String> envs = environments == null ? List.of() : environments;
        if (off && envs.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--off takes the gate off the environments given with --environment.");
        }
        if (envs.isEmpty() && approvals == null) {
            odcm.app.service.ApprovalService.Gates g = root.cli.reading(root.store, ctx -> ctx.approvals().gates(name));
            root.cli.out().println(gatesLine(name, g));
            return 0;
        }
        odcm.app.service.ApprovalService.GatesChange c = root.cli.withContext(root.store, ctx -> ctx.approvals().setGates(name, envs, !off, approvals));
        root.cli.out().println(gatesLine(name, c.now()) + (c.changed().isEmpty() && !envs.isEmpty() ? " (the gates given were already so)" : ""));
        if (c.approvals() != null && c.approvals().proposal() != null) {
            root.cli.out().println(Printed.clean(c.approvals().sentence(name)));
        }
        return 0;
    }

    /** "'DevTest Space' gates Production, Staging: a release needs 2 distinct approvals before its first deployment there." */
    private static String gatesLine(String name, odcm.app.service.ApprovalService.Gates g) {
        String who = "'" + Printed.clean(name) + "'";
        if (!g.every() && g.environments().isEmpty()) {
            return who + " gates no environment: a release needs no approval before deployment there (a rejection still stops it).";
        }
        return who + " gates " + Printed.clean(g.words()) + ": a release needs " + (g.approvals() == 1 ? "an approval" : g.approvals() + " distinct approvals")
                + " before its first deployment there.";
    }

    @Command(name = "duties", mixinStandardHelpOptions = true,
            description = "Separation of duties in a local space (its administrator changes it): whether an approver may not approve a release they"
                    + " created or imported, how many distinct approvals a release needs where approval is required, and whether a trust"
                    + " needs a second administrator. Without options: shows them.")
    int duties(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--approver-not-maker", paramLabel = "on|off") String notMaker,
               @Option(names = "--approvals", paramLabel = "N", description = "1 to 9 (default 1)") Integer approvals,
               @Option(names = "--two-admin-trust", paramLabel = "on|off") String twoAdmin,
               @Option(names = "--confirm", paramLabel = "PROPOSAL", description = "Confirm a loosening another administrator proposed"
                       + " (where the space requires two administrators).") Long confirm,
               @Option(names = "--decline", paramLabel = "PROPOSAL", description = "Decline a loosening another administrator proposed,"
                       + " or withdraw your own.") Long decline) {
        Boolean n = notMaker == null ? null : odcm.model.role.Duties.onOff(notMaker, "--approver-not-maker");
        Boolean t = twoAdmin == null ? null : odcm.model.role.Duties.onOff(twoAdmin, "--two-admin-trust");
        boolean changes = n != null || approvals != null || t != null;
        if ((changes ? 1 : 0) + (confirm != null ? 1 : 0) + (decline != null ? 1 : 0) > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Give rules to change, --confirm or --decline, one at a time.");
        }
        if (confirm != null || decline != null) {
            String said = root.cli.withContext(root.store, ctx -> confirm != null
                    ? "Separation of duties in '" + Printed.clean(name) + "': " + ctx.duties().confirm(confirm).sentence() + " (proposal #" + confirm + " confirmed)."
                    : "Proposal #" + decline + " of separation of duties " + ctx.duties().decline(decline).state().words() + "; the rules stay as they are.");
            root.cli.out().println(said);
            return 0;
        }
        if (changes) {
            odcm.app.service.DutyService.Change c = root.cli.withContext(root.store, ctx -> ctx.duties().change(name, n, approvals, t));
            root.cli.out().println(c.sentence(Printed.clean(name)));
            return 0;
        }
        java.util.List<String> lines = root.cli.reading(root.store, ctx -> {
            java.util.List<String> l = new java.util.ArrayList<>();
            l.add("Separation of duties in '" + Printed.clean(name) + "': " + ctx.duties().of(name).sentence() + ".");
            ctx.duties().proposals(name).forEach(p -> l.add(Printed.clean(p.sentence())));
            return l;
        });
        lines.forEach(root.cli.out()::println);
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a local space and its private key; refused while trusts refer to it.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        root.cli.withContext(root.store, ctx -> {
            ctx.spaces().delete(name);
            return null;
        });
        root.cli.out().println("Deleted local space '" + name + "'.");
        return 0;
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true, description = {"Give a local space a new key pair and certificate and"
            + " write the rotation statement, signed by the old key and the new one, to --out FILE (hand it to every console that"
            + " knows the space: 'odcm remote import-statement' there). The old key stays accepted, and keeps opening bundles"
            + " addressed to it, for the overlap; local spaces of this store that trust the space follow at once (decision 0056)."})
    int rotateKey(@Parameters(paramLabel = "NAME") String name,
                  @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the statement (.odcmkeys)") Path out,
                  @Option(names = "--overlap-days", paramLabel = "N", defaultValue = "" + odcm.app.service.KeyService.DEFAULT_OVERLAP_DAYS,
                          description = "days the old key stays accepted, 0 to " + odcm.app.service.KeyService.MAX_OVERLAP_DAYS
                                  + " (default ${DEFAULT-VALUE})") int overlapDays,
                  @Option(names = "--key", paramLabel = "ec|rsa", description = "the new key's kind (default: as the old one)") String key,
                  @Option(names = "--force", description = "replace FILE if it exists") boolean force) {
        KeyAlgorithm algorithm = key == null ? null : KeyAlgorithm.parse(key);
        if (overlapDays < 0 || overlapDays > odcm.app.service.KeyService.MAX_OVERLAP_DAYS) { // none of the option's values: exit 2
            throw new picocli.CommandLine.ParameterException(spec.commandLine().getSubcommands().get("rotate-key"), "The overlap is 0 to "
                    + odcm.app.service.KeyService.MAX_OVERLAP_DAYS + " days; " + overlapDays + " is outside it.");
        }
        var r = root.cli.withContext(root.store, ctx -> ctx.keys().rotate(name, overlapDays, algorithm, out, force));
        root.cli.out().println(odcm.app.cli.Printed.clean(r.sentence()));
        root.cli.out().println("Wrote the rotation statement to " + out + "; the other side confirms the new fingerprint "
                + r.to().grouped() + " when importing it.");
        return 0;
    }

    @Command(name = "rotation-statement", mixinStandardHelpOptions = true, description = "Write the rotation statement of a local"
            + " space's last rotation again to --out FILE (lost, or a console missed it), signed anew by the former key and the"
            + " current one; only while the overlap lasts.")
    int rotationStatement(@Parameters(paramLabel = "NAME") String name,
                          @Option(names = "--out", required = true, paramLabel = "FILE") Path out,
                          @Option(names = "--force", description = "replace FILE if it exists") boolean force) {
        var st = root.cli.withContext(root.store, ctx -> ctx.keys().rotationStatement(name, out, force));
        root.cli.out().println("Wrote the rotation statement to " + out + ": " + Printed.clean(st.describe()) + "; the other side confirms"
                + " the new fingerprint " + st.newCertificate().grouped() + " when importing it.");
        return 0;
    }

    @Command(name = "retire-old-key", mixinStandardHelpOptions = true, description = "End a local space's overlap now, in this"
            + " console: its earlier certificate is no longer accepted here. Consoles that imported the rotation accept it until"
            + " the overlap they were told; the former key is kept so it can still be declared compromised.")
    int retireOldKey(@Parameters(paramLabel = "NAME") String name) {
        return retireOld(root, name, true);
    }

    /** Ends the overlap of space {@code name}: a local space's ({@code local}) or a remote space's. */
    static int retireOld(OdcmCommand root, String name, boolean local) {
        var r = root.cli.withContext(root.store, ctx -> ctx.keys().retireOld(name, local));
        String what = local ? "key" : "certificate";
        root.cli.out().println(Printed.clean("Retired the earlier " + what + " of " + r.space().describe() + "; here only its current " + what
                + " is accepted now." + (local ? " Consoles that imported the rotation accept the earlier one until " + r.acceptedElsewhereUntil()
                + "; to stop them sooner, declare it compromised (declare-compromised --certificate)." : "")));
        return 0;
    }

    @Command(name = "declare-compromised", mixinStandardHelpOptions = true, description = {"Write a compromise statement of a local"
            + " space to --out FILE: the key of its earlier certificate --certificate (rotate the key first) is not to be"
            + " trusted from --from on (at most now). Signed with that key. Consoles that import it ('odcm remote import-statement') refuse"
            + " everything signed with it since and list what they accepted since; rotate the key first (decision 0056)."})
    int declareCompromised(@Parameters(paramLabel = "NAME") String name,
                           @Option(names = "--out", required = true, paramLabel = "FILE") Path out,
                           @Option(names = "--from", paramLabel = "INSTANT", description = "ISO-8601, e.g. 2026-12-01T00:00:00Z (default: now)") String from,
                           @Option(names = "--certificate", paramLabel = "SHA256", description = "an earlier certificate's fingerprint") String certificate,
                           @Option(names = "--force", description = "replace FILE if it exists") boolean force) {
        java.time.Instant at;
        try {
            at = from == null ? java.time.Instant.now() : java.time.Instant.parse(from);
        } catch (java.time.format.DateTimeParseException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--from takes an ISO-8601 instant such as 2026-12-01T00:00:00Z, not '"
                    + from + "'.");
        }
        var d = root.cli.withContext(root.store, ctx -> ctx.keys().declareCompromised(name, certificate, at, out, force));
        root.cli.out().println("Wrote the compromise statement to " + out + ": " + odcm.app.cli.Printed.clean(d.sentence()));
        return 0;
    }

    @Command(name = "cert", mixinStandardHelpOptions = true, description = "Write a space's certificate (PEM to standard output, or to --out FILE as PEM or DER).")
    int cert(@Parameters(paramLabel = "NAME") String name,
             @Option(names = "--out", paramLabel = "FILE") Path out,
             @Option(names = "--format", paramLabel = "pem|der", description = "pem or der (default: from the file name, else pem)") String format) {
        CertificateFormat f = format != null ? format(format) : out != null ? CertificateFormat.forFileName(out.toString()) : CertificateFormat.PEM;
        if (out == null && f == CertificateFormat.DER) {
            throw new odcm.model.Refusal("DER is binary; write it to a file with --out FILE.");
        }
        byte[][] written = {null};
        Space s = root.cli.withContext(root.store, ctx -> ctx.spaces().exportCertificate(name, f,
                out == null ? "standard output" : String.valueOf(out.getFileName()), bytes -> {
                    if (out == null) {
                        written[0] = bytes; // printed once the export is recorded
                    } else {
                        UserFiles.write(out, bytes);
                    }
                }));
        if (out == null) {
            root.cli.out().print(new String(written[0], StandardCharsets.US_ASCII));
            root.cli.out().flush();
        } else {
            root.cli.out().println("Wrote the certificate of " + s.describe() + " to " + out + " (" + f + ").");
            root.cli.out().println("SHA-256 fingerprint: " + s.certificate().fingerprint().grouped());
        }
        return 0;
    }

    static CertificateFormat format(String text) {
        try {
            return CertificateFormat.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new odcm.model.Refusal("The certificate format is 'pem' or 'der', not '" + text + "'.");
        }
    }
}
