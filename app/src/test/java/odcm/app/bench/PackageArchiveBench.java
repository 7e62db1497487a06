package odcm.app.bench;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static odcm.app.bench.PackageBench.THREADS;
import static odcm.app.bench.PackageBench.load;
import static odcm.app.bench.PackageBench.mb;
import static odcm.app.bench.PackageBench.ratio;
import static odcm.app.bench.PackageBench.seconds;
import static odcm.app.bench.PackageBench.sha256;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.service.PackageService;
import odcm.app.service.PackageTransferService;
import odcm.model.Progress;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.release.PackageVersion;
import odcm.model.trust.TrustKind;

/**
 * The package archive, the path a user takes (issue 19, decision 0060), through the services the command line calls
 * ({@code package export}, {@code package inventory}, {@code package import}, {@code package verify}), in this JVM:
 * two stores set up as {@link TestBundles#twoNetworks} does (DevTest Space in one, Prod Space in the other). Release 1.0 of
 * Web names {@code base} (one package each, version 1.0), release 2.0 names {@code next} (version 2.0: the codec bench's
 * "5 %" change). Both releases go to Development and Test, then 1.0's bundle to Prod, the packages into DevTest's store,
 * 1.0's archive (everything whole) to Prod, 2.0's bundle to Prod. Timed: 2.0's export for Prod on the assumption (the
 * Outbox says Prod has 1.0) and with Prod's signed inventory ({@code --have}), its import at Prod, and {@code package
 * verify} of 2.0 at Prod beside {@code sha256sum} over the same files; then the codec bench's row (ours, zstd
 * --patch-from, cp) on the same files. Run by {@code PackageBench archive COUNT MIB WORKDIR}.
 */
