package odcm.app.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import odcm.app.service.AppContext;
import odcm.app.service.BundleChecks;
import odcm.app.service.BundleService;
import odcm.model.Secret;
import odcm.model.cert.CertificateFormat;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;

/**
 * Release bundles at size, beside {@code openssl cms}: a release of 10,000 variables (1,000 sensitive), 1,000 steps and
 * 500 packages, promoted from DevTest Space (network A's store) to Prod Space (network B's), both throw-away stores.
 * Each round makes a new release (not timed), then in turn: ours {@code bundle create} (in-process, the service the
 * command calls), openssl sign + encrypt of the same payload (whole processes); ours {@code bundle verify}, openssl
 * verify + decrypt; ours {@code bundle import}, openssl verify + decrypt. The payload is the bundle's own bytes: the
 * signed JSON parts (concatenated) and the secrets' plaintext. Also printed, not compared: the median of the release
 * create before each round, which makes the release's bundle parts once (decision 0030), and the first round on its own
 * line: what a console's first bundle of a session costs, before the JIT warmed up. The header names the JVM's flags:
 * {@code bench/bundle.sh} runs it with the console's (decision 0062). Not a test: run it with {@code bench/bundle.sh}.
 * Usage: BundleBench [RUNS] [WORKDIR] [ec|rsa]
 */
public final class BundleBench {
    static final String DEV = "DevTest Space";
    static final String PROD = "Prod Space";
    static final int VARIABLES = 10_000;
    static final int STEPS = 1_000;
    static final int PACKAGES = 500;
    private static final int WARM_UP = 3;

