package odcm.model.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Longest common subsequences, written here because the model depends on no library. */
final class Sequences {
    /** Beyond this many cells the quadratic table is not built; the middle is then treated as replaced whole. */
    static final long MAX_CELLS = 4_000_000;

    private Sequences() {
    }

    /**
     * Pairs (i, j) of equal elements of a and b forming a longest common subsequence, in order. The common
     * prefix and suffix are taken first, so two long texts that differ in a few places stay cheap.
     */
    static <T> List<int[]> lcs(List<T> a, List<T> b) {
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            pairs.add(new int[] {i, i});
        }
        int n = endA - start;
        int m = endB - start;
        if (n > 0 && m > 0 && (long) (n + 1) * (m + 1) <= MAX_CELLS) {
            int[][] len = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    len[i][j] = a.get(start + i).equals(b.get(start + j)) ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n && j < m) {
                if (a.get(start + i).equals(b.get(start + j))) {
                    pairs.add(new int[] {start + i, start + j});
                    i++;
                    j++;
                } else if (len[i + 1][j] >= len[i][j + 1]) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        for (int k = 0; k < a.size() - endA; k++) {
            pairs.add(new int[] {endA + k, endB + k});
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
