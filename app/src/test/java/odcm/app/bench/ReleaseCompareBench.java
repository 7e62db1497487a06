package odcm.app.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import odcm.app.cli.Cli;
import odcm.app.compare.ComparisonReport;
import odcm.app.service.AppContext;
import odcm.model.compare.ReleaseDiff;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import odcm.persistence.StoreLocation;

/**
 * Release comparison at size: two releases of 10,000 variables, 1,000 steps (each with a 6-line script) and 500
 * packages, with a few hundred changes of every kind in between. Times, each beside GNU {@code diff -u} (a whole
 * process) on the same two releases written as canonical text, run in turn: the model's diff with each renderer in
 * memory; the two releases read from a real H2 store and diffed; {@code release diff} through the command line in
 * this process; and, given the path of {@code ./odcm}, as a whole process. Not a test: run it with {@code bench/release-compare.sh};
 * see docs/benchmarks.md.
 */
public final class ReleaseCompareBench {
    static final int VARIABLES = 10_000;
    static final int STEPS = 1_000;
    static final int PACKAGES = 500;
    private static final Timings TIMINGS = new Timings();

    private ReleaseCompareBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "app/target/bench"));
        Path launcher = args.length > 2 ? Path.of(args[2]) : null; // ./odcm, for the whole-process case
        System.out.printf("ODCM release comparison benchmark; JVM %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        ReleaseSnapshot a = snapshot(0);
        ReleaseSnapshot b = snapshot(1);
        ReleaseDiff.Side from = new ReleaseDiff.Side("1.0.0", "Default", java.time.Instant.EPOCH, "");
        ReleaseDiff.Side to = new ReleaseDiff.Side("1.1.0", "Default", java.time.Instant.EPOCH, "");

        Path ta = out.resolve("release-a.txt");
        Path tb = out.resolve("release-b.txt");
        Files.writeString(ta, canonical(a), StandardCharsets.UTF_8);
        Files.writeString(tb, canonical(b), StandardCharsets.UTF_8);
        System.out.printf("canonical text: %d kB and %d kB, %d lines each; %d packages%n", Files.size(ta) / 1024, Files.size(tb) / 1024,
                canonical(a).lines().count(), a.packages().size());
        String[] diffU = {"diff", "-u", ta.toString(), tb.toString()};
        Runnable peer = () -> process(diffU);

        // The first comparison in a fresh JVM (classes loaded, code interpreted): what the console's first Compare costs.
        long t0 = System.nanoTime();
        ComparisonReport.render(ReleaseDiff.of("Bench", from, a, to, b), ComparisonReport.Format.TEXT, true);
        TIMINGS.row("diff + render text, first call in a fresh JVM", new long[] {System.nanoTime() - t0});
        ReleaseDiff d = ReleaseDiff.of("Bench", from, a, to, b);
        System.out.println("summary: " + d.summary());
        for (ComparisonReport.Format f : ComparisonReport.Format.values()) {
            String report = ComparisonReport.render(d, f, true);
            Files.writeString(out.resolve("compare." + f.extension()), report, StandardCharsets.UTF_8);
            System.out.printf("%s: %d kB%n", f, report.length() / 1024);
        }
        inMemory(runs, () -> ReleaseDiff.of("Bench", from, a, to, b), peer);
        time("render text (everything)", Math.max(3, runs / 2), () -> ComparisonReport.render(d, ComparisonReport.Format.TEXT, false));
        time("render html (everything)", Math.max(3, runs / 2), () -> ComparisonReport.render(d, ComparisonReport.Format.HTML, false));

        // What the user runs: the two releases read from a real H2 store (hash checked, sensitive values opened).
        Path dir = Files.createTempDirectory("odcm-compare-bench");
        Map<String, String> env = Map.of("ODCM_STORE", dir.resolve("store").toString(), "ODCM_KEY_DIR", dir.resolve("keys").toString());
        store(dir, a, b);
        try (AppContext ctx = AppContext.open(new StoreLocation(dir.resolve("store"), dir.resolve("keys")))) {
            versus("store: read both + diff + text (warm)", runs, () -> ComparisonReport.render(
                    ctx.releases().compare(SPACE, PROJECT, "1.0.0", "1.1.0"), ComparisonReport.Format.TEXT, true), peer);
        }
        String[] command = {"release", "diff", "--space", SPACE, "--project", PROJECT, "1.0.0", "1.1.0"};
        versus("CLI in-process (opens the store, warm)", runs, () -> {
            int exit = Cli.execute(command, new PrintWriter(Writer.nullWriter()), new PrintWriter(System.err, true), env);
            if (exit != 0) {
                throw new IllegalStateException("release diff exited " + exit);
            }
            return exit;
        }, peer);
        if (launcher != null) {
            List<String> whole = new ArrayList<>(List.of(launcher.toString()));
            whole.addAll(List.of(command));
            versus("./odcm release diff (whole process)", Math.max(3, runs / 2), () -> process(env, whole.toArray(String[]::new)), peer);
        }
        time("/bin/true (process start alone)", runs, () -> process("true"));

        TIMINGS.print();
    }

    /**
     * The diff alone and the diff with each report, each beside {@code diff -u}, every case treated alike: warm-up
     * rounds, then timed rounds, each round running every case once and {@code diff -u} after each, so no case pays
     * the JIT's warm-up for the others or meets another load (in a fixed order, the first case did: decision 0023).
     * In-process and warm, as in a console in use; the first call in a fresh JVM is the row above. 3 × RUNS warm-up and
     * 3 × RUNS timed rounds (a round costs milliseconds).
     */
    private static void inMemory(int runs, Supplier<ReleaseDiff> diff, Runnable peer) {
        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        cases.put("diff (model, no report)", diff::get);
        for (ComparisonReport.Format f : ComparisonReport.Format.values()) {
            cases.put("diff + render " + f.name().toLowerCase(Locale.ROOT) + " (in-process)", () -> ComparisonReport.render(diff.get(), f, true));
        }
        for (int w = 0; w < 3 * runs; w++) {
            cases.values().forEach(ours -> {
                ours.get();
                peer.run();
            });
        }
        int timed = 3 * runs;
        Map<String, long[][]> nanos = new LinkedHashMap<>();
        cases.keySet().forEach(what -> nanos.put(what, new long[2][timed]));
        for (int i = 0; i < timed; i++) {
            for (Map.Entry<String, Supplier<Object>> c : cases.entrySet()) {
                long[][] n = nanos.get(c.getKey());
                long t = System.nanoTime();
                c.getValue().get();
                n[0][i] = System.nanoTime() - t;
                t = System.nanoTime();
                peer.run();
                n[1][i] = System.nanoTime() - t;
            }
        }
        nanos.forEach((what, n) -> TIMINGS.versusRow(what, n[0], "diff -u", n[1]));
    }

    public static final String SPACE = "Bench Space";
    public static final String PROJECT = "Web";

    /** A store with a space, a project and the two releases, inserted as the store freezes them (sealed values, hash). */
    public static void store(Path dir, ReleaseSnapshot a, ReleaseSnapshot b) {
        try (AppContext ctx = AppContext.open(new StoreLocation(dir.resolve("store"), dir.resolve("keys")))) {
            ctx.spaces().create(SPACE, "", odcm.packaging.cert.KeyAlgorithm.EC_P256);
            ctx.environments().create(SPACE, "Test", "");
            ctx.environments().create(SPACE, "Production", "");
            ctx.lifecycles().create(SPACE, new odcm.model.lifecycle.LifecycleDraft("Main", "", true,
                    List.of(new odcm.model.lifecycle.LifecycleDraft.PhaseDraft("Test", List.of("Test"), List.of(), List.of(), null))));
            ctx.projects().create(SPACE, new odcm.model.project.ProjectDraft(PROJECT, "", "Main", List.of(), List.of(), List.of(), List.of()));
            long project = ctx.projects().find(SPACE, PROJECT).id();
            ctx.store().write(tx -> {
                tx.releases().insert(project, "1.0.0", "", "Default", a, java.time.Instant.parse("2026-01-01T00:00:00Z"));
                return tx.releases().insert(project, "1.1.0", "", "Default", b, java.time.Instant.parse("2026-01-02T00:00:00Z"));
            });
        }
    }

    /** Release 0, or release 1 with changes: every 50th variable's value, every 200th scope, 1% of steps' scripts, 20 steps moved, some added/removed. */
    public static ReleaseSnapshot snapshot(int version) {
        List<DeploymentStep> steps = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            if (version == 1 && i % 250 == 7) {
                continue; // removed
            }
            Map<String, String> p = new LinkedHashMap<>();
            p.put("Role", "web-" + (i % 10));
            p.put("Timeout", version == 1 && i % 97 == 0 ? "120" : "60");
            StringBuilder script = new StringBuilder();
            for (int l = 0; l < 6; l++) {
                script.append("run step ").append(i).append(" part ").append(l).append(version == 1 && i % 100 == 3 && l == 2 ? " --fast" : "").append('\n');
            }
            p.put("Script", script.toString());
            steps.add(new DeploymentStep("Step " + i, "Octopus.Script", p, i % 3 == 0 ? Scope.of(List.of("Test")) : Scope.ALL,
                    i % 2 == 0 ? List.of(new PackageReference("Pkg." + i / 2)) : List.of()));
        }
        if (version == 1) {
            for (int k = 0; k < 20; k++) { // move 20 steps to the end
                steps.add(steps.remove(k * 40));
            }
            for (int k = 0; k < 5; k++) {
                steps.add(k * 100, new DeploymentStep("New step " + k, "Octopus.Script", Map.of("Script", "echo new\n"), Scope.ALL, List.of()));
            }
        }
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < VARIABLES; i++) {
            if (version == 1 && i % 500 == 11) {
                continue;
            }
            String scope = version == 1 && i % 200 == 5 ? "Production" : i % 4 == 0 ? "Test" : "";
            String value = "value-" + i + (version == 1 && i % 50 == 0 ? "-changed" : "");
            variables.add(new Variable("Var" + i, value, i % 25 == 0, scope.isEmpty() ? Scope.ALL : Scope.of(List.of(scope))));
        }
        if (version == 1) {
            for (int k = 0; k < 20; k++) {
                variables.add(new Variable("Added" + k, "x" + k, false, Scope.ALL));
            }
        }
        List<VariableTemplate> templates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            templates.add(new VariableTemplate("Template" + i, "Template " + i, "help", TemplateType.SINGLE_LINE, List.of(), version == 1 && i % 10 == 0, ""));
        }
        List<PackageVersion> packages = new ArrayList<>();
        for (int i = 0; i < PACKAGES; i++) {
            packages.add(new PackageVersion("Pkg." + i, version == 1 && i % 4 == 0 ? "1.1.0" : "1.0.0",
                    String.format(Locale.ROOT, "%064x", (long) i * 7919 + (version == 1 && i % 4 == 0 ? 1 : 0))));
        }
        return new ReleaseSnapshot(steps, variables, templates, packages);
    }

    /** The same content as text, one fact per line, in release order: what a person would diff by hand. */
    static String canonical(ReleaseSnapshot s) {
        StringBuilder sb = new StringBuilder();
        for (DeploymentStep st : s.process()) {
            sb.append("step ").append(st.name()).append(" | ").append(st.actionType()).append(" | scope ").append(st.scope()).append('\n');
            st.properties().forEach((k, v) -> v.lines().forEach(line -> sb.append("  ").append(k).append(": ").append(line).append('\n')));
        }
        for (Variable v : s.variables()) {
            sb.append("variable ").append(v.name()).append(" [").append(v.scope()).append("] = ").append(v.shownValue()).append('\n');
        }
        for (VariableTemplate t : s.templates()) {
            sb.append("template ").append(t.name()).append(" | ").append(t.label()).append(" | ").append(t.type().words()).append(" | ")
                    .append(t.mandatory()).append('\n');
        }
        for (PackageVersion p : s.packages()) {
            sb.append("package ").append(p.packageId()).append(' ').append(p.version()).append(' ').append(p.sha256()).append('\n');
        }
        return sb.toString();
    }

    private static Integer process(String... command) {
        return process(Map.of(), command);
    }

    private static Integer process(Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over a minute");
            }
            return p.exitValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T time(String what, int runs, Supplier<T> action) {
        return TIMINGS.time(what, runs, action);
    }

    private static <T> T versus(String what, int runs, Supplier<T> ours, Runnable peer) {
        return TIMINGS.versus(what, runs, what.contains("whole process") ? 1 : Math.max(10, runs), ours, "diff -u", peer);
    }
}
