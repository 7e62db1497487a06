package odcm.model.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line diff of two long texts (a script, notes), with the changed words of a changed line marked: the lines
 * removed from FROM, added in TO, and kept. A removed line followed by an added one is paired, word by word.
 */
public final class TextDiff {
    private static final Pattern TOKEN = Pattern.compile("\\w+|\\s+|[^\\w\\s]");

    /** What a line is: kept on both sides, only in FROM, only in TO. */
    public enum Kind {
        SAME(" "), REMOVED("-"), ADDED("+");

        private final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }
    }

    /** A run of a line's text; {@code changed} where it differs from the paired line of the other side. */
    public record Segment(String text, boolean changed) {
    }

    /**
     * One line of the diff.
     *
     * @param fromLine 1-based line in FROM (0 for an added line)
     * @param toLine   1-based line in TO (0 for a removed line)
     */
    public record Line(Kind kind, int fromLine, int toLine, List<Segment> segments) {
        public Line {
            segments = List.copyOf(segments);
        }

        public String text() {
            StringBuilder sb = new StringBuilder();
            segments.forEach(s -> sb.append(s.text()));
            return sb.toString();
        }
    }

    private TextDiff() {
    }

    public static List<Line> lines(String from, String to) {
        List<String> a = split(from);
        List<String> b = split(to);
        List<int[]> common = Sequences.lcs(a, b);
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (int[] pair : common) {
            hunk(a, b, i, pair[0], j, pair[1], out);
            out.add(new Line(Kind.SAME, pair[0] + 1, pair[1] + 1, List.of(new Segment(a.get(pair[0]), false))));
            i = pair[0] + 1;
            j = pair[1] + 1;
        }
        hunk(a, b, i, a.size(), j, b.size(), out);
        return out;
    }

    /** Removed lines a[i..endA), then added lines b[j..endB); the k-th removed and k-th added are compared by words. */
    private static void hunk(List<String> a, List<String> b, int i, int endA, int j, int endB, List<Line> out) {
        int removed = endA - i;
        int added = endB - j;
        List<List<Segment>> left = new ArrayList<>();
        List<List<Segment>> right = new ArrayList<>();
        for (int k = 0; k < Math.max(removed, added); k++) {
            if (k < removed && k < added) {
                List<List<Segment>> pair = words(a.get(i + k), b.get(j + k));
                left.add(pair.get(0));
                right.add(pair.get(1));
            } else if (k < removed) {
                left.add(List.of(new Segment(a.get(i + k), true)));
            } else {
                right.add(List.of(new Segment(b.get(j + k), true)));
            }
        }
        for (int k = 0; k < removed; k++) {
            out.add(new Line(Kind.REMOVED, i + k + 1, 0, left.get(k)));
        }
        for (int k = 0; k < added; k++) {
            out.add(new Line(Kind.ADDED, 0, j + k + 1, right.get(k)));
        }
    }

    /** The segments of both lines, the words not common to both marked changed. */
    static List<List<Segment>> words(String from, String to) {
        List<String> a = tokens(from);
        List<String> b = tokens(to);
        boolean[] keptA = new boolean[a.size()];
        boolean[] keptB = new boolean[b.size()];
        for (int[] pair : Sequences.lcs(a, b)) {
            keptA[pair[0]] = true;
            keptB[pair[1]] = true;
        }
        return List.of(segments(a, keptA), segments(b, keptB));
    }

    private static List<Segment> segments(List<String> tokens, boolean[] kept) {
        List<Segment> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean changed = false;
        for (int k = 0; k < tokens.size(); k++) {
            boolean c = !kept[k];
            if (run.length() > 0 && c != changed) {
                out.add(new Segment(run.toString(), changed));
                run.setLength(0);
            }
            changed = c;
            run.append(tokens.get(k));
        }
        if (run.length() > 0 || out.isEmpty()) {
            out.add(new Segment(run.toString(), changed));
        }
        return out;
    }

    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<String> split(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(t.split("\r?\n", -1));
    }
}
