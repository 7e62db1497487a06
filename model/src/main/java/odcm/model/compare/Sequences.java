package odcm.model.compare;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MeyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Longest common subsequences (Myers's algorithm, from java-diff-utils) and longest increasing ones. */
final class Sequences {
    private Sequences() {
    }

    /**
     * Pairs (i, j) of equal elements of a and b forming a longest common subsequence, in order: what lies between the
     * changes Myers's algorithm finds (in O((N+M)D) time and linear space, D the number of lines changed, so two long
     * texts that differ in a few places stay cheap and two wholly different ones are still diffed, without a cut-off).
     */
    static <T> List<int[]> lcs(List<T> a, List<T> b) {
        List<int[]> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<T> change : DiffUtils.diff(a, b, new MeyersDiffWithLinearSpace<T>()).getDeltas()) {
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
