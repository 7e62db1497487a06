package odcm.model.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The common subsequence under the line diff, and where it stops looking (decision 0052). */
class SequencesTest {
    private static List<String> lines(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> framed(List<String> middle) {
        List<String> all = new ArrayList<>(List.of("#!/bin/sh", "set -e", "cd /srv"));
        all.addAll(middle);
        all.addAll(List.of("echo done", "exit 0"));
        return all;
    }

    @Test
    void pastItsBudgetTheSearchKeepsTheCommonBeginningAndEnd() {
        List<String> a = framed(lines("old ", 2000));
        List<String> b = framed(lines("new ", 2500));
        List<int[]> pairs = Sequences.lcs(a, b, 10_000);
        assertEquals(List.of("0-0", "1-1", "2-2", "2003-2503", "2004-2504"), pairs.stream().map(p -> p[0] + "-" + p[1]).toList());
        pairs.forEach(p -> assertEquals(a.get(p[0]), b.get(p[1]), "a common element"));
    }

    @Test
    void withinItsBudgetTheSearchFindsTheLongestCommonSubsequence() {
        List<String> a = framed(lines("line ", 300));
        List<String> b = new ArrayList<>(a);
        b.set(100, "changed");
        b.remove(200);
        assertEquals(a.size() - 2, Sequences.lcs(a, b, 10_000).size());
        List<int[]> ends = Sequences.lcs(a, b, 10);
        assertEquals(100 + 104, ends.size(), "past a budget of 10: only the common beginning (to the change) and end (from the removal)");
        assertEquals(99, ends.get(99)[1]);
        assertEquals(List.of(201, 200), List.of(ends.get(100)[0], ends.get(100)[1]));
    }
}
