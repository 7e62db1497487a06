package odcm.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import odcm.app.graph.GraphLayout;
import odcm.app.graph.LifecycleLayout;
import odcm.app.graph.PngRenderer;
import odcm.app.graph.Shapes;
import odcm.app.graph.SvgRenderer;
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

/**
 * The composite lifecycle graph at size: 20 spaces × 50 environments (5 phases of 10 in each space), chained by
 * promotions, so 1,000 environments and 100 phases. Times ELK layout, SVG and PNG drawing, Graphviz dot on the
 * same graph, and the console's frame time while panning (headless Monocle). Not a test: run it with
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
        System.out.printf("ODCM lifecycle graph benchmark; JVM %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        CompositeLifecycle c = time("compose (model)", runs, LifecycleGraphBench::composite);
        long environments = c.nodes().stream().filter(n -> n.phaseId() != null).count();
        System.out.printf("graph: %d spaces, %d phases, %d environments, %d edges%n", c.groups().size(), c.nodes().size() - environments,
                environments, c.edges().size());
        GraphLayout layout = time("ELK layered layout", runs, () -> LifecycleLayout.layout(c));
        String svg = time("SVG drawing (text)", runs, () -> SvgRenderer.render(layout, "bench"));
        time("PNG drawing (Java2D, 1x, no encoding)", runs, () -> PngRenderer.render(layout, 1));
        byte[] png = time("PNG drawing + encoding (1x)", Math.max(3, runs / 2), () -> PngRenderer.png(layout, 1));
        Files.writeString(out.resolve("graph-1000.svg"), svg, StandardCharsets.UTF_8);
        Files.write(out.resolve("graph-1000.png"), png);
        System.out.printf("picture: %.0f x %.0f; SVG %d kB, PNG %d kB (in %s)%n", layout.width(), layout.height(), svg.length() / 1024,
                png.length / 1024, out);

        Path dot = out.resolve("graph-1000.dot");
        Files.writeString(dot, Dot.of(c), StandardCharsets.UTF_8);
        graphviz(dot, out.resolve("graph-1000-dot.svg"), Math.max(3, runs / 2));

        frames(c, Math.max(60, runs * 6));
        TIMINGS.print();
        Platform.exit();
    }

    static CompositeLifecycle composite() {
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

    private static void graphviz(Path dot, Path svg, int runs) throws IOException, InterruptedException {
        try {
            new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            System.out.println("Graphviz dot is not installed: skipped (bench/lifecycle-graph.sh installs it).");
            TIMINGS.skipped("Graphviz dot -Tsvg (whole process)");
            return;
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder("dot", "-Tsvg", dot.toString(), "-o", svg.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("dot failed");
            }
            nanos[i] = System.nanoTime() - t;
        }
        row("Graphviz dot -Tsvg (whole process)", nanos);
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
