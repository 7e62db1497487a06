package odcm.model.compare;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MeyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/** Longest common subsequences (Myers's algorithm, from java-diff-utils) and longest increasing ones. */
final class Sequences {
    private Sequences() {
    }

    /**
     * At most this many element comparisons per diff: Myers's algorithm costs about (N+M)·D, D the number of elements
     * changed, so two long texts that differ throughout would cost ~(N+M)² (two 20,000-line scripts wholly different:
     * 400 million comparisons, ~12 s). 20 million is ~0.5 s on this project's 2-core machine, and covers two 20,000-line
     * texts with every 7th line changed (16.7 million).
     */
    static final long COMPARISONS = 20_000_000L;

    /**
     * Pairs (i, j) of equal elements of a and b forming a longest common subsequence, in order: what lies between the
     * changes Myers's algorithm finds (in O((N+M)D) time and linear space, D the number of lines changed, so two long
     * texts that differ in a few places stay cheap). Past {@link #COMPARISONS} the search stops, and only the common
     * beginning and end are kept: a true common subsequence, the middle shown as replaced whole, as GNU diff too gives up
     * minimality where a diff gets too expensive (decision 0052).
     */
    static <T> List<int[]> lcs(List<T> a, List<T> b) {
        return lcs(a, b, COMPARISONS);
    }

    static <T> List<int[]> lcs(List<T> a, List<T> b, long budget) {
        long[] left = {budget};
        BiPredicate<T, T> counted = (x, y) -> {
            if (--left[0] < 0) {
                throw TooDifferent.INSTANCE;
            }
            return Objects.equals(x, y);
        };
        List<AbstractDelta<T>> changes;
        try {
            changes = DiffUtils.diff(a, b, new MeyersDiffWithLinearSpace<T>(counted)).getDeltas();
        } catch (TooDifferent e) {
            return commonEnds(a, b);
        }
        List<int[]> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<T> change : changes) {
            while (i < change.getSource().getPosition()) {
                pairs.add(new int[] {i++, j++});
            }
            i += change.getSource().size();
            j = change.getTarget().getPosition() + change.getTarget().size();
        }
        while (i < a.size()) {
            pairs.add(new int[] {i++, j++});
        }
        return pairs;
    }

    /** The pairs of the longest common beginning and, after it, the longest common end of a and b. */
    private static <T> List<int[]> commonEnds(List<T> a, List<T> b) {
        int start = 0;
        while (start < a.size() && start < b.size() && Objects.equals(a.get(start), b.get(start))) {
            start++;
        }
        int end = 0;
        while (end < a.size() - start && end < b.size() - start && Objects.equals(a.get(a.size() - 1 - end), b.get(b.size() - 1 - end))) {
            end++;
        }
        List<int[]> pairs = new ArrayList<>(start + end);
        for (int k = 0; k < start; k++) {
            pairs.add(new int[] {k, k});
        }
        for (int k = end; k > 0; k--) {
            pairs.add(new int[] {a.size() - k, b.size() - k});
        }
        return pairs;
    }

    /** Thrown from the comparison to stop a search past its budget; no stack trace, nothing to log. */
    private static final class TooDifferent extends RuntimeException {
        static final TooDifferent INSTANCE = new TooDifferent();

        private TooDifferent() {
            super(null, null, false, false);
        }
    }

    /**
     * Indexes into {@code values} (distinct numbers) of a longest increasing subsequence, O(n log n): the steps
     * kept in their relative order when {@code values} are the new positions of the matched steps in old order.
     */
    static boolean[] longestIncreasing(int[] values) {
        int n = values.length;
        int[] tails = new int[n]; // index of the smallest tail of an increasing run of each length
        int[] previous = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (values[tails[mid]] < values[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            length = Math.max(length, lo + 1);
        }
        boolean[] kept = new boolean[n];
        Arrays.fill(kept, false);
        for (int k = length == 0 ? -1 : tails[length - 1]; k >= 0; k = previous[k]) {
            kept[k] = true;
        }
        return kept;
    }
}
