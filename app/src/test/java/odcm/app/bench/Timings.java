package odcm.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The benchmarks' timing: 2 warm-up runs, then the median and 90th percentile of the timed runs, and the table at the end. */
final class Timings {
    private final List<String[]> rows = new ArrayList<>();

    <T> T time(String what, int runs, Supplier<T> action) {
        T result = null;
        for (int i = 0; i < 2; i++) {
            result = action.get(); // warm-up
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            result = action.get();
            nanos[i] = System.nanoTime() - t;
        }
        row(what, nanos);
        return result;
    }

    void row(String what, long[] nanos) {
        Arrays.sort(nanos);
        String[] r = {what, String.format(Locale.ROOT, "%.1f ms", nanos[nanos.length / 2] / 1e6),
                String.format(Locale.ROOT, "%.1f ms", nanos[Math.min(nanos.length - 1, nanos.length * 9 / 10)] / 1e6)};
        rows.add(r);
        System.out.printf("%-44s %10s median, %10s p90 (%d runs)%n", r[0], r[1], r[2], nanos.length);
    }

    /**
     * Ours beside the peer, run alternately (ours, peer, ours, peer…) after warm-up runs, so both see the
     * same load on a shared machine; prints both medians and ours / peer.
     */
    <T> T versus(String what, int runs, int warmUp, Supplier<T> ours, String peerName, Runnable peer) {
        T result = null;
        for (int i = 0; i < warmUp; i++) { // in-process: the JIT has compiled our code, as in a console used all day
            result = ours.get();
        }
        peer.run();
        long[] a = new long[runs];
        long[] b = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            result = ours.get();
            a[i] = System.nanoTime() - t;
            t = System.nanoTime();
            peer.run();
            b[i] = System.nanoTime() - t;
        }
        versusRow(what, a, peerName, b);
        return result;
    }

    /** A row of ours beside the peer from timings taken elsewhere, run in turn (same length): medians and ours / peer. */
    void versusRow(String what, long[] a, String peerName, long[] b) {
        int runs = a.length;
        Arrays.sort(a);
        Arrays.sort(b);
        double oursMs = a[runs / 2] / 1e6;
        double peerMs = b[runs / 2] / 1e6;
        String[] r = {what, String.format(Locale.ROOT, "%.1f ms", oursMs), String.format(Locale.ROOT, "%.1f ms", a[Math.min(runs - 1, runs * 9 / 10)] / 1e6),
                peerName, String.format(Locale.ROOT, "%.1f ms", peerMs), String.format(Locale.ROOT, "%.2f", oursMs / peerMs)};
        rows.add(r);
        System.out.printf("%-44s ours %10s median (p90 %s), %s %s, ratio %s (%d runs each)%n", r[0], r[1], r[2], r[3], r[4], r[5], runs);
    }

    void skipped(String what) {
        rows.add(new String[] {what, "skipped", ""});
    }

    void print() {
        System.out.println();
        System.out.printf("%-44s %10s %10s%n", "what", "median", "p90");
        rows.forEach(r -> System.out.printf("%-44s %10s %10s%s%n", r[0], r[1], r[2],
                r.length > 3 ? String.format(Locale.ROOT, "   peer %s %s, ours/peer %s", r[3], r[4], r[5]) : ""));
    }
}
