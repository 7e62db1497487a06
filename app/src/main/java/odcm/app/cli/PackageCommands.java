package odcm.app.cli;

import java.nio.file.Path;
import java.util.List;
import odcm.app.service.PackageService;
import odcm.persistence.pkg.PackageRepository.StoredPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "package", addMethodSubcommands = false, mixinStandardHelpOptions = true, subcommands = PackageCommands.Feed.class,
        description = "A local space's package store (files named by their SHA-256) and feeds, and the check of a release's packages"
                + " (docs/decisions/0059).")
final class PackageCommands {
    @ParentCommand
    OdcmCommand root;

    @Command(name = "add", description = "Copy a package file into the space's store (hashed as it is copied).")
    int add(@Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help,
            @Option(names = "--space", required = true, paramLabel = "SPACE") String space,
            @Parameters(paramLabel = "FILE") Path file,
            @Option(names = "--id", required = true, paramLabel = "ID") String id,
            @Option(names = "--version", required = true, paramLabel = "VERSION") String version) {
        StoredPackage p = root.cli.withContext(root.store, ctx -> ctx.packages().add(space, file, id, version));
        root.cli.out().println("Added package " + Printed.clean(p.packageId()) + " " + Printed.clean(p.version()) + " to the store of '"
                + Printed.clean(space) + "': SHA-256 " + p.sha256() + ", " + p.size() + " bytes.");
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The space's store folder, whether the check is required, its packages and feeds.")
    int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space) {
        PackageService.Overview o = root.cli.reading(root.store, ctx -> ctx.packages().overview(space));
        root.cli.out().println("Store folder: " + Printed.clean(o.folder().toString()) + "; package check "
                + (o.requireCheck() ? "required before a deployment" : "advisory") + ".");
        for (StoredPackage p : o.packages()) {
            root.cli.out().println(Printed.clean(p.packageId()) + "\t" + Printed.clean(p.version()) + "\t" + p.sha256() + "\t" + p.size());
        }
        for (String f : o.feeds()) {
            root.cli.out().println("feed\t" + Printed.clean(f));
        }
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Find (store, then feeds) and check each package of a release;"
            + " exits 1 when one is missing or wrong.")
    int verify(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
               @Option(names = "--release", required = true, paramLabel = "VERSION") String version) {
        List<PackageService.Check> checks = root.cli.reading(root.store, ctx -> ctx.packages().verify(space, project, version));
        if (checks.isEmpty()) {
            root.cli.out().println("Release " + Printed.clean(version) + " names no package.");
        }
        for (PackageService.Check c : checks) {
            root.cli.out().println(c.status().words() + "\t" + Printed.clean(c.sentence()));
        }
        return checks.stream().allMatch(c -> c.status() == PackageService.Status.PRESENT) ? 0 : 1;
    }

    @Command(name = "remove", description = "Remove a package from the space's store (administrators);"
            + " refused while a release not yet deployed to its lifecycle's last phase names it. Its file goes once no package names its hash.")
    int remove(@Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help,
               @Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Option(names = "--id", required = true, paramLabel = "ID") String id,
               @Option(names = "--version", required = true, paramLabel = "VERSION") String version) {
        PackageService.Removed r = root.cli.withContext(root.store, ctx -> ctx.packages().remove(space, id, version));
        root.cli.out().println("Removed package " + Printed.clean(r.pkg().packageId()) + " " + Printed.clean(r.pkg().version()) + " from the store of '"
                + Printed.clean(space) + "'; " + Printed.clean(r.file()));
        return 0;
    }

    @Command(name = "clean", mixinStandardHelpOptions = true, description = "Remove the files of the space's store folder no package names"
            + " (a stopped copy's .incoming-*.part, a file whose record was refused); those written in the last hour are left.")
    int clean(@Option(names = "--space", required = true, paramLabel = "SPACE") String space) {
        PackageService.Cleaned c = root.cli.withContext(root.store, ctx -> ctx.packages().clean(space));
        for (Path f : c.removed()) {
            root.cli.out().println("removed\t" + Printed.clean(f.toString()));
        }
        for (Path f : c.recent()) {
            root.cli.out().println("left\t" + Printed.clean(f.toString()) + "\t(written in the last hour: a copy may be under way)");
        }
        root.cli.out().println(c.removed().isEmpty() ? "Nothing to remove in " + Printed.clean(c.folder().toString()) + "."
                : "Removed " + c.removed().size() + (c.removed().size() == 1 ? " file" : " files") + " no package names (" + c.bytes()
                + " bytes) from " + Printed.clean(c.folder().toString()) + ".");
        return 0;
    }