    private BundleBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "app/target/bench")).resolve("bundle");
        KeyAlgorithm alg = KeyAlgorithm.parse(args.length > 2 ? args[2] : "ec");
        deleteTree(dir);
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "ODCM bundle benchmark: %d variables, %d steps, %d packages, %s keys; JVM %s, %d cores%n", VARIABLES,
                STEPS, PACKAGES, alg, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        // bench/bundle.sh says whose flags these are in bench.jvm (decision 0062).
        List<String> flags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(f -> !f.startsWith("-Dbench.jvm=")).toList();
        System.out.printf("JVM flags (%s): %s%n", System.getProperty("bench.jvm", "as given"),
                flags.isEmpty() ? "none, the JVM's defaults (both compilers)" : String.join(" ", flags));
        try (AppContext a = AppContext.open(new StoreLocation(dir.resolve("a/store"), dir.resolve("a/keys")));
             AppContext b = AppContext.open(new StoreLocation(dir.resolve("b/store"), dir.resolve("b/keys")))) {
            setUp(a, b, alg);
            Files.write(dir.resolve("source.pem"), a.spaces().certificate(DEV, CertificateFormat.PEM));
            Files.write(dir.resolve("target.pem"), b.spaces().certificate(PROD, CertificateFormat.PEM));
            Files.writeString(dir.resolve("source-key.pem"), pem(a, DEV));
            Files.writeString(dir.resolve("target-key.pem"), pem(b, PROD));
            String[] encryptOptions = alg == KeyAlgorithm.RSA_3072
                    ? new String[] {"-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"} : new String[0];

            long[][] t = new long[6][runs];
            long[] first = new long[6]; // the first round, in a fresh JVM: ours and openssl per case
            long[] freeze = new long[runs];
            long[] importCpu = new long[runs];
            long[] createCpu = new long[runs];
            long[] createThreadCpu = new long[runs];
            long[] createAllocated = new long[runs];
            long[] importThreadCpu = new long[runs];
            long[] importAllocated = new long[runs];
            for (int round = -WARM_UP; round < runs; round++) {
                String version = "1.0." + (round + WARM_UP);
                long f0 = System.nanoTime();
                a.releases().create(DEV, "Big", version, "bench", null, packages());
                if (round >= 0) {
                    freeze[round] = System.nanoTime() - f0;
                }
                Path file = dir.resolve("big-" + version + ".odcmbundle");
                a.deployments().deploy(DEV, "Big", version, "Development", true); // the phases before the promotion (decision 0045)
                a.deployments().deploy(DEV, "Big", version, "Test", true);

                long cc0 = cpu();
                long ct0 = THREADS.getCurrentThreadCpuTime();
                long ca0 = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                long t0 = System.nanoTime();
                a.bundles().create(DEV, "Big", version, PROD, file, 30, true);
                long ours = System.nanoTime() - t0;
                if (round >= 0) {
                    createCpu[round] = cpu() - cc0;
                    createThreadCpu[round] = THREADS.getCurrentThreadCpuTime() - ct0;
                    createAllocated[round] = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - ca0;
                }
                if (round == -WARM_UP) {
                    payload(dir, file);
                }
                long peer = openssl(dir, "cms", "-sign", "-binary", "-md", "sha256", "-in", "payload.bin", "-signer", "source.pem",
                        "-inkey", "source-key.pem", "-outform", "DER", "-out", "payload.sig")
                        + openssl(dir, concat(new String[] {"cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", "secrets.json",
                        "-recip", "target.pem", "-outform", "DER", "-out", "secrets.cms"}, encryptOptions));
                record(t, first, 0, round, ours, peer);

                t0 = System.nanoTime();
                if (!b.bundles().verify(PROD, file).genuine()) {
                    throw new IllegalStateException("our bundle does not verify");
                }
                ours = System.nanoTime() - t0;
                record(t, first, 2, round, ours, opensslVerifyDecrypt(dir));

                long c0 = cpu();
                long th0 = THREADS.getCurrentThreadCpuTime();
                long al0 = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                t0 = System.nanoTime();
                var imported = b.imports().importBundle(PROD, BundleService.readBundle(file), "Prod", Map.of());
                ours = System.nanoTime() - t0;
                if (round >= 0) {
                    importCpu[round] = cpu() - c0;
                    importThreadCpu[round] = THREADS.getCurrentThreadCpuTime() - th0;
                    importAllocated[round] = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - al0;
                }
                if (!imported.imported()) {
                    throw new IllegalStateException(imported.sentence());
                }
                record(t, first, 4, round, ours, opensslVerifyDecrypt(dir));
                Files.delete(file);
            }
            System.out.printf(Locale.ROOT, "bundle %d KiB: JSON parts %d KiB, secrets plaintext %d KiB (in %s)%n",
                    Files.size(dir.resolve("payload.bin")) / 1024 + Files.size(dir.resolve("secrets.json")) / 1024 + 2,
                    Files.size(dir.resolve("payload.bin")) / 1024, Files.size(dir.resolve("secrets.json")) / 1024, dir);
            System.out.println();
            System.out.printf("%-10s %14s %16s %8s   (%d runs after %d warm-up, alternately)%n", "case", "ours (median)",
                    "openssl (median)", "ratio", runs, WARM_UP);
            String[] names = {"create", "verify", "import"};
            for (int c = 0; c < 3; c++) {
                double ours = median(t[2 * c]);
                double peer = median(t[2 * c + 1]);
                System.out.printf(Locale.ROOT, "%-10s %11.1f ms %13.1f ms %8.2f%n", names[c], ours, peer, ours / peer);
            }
            System.out.printf(Locale.ROOT, "%-10s %s   (the first round, in a fresh JVM: ours / openssl)%n", "first", String.join(", ",
                    java.util.stream.IntStream.range(0, 3).mapToObj(c -> String.format(Locale.ROOT, "%s %.1f / %.1f ms", names[c],
                            first[2 * c] / 1e6, first[2 * c + 1] / 1e6)).toList()));
            // Not compared: release create freezes the release and makes its bundle parts once (decision 0030).
            System.out.printf(Locale.ROOT, "%-10s %11.1f ms   (release create before each round, ours only)%n", "freeze", median(freeze));
            // The machine may be loaded: the process CPU time per import (all threads, GC and JIT included) is steadier than its wall time.
            System.out.printf(Locale.ROOT, "%-10s %11.1f ms   (process CPU per create, median)%n", "create CPU", median(createCpu));
            System.out.printf(Locale.ROOT, "%-10s %11.1f ms   (process CPU per import, median)%n", "import CPU", median(importCpu));
            // Steadier still on a shared machine: the creating and importing thread's own CPU time and what it allocated (GC
            // work follows it; a create's file is synced on a thread of its own, not counted here).
            System.out.printf(Locale.ROOT, "%-10s %11.1f ms   (the creating thread's CPU per create, median)%n", "create thr", median(createThreadCpu));
            System.out.printf(Locale.ROOT, "%-10s %11.1f MB   (allocated by the creating thread per create, median)%n", "create mem",
                    median(createAllocated));
            System.out.printf(Locale.ROOT, "%-10s %11.1f ms   (the importing thread's CPU per import, median)%n", "import thr", median(importThreadCpu));
            System.out.printf(Locale.ROOT, "%-10s %11.1f MB   (allocated by the importing thread per import, median)%n", "import mem",
                    median(importAllocated)); // median() divides by a million: bytes to MB
        }
    }

    private static void record(long[][] t, long[] first, int row, int round, long ours, long peer) {
        if (round == -WARM_UP) {
            first[row] = ours;
            first[row + 1] = peer;
        }
        if (round >= 0) {
            t[row][round] = ours;
            t[row + 1][round] = peer;
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long opensslVerifyDecrypt(Path dir) throws IOException, InterruptedException {
        return openssl(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "payload.sig", "-content", "payload.bin", "-certfile",
                "source.pem", "-nointern", "-noverify", "-out", "/dev/null")
                + openssl(dir, "cms", "-decrypt", "-inform", "DER", "-in", "secrets.cms", "-inkey", "target-key.pem", "-recip", "target.pem",
                "-out", "/dev/null");
    }

    /** DevTest (network A) promotes to Prod (network B), which trusts it; Big: 10,000 variables, 1,000 steps, 20 templates. */
    static void setUp(AppContext a, AppContext b, KeyAlgorithm alg) {
        a.spaces().create(DEV, "", alg);
        b.spaces().create(PROD, "", alg);
        byte[] devCert = a.spaces().certificate(DEV, CertificateFormat.PEM);
        byte[] prodCert = b.spaces().certificate(PROD, CertificateFormat.PEM);
        a.remotes().add(PROD, "", prodCert, a.remotes().preview(prodCert).info().fingerprint().hex());
        b.remotes().add(DEV, "", devCert, b.remotes().preview(devCert).info().fingerprint().hex());
        b.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
        a.environments().create(DEV, "Development", "");
        a.environments().create(DEV, "Test", "");
        a.environments().createRemote(DEV, PROD, "Production");
        a.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                new PhaseDraft("Dev", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Test", List.of("Test"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Production", List.of(), List.of(PROD + ": Production"), List.of(PROD), ProgressionRule.ALL))));
        b.environments().create(PROD, "Staging", "");
        b.environments().create(PROD, "Production", "");
        b.lifecycles().create(PROD, new LifecycleDraft("Prod", "", true, List.of(
                new PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Production", List.of("Production"), List.of(), List.of(), ProgressionRule.ALL))));
        a.projects().create(DEV, project());
    }

    static ProjectDraft project() {
        String[] scopes = {"Development", "Test", PROD + ": Production"};
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < VARIABLES; i++) {
            boolean sensitive = i % 10 == 0;
            variables.add(new Variable("Var" + i, (sensitive ? "secret-" : "value-") + i + "-" + Integer.toHexString(i * 7919),
                    sensitive, sensitive ? Scope.of(List.of(scopes[2])) : i % 4 == 0 ? Scope.ALL : Scope.of(List.of(scopes[i % 3]))));
        }
        List<DeploymentStep> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("Role", "web-" + i % 10);
            p.put("Script", "echo step " + i + "\nsystemctl restart web-" + i % 10 + "\ncurl -f http://localhost/health\n");
            steps.add(new DeploymentStep("Step " + i, "Run a script", p, i % 5 == 0 ? Scope.of(List.of("Test")) : Scope.ALL,
                    List.of(new PackageReference("Pkg" + i % PACKAGES))));
        }
        List<VariableTemplate> templates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            templates.add(new VariableTemplate("Setting" + i, "Setting " + i, "", TemplateType.SINGLE_LINE, List.of(), false, "default-" + i));
        }
        return new ProjectDraft("Big", "", "Main", steps, variables, templates, List.of());
    }

    static List<PackageVersion> packages() {
        List<PackageVersion> out = new ArrayList<>();
        for (int i = 0; i < PACKAGES; i++) {
            out.add(new PackageVersion("Pkg" + i, "1.0." + i, String.format(Locale.ROOT, "%064x", i * 104729L)));
        }
        return out;
    }

    /** payload.bin: the bundle's JSON parts; secrets.json: the plaintext of its secrets.cms (decrypted once by openssl). */
    private static void payload(Path dir, Path bundle) throws IOException, InterruptedException {
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(bundle)))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                if (e.getName().endsWith(".json")) {
                    json.write(bytes);
                } else if (e.getName().equals("secrets.cms")) {
                    Files.write(dir.resolve("secrets.cms"), bytes);
                }
            }
        }
        Files.write(dir.resolve("payload.bin"), json.toByteArray());
        openssl(dir, "cms", "-decrypt", "-inform", "DER", "-in", "secrets.cms", "-inkey", "target-key.pem", "-recip", "target.pem",
                "-out", "secrets.json");
    }

    /** Runs openssl in {@code dir} as a whole process; the nanoseconds from start to exit. */
    private static long openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(Arrays.asList(args));
        long t = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl failed: " + String.join(" ", cmd));
        }
        return System.nanoTime() - t;
    }

    private static String pem(AppContext ctx, String space) {
        try (Secret key = ctx.store().read(tx -> BundleChecks.privateKey(ctx.store(), tx, tx.spaces().findByName(space).orElseThrow()))) {
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.reveal()) + "\n-----END PRIVATE KEY-----\n";
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
