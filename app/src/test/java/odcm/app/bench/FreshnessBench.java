package odcm.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import odcm.app.service.AppContext;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.release.PackageVersion;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;

/**
 * What checking that trusts and certificates are the state the audit log records last costs (decision 0038, "Freshness"):
 * a store whose trust was made first and N audited changes followed (so the whole tail is verified on each open), then, in
 * one JVM, rounds of a whole {@code bundle verify} (open for reading, verify, close) and a whole {@code trust list --all}.
 * Not a test: run it with {@code bench/freshness.sh}, which alternates this build and another in separate JVMs.
 * Usage: FreshnessBench make DIR ENTRIES | FreshnessBench run DIR RUNS
 */
public final class FreshnessBench {
    private FreshnessBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        StoreLocation loc = new StoreLocation(dir.resolve("store"), dir.resolve("keys"));
        if (args[0].equals("make")) {
            make(loc, dir, Integer.parseInt(args[2]));
            return;
        }
        int runs = Integer.parseInt(args[2]);
        Path bundle = dir.resolve("web.odcmbundle");
        List<Long> verify = new ArrayList<>();
        List<Long> list = new ArrayList<>();
        for (int i = -3; i < runs; i++) {
            long t0 = System.nanoTime();
            try (AppContext ctx = new AppContext(Store.openForReading(loc))) {
                if (!ctx.bundles().verify("Prod Space", bundle).genuine()) {
                    throw new IllegalStateException("not genuine");
                }
            }
            long t1 = System.nanoTime();
            try (AppContext ctx = new AppContext(Store.openForReading(loc))) {
                if (ctx.trusts().list(true).isEmpty()) {
                    throw new IllegalStateException("no trust");
                }
            }
            long t2 = System.nanoTime();
            if (i >= 0) {
                verify.add(t1 - t0);
                list.add(t2 - t1);
            }
        }
        System.out.println(String.format(Locale.ROOT, "%s verify %.1f list %.1f", args.length > 3 ? args[3] : "", median(verify), median(list)));
    }

    private static double median(List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        s.sort(null);
        return s.get(s.size() / 2) / 1e6;
    }

    private static void make(StoreLocation loc, Path dir, int entries) throws Exception {
        Files.createDirectories(dir);
        try (AppContext ctx = AppContext.open(loc)) {
            ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
            ctx.spaces().create("Prod Space", "", KeyAlgorithm.EC_P256);
            ctx.trusts().add("Prod Space", "DevTest Space", TrustKind.RELEASE_BUNDLES);
            ctx.environments().create("DevTest Space", "Test", "");
            ctx.lifecycles().create("DevTest Space", new LifecycleDraft("Main", "", true, List.of(
                    new PhaseDraft("Test", List.of("Test"), List.of(), List.of(), ProgressionRule.ALL),
                    new PhaseDraft("Production", List.of(), List.of(), List.of("Prod Space"), ProgressionRule.ALL))));
            ctx.projects().create("DevTest Space", new ProjectDraft("Web", "", "Main",
                    List.of(new DeploymentStep("Deploy", "Deploy a package", Map.of(), Scope.ALL, List.of(new PackageReference("Acme.Web")))),
                    List.of(), List.of(), List.of()));
            ctx.releases().create("DevTest Space", "Web", "1.0.0", "First", null, List.of(new PackageVersion("Acme.Web", "1.0.0", "ab".repeat(32))));
            ctx.deployments().deploy("DevTest Space", "Web", "1.0.0", "Test", true); // the phase before the promotion (decision 0045)
            for (int i = 0; ctx.store().read(tx -> tx.audit().lastSeq()) < entries; i++) {
                ctx.environments().create("DevTest Space", "Env " + i, "");
            }
            ctx.bundles().create("DevTest Space", "Web", "1.0.0", "Prod Space", dir.resolve("web.odcmbundle"), 30, false);
            System.out.println("made " + ctx.store().read(tx -> tx.audit().lastSeq()) + " audit entries at " + Instant.now());
        }
    }
}
