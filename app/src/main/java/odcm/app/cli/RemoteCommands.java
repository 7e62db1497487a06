package odcm.app.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import odcm.app.io.UserFiles;
import odcm.model.space.Space;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.ReadCertificate;
import odcm.persistence.space.StoredCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "remote", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Remote spaces: spaces of another console, known by the certificate exchanged by hand.")
final class RemoteCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a remote space from its certificate file (PEM or DER; '-' reads pasted PEM from standard input).")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--cert", paramLabel = "FILE", required = true) String certFile,
            @Option(names = "--fingerprint", paramLabel = "SHA256",
                    description = "The fingerprint read out by the other side; must match or nothing is saved.") String fingerprint,
            @Option(names = "--description", paramLabel = "TEXT", defaultValue = "") String description) {
        byte[] bytes = UserFiles.readFileOrInput(certFile, System.in, UserFiles.MAX_CERTIFICATE_FILE, "a certificate");
        Space s = root.cli.withContext(root.store, ctx -> ctx.remotes().add(name, description, bytes, fingerprint));
        root.cli.out().println("Added " + s.describe() + ".");
        root.cli.out().println(Printed.lines(s.certificate()));
        if (fingerprint == null || fingerprint.isBlank()) {
            root.cli.out().println("Not confirmed: check this fingerprint with the other side, then 'odcm remote confirm'; until then it cannot be trusted.");
        }
        return 0;
    }

    @Command(name = "show-cert", mixinStandardHelpOptions = true, description = "Show what a certificate file holds, without saving anything.")
    int showCert(@Parameters(paramLabel = "FILE") String certFile) {
        byte[] bytes = UserFiles.readFileOrInput(certFile, System.in, UserFiles.MAX_CERTIFICATE_FILE, "a certificate");
        // Only looks at a file: no store needed, so it also works while a console has the store open.
        ReadCertificate c = Certificates.read(bytes, Instant.now());
        root.cli.out().println(Printed.lines(c.info()));
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List remote spaces; those whose fingerprint nobody confirmed are marked UNCONFIRMED.")
    int list(@Option(names = "--json") boolean json) {
        record Listed(Space space, boolean confirmed) {
        }
        List<Listed> spaces = root.cli.reading(root.store, ctx -> ctx.spaces().remotes().stream()
                .map(s -> new Listed(s, ctx.remotes().isConfirmed(s.name()))).toList());
        if (json) {
            root.cli.printJson(spaces.stream().map(l -> {
                var m = Printed.json(l.space());
                m.put("confirmed", l.confirmed());
                return m;
            }).toList());
        } else if (spaces.isEmpty()) {
            root.cli.out().println("No remote spaces yet; add one with 'odcm remote add NAME --cert FILE --fingerprint SHA256'.");
        } else {
            spaces.forEach(l -> root.cli.out().println(Printed.line(l.space()) + (l.confirmed() ? "" : "\tUNCONFIRMED")));
        }
        return 0;
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm a remote space's fingerprint with the other side, after adding it without one.")
    int confirm(@Parameters(paramLabel = "NAME") String name,
                @Option(names = "--fingerprint", paramLabel = "SHA256", required = true, description = "As the other side reads it out.") String fingerprint) {
        Space s = root.cli.withContext(root.store, ctx -> ctx.remotes().confirm(name, fingerprint));
        root.cli.out().println("Confirmed the certificate of " + s.describe() + ": " + s.certificate().fingerprint().grouped() + ".");
        return 0;
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "A remote space's certificates, current first, with"
            + " an earlier one's overlap after a rotation and a compromise declared.")
    int history(@Parameters(paramLabel = "NAME") String name, @Option(names = "--json") boolean json) {
        var windows = new java.util.HashMap<Long, odcm.persistence.space.SpaceRepository.CertificateWindow>();
        Instant[] now = new Instant[1];
        List<StoredCertificate> certs = root.cli.reading(root.store, ctx -> {
            if (ctx.spaces().find(name).isLocal()) {
                throw new odcm.model.Refusal("'" + name + "' is a local space; its certificate is shown by 'odcm space cert'.");
            }
            ctx.keys().windows(name).forEach(w -> windows.put(w.certificateId(), w));
            now[0] = ctx.spaces().now();
            return ctx.spaces().certificates(name);
        });
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (StoredCertificate c : certs) {
            var w = windows.get(c.id());
            Instant acceptedUntil = w == null ? null : w.acceptedUntil();
            Instant compromisedFrom = w == null ? null : w.compromisedFrom();
            String state = c.isCurrent() ? "current" : w != null && w.inOverlapAt(now[0]) ? "replaced" : "retired";
            if (json) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("state", state);
                m.put(c.isCurrent() ? "since" : "replacedAt", String.valueOf(c.isCurrent() ? c.addedAt() : c.retiredAt()));
                m.put("certificate", Printed.json(c.info()));
                m.put("acceptedUntil", acceptedUntil == null ? null : acceptedUntil.toString());
                m.put("compromisedFrom", compromisedFrom == null ? null : compromisedFrom.toString());
                rows.add(m);
            } else {
                root.cli.out().println((c.isCurrent() ? "current since " + c.addedAt() : state + " " + c.retiredAt()) + "	"
                        + c.info().fingerprint().grouped() + "	" + Printed.clean(c.info().subject()) + "	valid until " + c.info().notAfter()
                        + (acceptedUntil != null ? "	accepted until " + acceptedUntil : "")
                        + (compromisedFrom != null ? "	COMPROMISED from " + compromisedFrom : ""));
            }
        }
        if (json) {
            root.cli.printJson(rows);
        }
        return 0;
    }

    @Command(name = "replace-cert", mixinStandardHelpOptions = true, description = "Replace a remote space's certificate (rotation); the old one stays in its history.")
    int replaceCert(@Parameters(paramLabel = "NAME") String name,
                    @Option(names = "--cert", paramLabel = "FILE", required = true) String certFile,
                    @Option(names = "--fingerprint", paramLabel = "SHA256") String fingerprint) {
        byte[] bytes = UserFiles.readFileOrInput(certFile, System.in, UserFiles.MAX_CERTIFICATE_FILE, "a certificate");
        Space s = root.cli.withContext(root.store, ctx -> ctx.remotes().replaceCertificate(name, bytes, fingerprint));
        root.cli.out().println("Replaced the certificate of " + s.describe() + ".");
        root.cli.out().println(Printed.lines(s.certificate()));
        return 0;
    }

    @Command(name = "import-statement", mixinStandardHelpOptions = true, description = {"Import a key statement (.odcmkeys) of the"
            + " remote space NAME: a rotation (signed by its pinned key and the new one; give the new fingerprint the other side"
            + " reads out) or a compromise (signed by the compromised key). Anything that does not verify is refused and changes"
            + " nothing (decision 0056)."})
    int importStatement(@Parameters(index = "0", paramLabel = "NAME") String name,
                        @Parameters(index = "1", paramLabel = "FILE") java.nio.file.Path file,
                        @Option(names = "--fingerprint", paramLabel = "SHA256", description = "a rotation's new fingerprint, as the other side reads it out") String fingerprint) {
        byte[] bytes = odcm.app.service.BundleService.readStatement(file);
        var imported = root.cli.withContext(root.store, ctx -> ctx.keys().importStatement(name, bytes, fingerprint));
        root.cli.out().println(Printed.clean(imported.sentence()));
        return 0;
    }

    @Command(name = "retire-old-cert", mixinStandardHelpOptions = true, description = "End a remote space's overlap now: its earlier"
            + " certificate is no longer accepted.")
    int retireOldCert(@Parameters(paramLabel = "NAME") String name) {
        return SpaceCommands.retireOld(root, name, false);
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a remote space; refused while trusts refer to it.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
        root.cli.withContext(root.store, ctx -> {
            ctx.remotes().remove(name);
            return null;
        });
        root.cli.out().println("Removed remote space '" + name + "'.");
        return 0;
    }
}
