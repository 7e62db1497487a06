package odcm.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import odcm.app.cli.Cli;
import odcm.app.graph.GraphLayout;
import odcm.app.graph.LifecycleLayout;
import odcm.app.graph.PngRenderer;
import odcm.app.graph.Shapes;
import odcm.app.graph.SvgRenderer;
import odcm.app.service.AppContext;
import odcm.app.ui.Theme;
import odcm.app.ui.common.Css;
import odcm.app.ui.graph.LifecycleGraphView;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.Node;
import odcm.model.space.Space;
import odcm.persistence.StoreLocation;

/**
 * The composite lifecycle graph at size: 20 spaces × 50 environments (5 phases of 10 in each space), chained by
 * promotions, so 1,000 environments and 100 phases. Times ELK layout, SVG and PNG drawing; beside Graphviz
 * {@code dot -Tsvg} on the same graph (a whole process, run in turn with ours): layout + SVG file in memory,
 * {@code lifecycle render} through the command line in this process on a real store holding that graph, and, given
 * the path of {@code ./odcm}, as a whole process; and the console's frame time while panning (headless Monocle). Not a test: run it with
 * {@code bench/lifecycle-graph.sh}; see docs/benchmarks.md.
 */
public final class LifecycleGraphBench {
    static final int SPACES = 20;
    static final int PHASES = 5;
    static final int PER_PHASE = 10;
    private static final Timings TIMINGS = new Timings();