    @Command(name = "inventory", mixinStandardHelpOptions = true, description = "Write the signed inventory of the packages the space"
            + " holds, for the space that sends it packages (it reads it with a trust for deployment receipts).")
    int inventory(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
                  @Option(names = "--for", required = true, paramLabel = "SPACE") String forSpace,
                  @Option(names = "--out", required = true, paramLabel = "FILE") Path out) {
        return print(root.cli.withContext(root.store, ctx -> ctx.packageTransfer().inventory(space, forSpace, out)));
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a signed package archive of a release for another"
            + " space: only what it lacks (per its inventory, else the releases of the project sent to it), as deltas where smaller.")
    int export(@Option(names = "--space", required = true, paramLabel = "SPACE") String space,
               @Option(names = "--project", required = true, paramLabel = "PROJECT") String project,
               @Option(names = "--release", required = true, paramLabel = "VERSION") String version,
               @Option(names = "--for", required = true, paramLabel = "SPACE") String forSpace,
               @Option(names = "--have", paramLabel = "INVENTORY") Path have,
               @Option(names = "--out", required = true, paramLabel = "FILE") Path out) {
        return print(root.cli.withContext(root.store, ctx -> ctx.packageTransfer().export(space, project, version, forSpace,
                java.util.Optional.ofNullable(have), out, odcm.model.Progress.NONE)));
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Verify a package archive, rebuild each package, check it"
            + " against the release's signed manifest and store them all (or none).")
    int importArchive(@Parameters(paramLabel = "FILE") Path file,
                      @Option(names = "--space", paramLabel = "SPACE", description = "The space to import into (default: the only local space).") String space) {
        return print(root.cli.withContext(root.store, ctx -> ctx.packageTransfer().importArchive(space == null ? onlyLocal(ctx) : space,
                file, odcm.model.Progress.NONE)));
    }

    private static String onlyLocal(odcm.app.service.AppContext ctx) {
        java.util.List<String> local = ctx.spaces().list().stream().filter(odcm.model.space.Space::isLocal).map(odcm.model.space.Space::name).toList();
        if (local.size() != 1) {
            throw new odcm.model.Refusal("This store has " + local.size() + " local spaces; say which one imports the archive (--space).");
        }
        return local.get(0);
    }

    private int print(odcm.app.service.PackageTransferService.Result r) {
        root.cli.out().println(Printed.clean(r.sentence()));
        r.lines().forEach(l -> root.cli.out().println(java.util.Arrays.stream(l.split("\t")).map(Printed::clean)
                .collect(java.util.stream.Collectors.joining("\t"))));
        return 0;
    }

    @Command(name = "feed", mixinStandardHelpOptions = true,
            description = "Folders (file shares) searched for a package not in the store.")
    static final class Feed {
        @ParentCommand
        PackageCommands parent;

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an existing folder as a feed.")
        int add(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Parameters(paramLabel = "FOLDER") String folder) {
            String f = parent.root.cli.withContext(parent.root.store, ctx -> ctx.packages().addFeed(space, folder));
            parent.root.cli.out().println("Added feed " + Printed.clean(f) + " to '" + Printed.clean(space) + "'.");
            return 0;
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The space's feeds, in the order they are searched.")
        int list(@Option(names = "--space", required = true, paramLabel = "SPACE") String space) {
            for (String f : parent.root.cli.reading(parent.root.store, ctx -> ctx.packages().overview(space)).feeds()) {
                parent.root.cli.out().println(Printed.clean(f));
            }
            return 0;
        }

        @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a feed (its folder is left as it is).")
        int remove(@Option(names = "--space", required = true, paramLabel = "SPACE") String space, @Parameters(paramLabel = "FOLDER") String folder) {
            parent.root.cli.withContext(parent.root.store, ctx -> {
                ctx.packages().removeFeed(space, folder);
                return null;
            });
            parent.root.cli.out().println("Removed feed " + Printed.clean(folder) + " from '" + Printed.clean(space) + "'.");
            return 0;
        }
    }
}
