package odcm.app.cli;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import odcm.app.ChildJvm;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.service.BundleChecks;
import odcm.model.Secret;
import odcm.model.audit.AuditFilter;
import odcm.model.cert.CertificateFormat;
import odcm.model.space.Space;
import odcm.packaging.bundle.BundleFiles;
import odcm.packaging.bundle.HostileBundles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory on the command line: {@code odcm bundle verify|import} and {@code receipt verify|import} in a separate JVM
 * with {@code -Xmx256m}, on a real store, for each hostile file of {@link HostileBundles} (built here, the bundle ones
 * behind the trusted DevTest Space's own signature where the attack needs it): exit 1, one sentence on stderr, no
 * OutOfMemoryError or trace, the store unchanged. A genuine release of 10,000 variables, 1,000 steps and 500 packages
 * verifies and imports in the same heap.
 */
class BoundedMemoryCliTest {
    static final String HEAP = System.getProperty("odcm.test.heap", "-Xmx256m");

    @TempDir
    static Path shared;
    static Path network;
    static Map<String, byte[]> hostile;
    static byte[] large;

    @TempDir
    Path tmp;

    @BeforeAll
    static void files() {
        AppContext[] both = TestBundles.twoNetworks(shared);
        AppContext a = both[0];
        byte[] devCert = a.spaces().certificate(DEV, CertificateFormat.DER);
        Space dev = a.spaces().find(DEV);
        try (Secret key = a.store().read(tx -> BundleChecks.privateKey(a.store(), tx, dev))) {
            hostile = HostileBundles.all(BundleFiles.unzip(TestBundles.bundle(a, "1.0.0", 1)), e -> BundleFiles.resign(e, devCert, key, null));
        }
        large = TestBundles.write(a, HostileBundles.largeRelease(DEV, PROD, a.spaces().now().minusSeconds(60), List.of(PROD + ": Production")));
        both[0].close();
        both[1].close();
        network = shared.resolve("network-b");
    }

    @Test
    void hostileFilesAreRefusedInABoundedHeapAndChangeNothing() throws Exception {
        // One of each class (every file of HostileBundles runs in packaging's BoundedMemoryTest): a JVM start costs seconds here.
        List<String> cases = List.of("deflated-entries", "deflated-entries-headers-claim-small", "many-entries-stored", "deep-json",
                "tiny-objects-json", "receipt-tiny-objects", "signed-many-properties");
        List<String> receiptCases = List.of("deflated-entries", "receipt-tiny-objects");
        // Still one JVM per command, but two at a time: each works through its half of the files on its own copy of the store.
        List<Path> copies = List.of(PausedChild.copy(network, tmp.resolve("copy-0")), PausedChild.copy(network, tmp.resolve("copy-1")));
        List<Integer> auditBefore = List.of(auditEntries(copies.get(0)), auditEntries(copies.get(1)));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Run>>> halves = new ArrayList<>();
            for (int half = 0; half < 2; half++) {
                int h = half;
                Path dir = copies.get(h);
                List<String> mine = IntStream.range(0, cases.size()).filter(i -> i % 2 == h).mapToObj(cases::get).toList();
                halves.add(two.submit(() -> {
                    List<Run> runs = new ArrayList<>();
                    for (String name : mine) {
                        Path file = Files.write(tmp.resolve(name), hostile.get(name));
                        runs.add(run(dir, "bundle", "verify", file.toString(), "--space", PROD));
                        runs.add(run(dir, "bundle", "import", file.toString(), "--space", PROD));
                        if (receiptCases.contains(name)) {
                            runs.add(run(dir, "receipt", "verify", file.toString(), "--space", PROD));
                            runs.add(run(dir, "receipt", "import", file.toString(), "--space", PROD));
                        }
                    }
                    return runs;
                }));
            }
            List<Run> runs = new ArrayList<>();
            for (Future<List<Run>> half : halves) {
                runs.addAll(half.get());
            }
            assertEquals(18, runs.size(), "every command ran");
            runs.forEach(BoundedMemoryCliTest::refused);
        } finally {
            two.shutdownNow();
        }
        for (int half = 0; half < 2; half++) {
            try (AppContext ctx = AppContext.open(TestBundles.location(copies.get(half)))) {
                assertEquals(List.of(), ctx.projects().list(PROD), "no project imported");
                assertEquals(0, ctx.store().read(tx -> tx.bundles().acceptedBundleIds(ctx.spaces().find(PROD).id())).size());
                assertEquals(auditBefore.get(half), ctx.audit().list(AuditFilter.ALL).size(), "no audit entry");
                assertTrue(ctx.audit().verify().isIntact());
            }
        }
    }

    @Test
    void aLargeGenuineBundleVerifiesAndImportsInTheSameHeap() throws Exception {
        Path dir = PausedChild.copy(network, tmp.resolve("network-b"));
        Path file = Files.write(tmp.resolve("large.odcmbundle"), large);
        Run verified = run(dir, "bundle", "verify", file.toString(), "--space", PROD);
        assertEquals(0, verified.exit, verified.toString());
        Run imported = run(dir, "bundle", "import", file.toString(), "--space", PROD);
        assertEquals(0, imported.exit, imported.toString());
        clean(imported);
        try (AppContext ctx = AppContext.open(TestBundles.location(dir))) {
            var snapshot = ctx.releases().find(PROD, DEV + ": Big", "1.0.0").snapshot();
            assertEquals(List.of(10_000, 1_000, 500), List.of(snapshot.variables().size(), snapshot.process().size(), snapshot.packages().size()));
        }
    }

    record Run(int exit, String out, String err) {
    }

    private static void refused(Run r) {
        assertEquals(1, r.exit, r.toString());
        assertEquals(1, r.err.lines().count(), "one sentence on stderr: " + r);
        clean(r);
    }

    private static void clean(Run r) {
        String all = r.out + r.err;
        assertFalse(all.contains("OutOfMemoryError") || all.contains("Exception") || all.contains("\tat "), r.toString());
    }

    private static int auditEntries(Path dir) {
        try (AppContext ctx = AppContext.open(TestBundles.location(dir))) {
            return ctx.audit().list(AuditFilter.ALL).size();
        }
    }

    private Run run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = ChildJvm.command(List.of(HEAP), "odcm.app.Main");
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--store", dir.resolve("store").toString()));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("ODCM_KEY_DIR", dir.resolve("keys").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "ended");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
