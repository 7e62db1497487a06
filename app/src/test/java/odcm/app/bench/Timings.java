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

    void skipped(String what) {
        rows.add(new String[] {what, "skipped", ""});
    }

    void print() {
        System.out.println();
        System.out.printf("%-44s %10s %10s%n", "what", "median", "p90");
        rows.forEach(r -> System.out.printf("%-44s %10s %10s%n", r[0], r[1], r[2]));
    }
}
