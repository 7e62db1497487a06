package odcm.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditFilter;
import odcm.model.cert.CertificateFormat;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;

/**
 * Measures the foundation's user actions on a real store in a temporary folder. Not a test: run it with
 * {@code bench/foundation.sh} (see docs/benchmarks.md). Prints the median and 90th percentile of each action.
 */
public final class FoundationBench {
    private FoundationBench() {
    }

    public static void main(String[] args) throws Exception {
        int spaces = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("odcm-bench");
        Path other = Files.createTempDirectory("odcm-bench-other");
        System.out.printf("ODCM foundation benchmark: %d spaces; JVM %s, %d cores%n", spaces, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        try (AppContext ctx = AppContext.open(new StoreLocation(dir.resolve("store"), dir.resolve("keys")))) {
            System.out.printf("%-44s %8.1f ms%n", "open and migrate a new store", (System.nanoTime() - t0) / 1e6);
            int[] n = {0};
            time("create local space (EC P-256)", spaces, () -> ctx.spaces().create("EC " + n[0]++, "", KeyAlgorithm.EC_P256));
            n[0] = 0;
            time("create local space (RSA 3072)", Math.max(5, spaces / 20), () -> ctx.spaces().create("RSA " + n[0]++, "", KeyAlgorithm.RSA_3072));

            List<byte[]> certs = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            try (AppContext remote = AppContext.open(new StoreLocation(other.resolve("store"), other.resolve("keys")))) {
                for (int i = 0; i < spaces; i++) {
                    remote.spaces().create("Remote " + i, "", KeyAlgorithm.EC_P256);
                    certs.add(remote.spaces().certificate("Remote " + i, CertificateFormat.PEM));
                    fingerprints.add(remote.spaces().find("Remote " + i).certificate().fingerprint().hex());
                }
            }
            n[0] = 0;
            time("add remote space from PEM", spaces, () -> ctx.remotes().add("Remote " + n[0], "", certs.get(n[0]), fingerprints.get(n[0]++)));
            n[0] = 0;
            time("add trust", spaces, () -> ctx.trusts().add("EC " + n[0], "Remote " + n[0]++, TrustKind.RELEASE_BUNDLES));
            time("list all spaces (" + ctx.spaces().list().size() + ")", 50, () -> ctx.spaces().list());
            time("list trusts", 50, () -> ctx.trusts().list(true));
            int entries = ctx.audit().list(AuditFilter.ALL).size();
            time("verify audit log (" + entries + " entries)", 20, () -> ctx.audit().verify());
        }
    }

    private static void time(String what, int runs, Supplier<?> action) {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            action.get();
            nanos[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("%-44s %8.1f ms median, %8.1f ms p90 (%d runs)%n", what, nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, runs);
    }
}