    private LifecycleGraphBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "app/target/bench"));
        Path launcher = args.length > 2 ? Path.of(args[2]) : null; // ./odcm, for the whole-process case
        System.out.printf("ODCM lifecycle graph benchmark; JVM %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        CompositeLifecycle c = time("compose (model)", runs, LifecycleGraphBench::composite);
        long environments = c.nodes().stream().filter(n -> n.phaseId() != null).count();
        System.out.printf("graph: %d spaces, %d phases, %d environments, %d edges%n", c.groups().size(), c.nodes().size() - environments,
                environments, c.edges().size());
        Path dot = out.resolve("graph-1000.dot");
        Files.writeString(dot, Dot.of(c), StandardCharsets.UTF_8);
        Path dotSvg = out.resolve("graph-1000-dot.svg");
        boolean graphviz = graphviz();
        Runnable peer = () -> process(Map.of(), "dot", "-Tsvg", dot.toString(), "-o", dotSvg.toString());

        GraphLayout layout = time("ELK layered layout", runs, () -> LifecycleLayout.layout(c));
        String svg = time("SVG drawing (text)", runs, () -> SvgRenderer.render(layout, "bench"));
        time("PNG drawing (Java2D, 1x, no encoding)", runs, () -> PngRenderer.render(layout, 1));
        byte[] png = time("PNG drawing + encoding (1x)", Math.max(3, runs / 2), () -> PngRenderer.png(layout, 1));
        Files.writeString(out.resolve("graph-1000.svg"), svg, StandardCharsets.UTF_8);
        Files.write(out.resolve("graph-1000.png"), png);
        System.out.printf("picture: %.0f x %.0f; SVG %d kB, PNG %d kB (in %s)%n", layout.width(), layout.height(), svg.length() / 1024,
                png.length / 1024, out);
        if (graphviz) {
            Path ours = out.resolve("graph-1000-ours.svg");
            versus("layout + SVG file (in-process)", runs, () -> {
                try {
                    odcm.app.graph.GraphFiles.write(LifecycleLayout.layout(c), "bench", ours);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return ours;
            }, peer);

            // What the user runs: `lifecycle render` on a real store holding the same graph.
            Path dir = Files.createTempDirectory("odcm-graph-bench");
            Map<String, String> env = Map.of("ODCM_STORE", dir.resolve("store").toString(), "ODCM_KEY_DIR", dir.resolve("keys").toString());
            store(dir, env);
            String[] command = {"lifecycle", "render", "--space", "Space 1", "--project", "Web", "--out", out.resolve("graph-1000-cli.svg").toString()};
            versus("CLI lifecycle render in-process (warm)", runs, () -> {
                int exit = Cli.execute(command, new PrintWriter(Writer.nullWriter()), new PrintWriter(System.err, true), env);
                if (exit != 0) {
                    throw new IllegalStateException("lifecycle render exited " + exit);
                }
                return exit;
            }, peer);
            if (launcher != null) {
                List<String> whole = new ArrayList<>(List.of(launcher.toString()));
                whole.addAll(List.of(command));
                versus("./odcm lifecycle render (whole process)", Math.max(3, runs / 2), () -> process(env, whole.toArray(String[]::new)), peer);
            }
        }

        frames(c, Math.max(60, runs * 6));
        TIMINGS.print();
        Platform.exit();
    }

    public static CompositeLifecycle composite() {
        Shapes o = new Shapes();
        List<Space> spaces = new ArrayList<>();
        for (int s = 0; s < SPACES; s++) {
            spaces.add(o.local("Space " + (s + 1)));
        }
        Lifecycle first = null;
        for (int s = 0; s < SPACES; s++) {
            Phase[] phases = new Phase[PHASES];
            for (int p = 0; p < PHASES; p++) {
                List<PhaseMember> members = new ArrayList<>();
                for (int e = 0; e < PER_PHASE; e++) {
                    members.add(Shapes.env("S" + (s + 1) + " env " + (p * PER_PHASE + e + 1)));
                }
                if (p == PHASES - 1 && s + 1 < SPACES) {
                    members.add(Shapes.promote(spaces.get(s + 1)));
                    o.accepts(spaces.get(s + 1), spaces.get(s));
                }
                phases[p] = Shapes.phase("Phase " + (p + 1), members.toArray(PhaseMember[]::new));
            }
            Lifecycle l = o.lifecycle(spaces.get(s), "Lifecycle " + (s + 1), true, phases);
            if (first == null) {
                first = l;
            }
        }
        o.project(spaces.get(0), "Web", first);
        return o.compose(spaces.get(0), "Web");
    }

    private static boolean graphviz() {
        try {
            new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor();
            return true;
        } catch (IOException | InterruptedException e) {
            System.out.println("Graphviz dot is not installed: skipped (bench/lifecycle-graph.sh installs it).");
            TIMINGS.skipped("Graphviz dot -Tsvg (whole process)");
            return false;
        }
    }

    private static Integer process(Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over two minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue());
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same graph in a real store, as a user makes it: 20 spaces, each trusting the one before it for bundles,
     * and one {@code odcm apply} document per space (its 50 environments and its default lifecycle of 5 phases, the
     * last promoting to the next space); the project "Web" in the first space.
     */
    private static void store(Path dir, Map<String, String> env) throws IOException {
        try (AppContext ctx = AppContext.open(new StoreLocation(dir.resolve("store"), dir.resolve("keys")))) {
            for (int s = 1; s <= SPACES; s++) {
                ctx.spaces().create("Space " + s, "", odcm.packaging.cert.KeyAlgorithm.EC_P256);
            }
            for (int s = 2; s <= SPACES; s++) {
                ctx.trusts().add("Space " + s, "Space " + (s - 1), odcm.model.trust.TrustKind.RELEASE_BUNDLES);
            }
        }
        for (int s = 1; s <= SPACES; s++) {
            StringBuilder doc = new StringBuilder("{\"space\": \"Space " + s + "\", \"environments\": [");
            for (int e = 1; e <= PHASES * PER_PHASE; e++) {
                doc.append(e > 1 ? ", " : "").append("{\"name\": \"S").append(s).append(" env ").append(e).append("\"}");
            }
            doc.append("], \"lifecycles\": [{\"name\": \"Lifecycle ").append(s).append("\", \"default\": true, \"phases\": [");
            for (int p = 0; p < PHASES; p++) {
                doc.append(p > 0 ? ", " : "").append("{\"name\": \"Phase ").append(p + 1).append("\", \"environments\": [");
                for (int e = 0; e < PER_PHASE; e++) {
                    doc.append(e > 0 ? ", " : "").append("\"S").append(s).append(" env ").append(p * PER_PHASE + e + 1).append('"');
                }
                doc.append(']').append(p == PHASES - 1 && s < SPACES ? ", \"promotions\": [\"Space " + (s + 1) + "\"]" : "").append('}');
            }
            doc.append("]}]").append(s == 1 ? ", \"projects\": [{\"name\": \"Web\", \"lifecycle\": \"Lifecycle 1\"}]" : "").append('}');
            Path file = Files.writeString(dir.resolve("space-" + s + ".json"), doc, StandardCharsets.UTF_8);
            int exit = Cli.execute(new String[] {"apply", file.toString()}, new PrintWriter(Writer.nullWriter()), new PrintWriter(System.err, true), env);
            if (exit != 0) {
                throw new IllegalStateException("apply of space " + s + " exited " + exit);
            }
        }
    }

    /**
     * Frame time while panning: on the FX thread, each frame moves the drawing by 7 px ({@code panBy}, a translate),
     * then {@code scene.snapshot(null)}, which runs the CSS and layout pass and renders the whole scene with the
     * software pipeline into an image, which is what one pulse of a real window does (less the copy to the screen).
     */
    private static void frames(CompositeLifecycle c, int frames) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false); // closing the first window must not end the FX thread
        for (boolean fit : new boolean[] {true, false}) {
            long[] nanos = onFx(() -> {
                Theme.apply();
                LifecycleGraphView view = new LifecycleGraphView(new SameThreadTaskRunner(), null);
                Stage stage = new Stage();
                Scene scene = new Scene(view, 1280, 800);
                scene.getStylesheets().add(Css.stylesheet());
                stage.setScene(scene);
                stage.show();
                view.setComposite(c);
                if (!fit) {
                    view.zoomIn();
                    while (view.zoom() < 1) {
                        view.zoomIn();
                    }
                }
                for (int i = 0; i < 5; i++) {
                    scene.snapshot(null);
                }
                long[] n = new long[frames];
                for (int i = 0; i < frames; i++) {
                    long t = System.nanoTime();
                    view.panBy(i % 40 < 20 ? 7 : -7, 3 * (i % 2 == 0 ? 1 : -1));
                    scene.snapshot(null);
                    n[i] = System.nanoTime() - t;
                }
                stage.close();
                return n;
            });
            row(String.format(Locale.ROOT, "JavaFX pan frame, %s (1280x800)", fit ? "whole graph fitted" : "zoom >= 100%"), nanos);
        }
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(10, TimeUnit.MINUTES);
    }

    private static <T> T time(String what, int runs, Supplier<T> action) {
        return TIMINGS.time(what, runs, action);
    }

    private static <T> T versus(String what, int runs, Supplier<T> ours, Runnable peer) {
        return TIMINGS.versus(what, runs, what.contains("whole process") ? 1 : Math.max(10, runs), ours, "dot -Tsvg", peer);
    }

    private static void row(String what, long[] nanos) {
        TIMINGS.row(what, nanos);
    }

    /** The same graph for Graphviz: a cluster per space, a box per phase listing its environments, the same edges. */
    static final class Dot {
        static String of(CompositeLifecycle c) {
            StringBuilder b = new StringBuilder("digraph lifecycle {\n  rankdir=LR; compound=true; splines=ortho;\n"
                    + "  node [shape=box, style=rounded, fontname=\"DejaVu Sans\", fontsize=12];\n");
            for (CompositeLifecycle.SpaceGroup g : c.groups()) {
                b.append("  subgraph \"cluster_").append(g.id()).append("\" {\n    label=\"").append(q(g.spaceName())).append("\\n")
                        .append(q(g.lifecycleName())).append("\";\n");
                for (Node p : c.phases(g.id())) {
                    b.append("    \"").append(p.id()).append("\" [label=\"").append(q(p.label())).append("\\n").append(q(p.detail())).append("\\n");
                    c.members(p.id()).forEach(m -> b.append(q(m.label())).append("\\l"));
                    b.append("\"];\n");
                }
                b.append("  }\n");
            }
            for (CompositeLifecycle.Edge e : c.edges()) {
                b.append("  \"").append(e.from()).append("\" -> \"").append(e.to()).append('"');
                if (e.kind() == CompositeLifecycle.EdgeKind.PROMOTION) {
                    b.append(" [xlabel=\"bundle\", penwidth=3]");
                } else if (e.kind() == CompositeLifecycle.EdgeKind.CONTINUES) {
                    b.append(" [style=dashed, constraint=false]");
                }
                b.append(";\n");
            }
            return b.append("}\n").toString();
        }

        private static String q(String s) {
            return s.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
