package odcm.app.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import odcm.app.service.AppContext;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;

/**
 * What the audit log's verification costs a bundle check (decision 0044, "Verified prefix"): FreshnessBench's store (a trust,
 * a release, its bundle) grown to N audit entries, then rounds of: open for reading, {@code bundle verify} (the first check),
 * {@code bundle verify} again in the same open store (a console's next check), close. Not a test: run it with
 * {@code bench/audit-verify.sh}, which alternates this build and the base commit in separate JVMs.
 * Usage: AuditVerifyBench make DIR ENTRIES | AuditVerifyBench run DIR RUNS LABEL
 */
public final class AuditVerifyBench {
    private AuditVerifyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        StoreLocation loc = new StoreLocation(dir.resolve("store"), dir.resolve("keys"));
        if (args[0].equals("make")) {
            FreshnessBench.main(new String[] {"make", dir.toString(), "10"});
            int entries = Integer.parseInt(args[2]);
            try (Store store = Store.open(loc)) {
                store.write(tx -> {
                    for (long n = tx.audit().lastSeq(); n < entries; n++) {
                        tx.audit().append("bench.entry", "entry " + n, "one of many audit entries before the check");
                    }
                    return null;
                });
                System.out.println("grown to " + store.read(tx -> tx.audit().lastSeq()) + " audit entries");
            }
            return;
        }
        int runs = Integer.parseInt(args[2]);
        Path bundle = dir.resolve("web.odcmbundle");
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        for (int i = -3; i < runs; i++) {
            long t0 = System.nanoTime();
            long t1;
            long t2;
            try (AppContext ctx = new AppContext(Store.openForReading(loc))) {
                check(ctx, bundle);
                t1 = System.nanoTime();
                check(ctx, bundle);
                t2 = System.nanoTime();
            }
            if (i >= 0) {
                first.add(t1 - t0);
                second.add(t2 - t1);
            }
        }
        System.out.println(String.format(Locale.ROOT, "%s open+first %.1f second %.1f ms", args[3], median(first), median(second)));
    }

    private static void check(AppContext ctx, Path bundle) {
        if (!ctx.bundles().verify("Prod Space", bundle).genuine()) {
            throw new IllegalStateException("not genuine");
        }
    }

    private static double median(List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        s.sort(null);
        return s.get(s.size() / 2) / 1e6;
    }
}
