package odcm.model.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import odcm.model.compare.TextDiff.Kind;
import odcm.model.compare.TextDiff.Line;
import odcm.model.compare.TextDiff.Segment;
import org.junit.jupiter.api.Test;

/** The line diff of long text, and the changed words of a changed line. */
class TextDiffTest {
    @Test
    void keptRemovedAndAddedLines() {
        List<Line> d = TextDiff.lines("a\nb\nc\n", "a\nc\nd\n");
        assertEquals(List.of(Kind.SAME, Kind.REMOVED, Kind.SAME, Kind.ADDED), d.stream().map(Line::kind).toList());
        assertEquals(List.of("a", "b", "c", "d"), d.stream().map(Line::text).toList());
        assertEquals(2, d.get(1).fromLine());
        assertEquals(3, d.get(3).toLine());
    }

    @Test
    void aChangedLineMarksTheChangedWords() {
        List<Line> d = TextDiff.lines("echo start\ncurl -f http://localhost/health --max-time 5\n", "echo start\ncurl -f https://shop/health --max-time 30\n");
        Line removed = d.get(1);
        Line added = d.get(2);
        assertEquals(Kind.REMOVED, removed.kind());
        assertEquals(Kind.ADDED, added.kind());
        assertEquals(List.of("http", "localhost", "5"), removed.segments().stream().filter(Segment::changed).map(Segment::text).toList());
        assertEquals(List.of("https", "shop", "30"), added.segments().stream().filter(Segment::changed).map(Segment::text).toList());
        assertEquals("curl -f https://shop/health --max-time 30", added.text());
    }

    @Test
    void emptySidesAreAllAddedOrAllRemoved() {
        assertEquals(List.of(Kind.ADDED, Kind.ADDED), TextDiff.lines("", "x\ny").stream().map(Line::kind).toList());
        assertEquals(List.of(Kind.REMOVED), TextDiff.lines("x", null).stream().map(Line::kind).toList());
        assertEquals(List.of(), TextDiff.lines("", ""));
    }

    @Test
    void longTextsBeyondTheTableStillDiff() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            a.append("line ").append(i).append('\n');
            b.append("line ").append(i % 7 == 0 ? "x" + i : Integer.toString(i)).append('\n');
        }
        List<Line> d = TextDiff.lines(a.toString(), b.toString());
        assertEquals(5000, d.stream().filter(l -> l.kind() != Kind.ADDED).count(), "every FROM line is kept or removed");
        assertEquals(5000, d.stream().filter(l -> l.kind() != Kind.REMOVED).count(), "every TO line is kept or added");
        // Once past a 4-million-cell table the middle was taken as replaced whole (5,000 lines out, 5,000 in); Myers's
        // algorithm has no such cut-off: only the 715 changed lines (every 7th) are told apart, each paired word by word.
        assertEquals(5000 - 715, d.stream().filter(l -> l.kind() == Kind.SAME).count());
        Line changed = d.stream().filter(l -> l.kind() == Kind.ADDED).findFirst().orElseThrow();
        assertEquals(List.of(new Segment("line ", false), new Segment("x0", true)), changed.segments());
    }

    @Test
    void aLineMovedToTheEndOfALongTextIsOneRemovedAndOneAdded() {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            a.append("step ").append(i).append('\n');
        }
        String b = a.substring(a.indexOf("\n") + 1) + "step 0\n";
        List<Line> d = TextDiff.lines(a.toString(), b);
        assertEquals(List.of(Kind.REMOVED, Kind.ADDED), d.stream().filter(l -> l.kind() != Kind.SAME).map(Line::kind).toList());
        assertEquals(3999, d.stream().filter(l -> l.kind() == Kind.SAME).count());
    }
}