final class PackageArchiveBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private PackageArchiveBench() {
    }

    static void run(Path root, List<Path> base, List<Path> next) throws Exception {
        AppContext[] both = TestBundles.twoNetworks(root.resolve("stores"));
        AppContext dev = both[0];
        AppContext prod = both[1];
        try {
            List<PackageVersion> v1 = new ArrayList<>();
            List<PackageVersion> v2 = new ArrayList<>();
            List<PackageReference> parts = new ArrayList<>();
            for (int i = 0; i < base.size(); i++) {
                String id = i == 0 ? "Acme.Web" : String.format(Locale.ROOT, "Acme.Part%02d", i); // Web's own step deploys Acme.Web
                v1.add(new PackageVersion(id, "1.0", sha256(base.get(i))));
                v2.add(new PackageVersion(id, "2.0", sha256(next.get(i))));
                if (i > 0) {
                    parts.add(new PackageReference(id));
                }
            }
            dev.projects().update(DEV, "Web", TestBundles.web(parts.isEmpty() ? List.of()
                    : List.of(new DeploymentStep("Deploy parts", "Deploy a package", Map.of(), Scope.ALL, parts))));
            dev.releases().create(DEV, "Web", "1.0", "", null, v1);
            dev.releases().create(DEV, "Web", "2.0", "", null, v2);
            TestBundles.throughTest(dev, "1.0"); // before DevTest's store holds packages: a deployment there would hash them all
            TestBundles.throughTest(dev, "2.0");
            prod.imports().importBundle(PROD, dev.bundles().create(DEV, "Web", "1.0", PROD, root.resolve("web-1.0.odcmbundle"), 30, false).bytes(),
                    null, TestBundles.values());
            long wall = System.nanoTime();
            for (int i = 0; i < base.size(); i++) {
                dev.packages().add(DEV, base.get(i), v1.get(i).packageId(), "1.0");
                dev.packages().add(DEV, next.get(i), v2.get(i).packageId(), "2.0");
            }
            System.out.printf(Locale.ROOT, "set up: two stores, releases 1.0 and 2.0 through Test, 1.0's bundle imported at Prod; %d packages added"
                    + " to DevTest's store in %s; load average %s%n", 2 * base.size(), seconds((System.nanoTime() - wall) / 1e9), load());

            List<String> rows = new ArrayList<>();
            Path first = root.resolve("web-1.0" + PackageTransferService.EXTENSION);
            rows.add(timed("export 1.0, nothing held (all whole)", first,
                    () -> dev.packageTransfer().export(DEV, "Web", "1.0", PROD, Optional.empty(), first, Progress.NONE)));
            rows.add(timed("import 1.0 at Prod", first, () -> prod.packageTransfer().importArchive(PROD, first, Progress.NONE)));
            long full = Files.size(first);
            Files.delete(first);
            prod.imports().importBundle(PROD, dev.bundles().create(DEV, "Web", "2.0", PROD, root.resolve("web-2.0.odcmbundle"), 30, false).bytes(),
                    null, TestBundles.values());

            Path assumed = root.resolve("web-2.0-assumed" + PackageTransferService.EXTENSION);
            rows.add(timed("export 2.0, assumption (Outbox)", assumed,
                    () -> dev.packageTransfer().export(DEV, "Web", "2.0", PROD, Optional.empty(), assumed, Progress.NONE)));
            dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS); // Prod's inventory is read as its receipts are
            Path inventory = root.resolve("prod" + PackageTransferService.INVENTORY_EXTENSION);
            rows.add(timed("inventory of Prod (signed)", inventory, () -> prod.packageTransfer().inventory(PROD, DEV, inventory)));
            Path have = root.resolve("web-2.0-have" + PackageTransferService.EXTENSION);
            rows.add(timed("export 2.0, --have inventory", have,
                    () -> dev.packageTransfer().export(DEV, "Web", "2.0", PROD, Optional.of(inventory), have, Progress.NONE)));
            rows.add(timed("import 2.0 at Prod", have, () -> prod.packageTransfer().importArchive(PROD, have, Progress.NONE)));
            rows.add(timed("import 2.0 again (all held)", assumed, () -> prod.packageTransfer().importArchive(PROD, assumed, Progress.NONE)));

            long total = 0;
            for (Path p : next) {
                total += Files.size(p);
            }
            System.out.println();
            System.out.printf("%-46s %22s %10s %12s %13s%n", "step (load average at its end)", "file written or read", "wall",
                    "thread CPU", "process CPU");
            rows.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "release 2.0: %s of packages; the archive of 1.0 (all whole): %s; 2.0's, with --have: %s (%s of 2.0's"
                    + " packages)%n", mb(total), mb(full), mb(Files.size(have)), ratio(Files.size(have), total));

            Path folder = Path.of(prod.packages().overview(PROD).folder().toString());
            List<Path> stored = v2.stream().map(p -> folder.resolve(p.sha256().substring(0, 2)).resolve(p.sha256())).toList();
            PackageBench.verification("package verify of release 2.0 at Prod", stored, () -> {
                List<PackageService.Check> checks = prod.packages().verify(PROD, REMOTE_WEB, "2.0");
                if (checks.size() != next.size() || !checks.stream().allMatch(c -> c.status() == PackageService.Status.PRESENT)) {
                    throw new IllegalStateException("release 2.0 is not all present at Prod: " + checks);
                }
            });
            System.out.printf(Locale.ROOT, "heap: at most %d MiB, the pools' peaks sum to %d MiB%n", Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                            .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum() >> 20);
            System.out.println("the codec alone (PackageDelta) on the same files, beside zstd --patch-from and cp:");
            PackageBench.printRows(List.<String[]>of(PackageBench.transfer("5 %: 4 regions replaced, 1 inserted", root, base, next)));
            System.out.println("load average at the end " + load());
        } finally {
            dev.close();
            prod.close();
        }
    }

    /** Runs {@code step}: wall, this thread's CPU and the process's (the store's and collector's threads too); {@code file}'s size. */
    private static String timed(String name, Path file, Supplier<PackageTransferService.Result> step) throws Exception {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long process = OS.getProcessCpuTime();
        PackageTransferService.Result r = step.get();
        double w = (System.nanoTime() - wall) / 1e9;
        double c = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        double p = (OS.getProcessCpuTime() - process) / 1e9;
        long deltas = r.lines().stream().filter(l -> l.contains("delta")).count();
        long whole = r.lines().stream().filter(l -> l.contains("whole")).count();
        long held = r.lines().stream().filter(l -> l.contains("already")).count();
        System.out.printf(Locale.ROOT, "%s: %s%s%n", name, r.sentence(), r.lines().isEmpty() ? ""
                : String.format(Locale.ROOT, " (%d as deltas, %d whole, %d held)", deltas, whole, held));
        return String.format(Locale.ROOT, "%-46s %22s %10s %12s %13s", name + " (" + load().split(" ")[0] + ")", mb(Files.size(file)),
                seconds(w), seconds(c), seconds(p));
    }
}
