package odcm.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import odcm.app.bench.ReleaseCompareBench;
import odcm.app.service.AppContext;
import odcm.model.compare.ReleaseDiff;
import odcm.model.release.ReleaseSnapshot;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison of two large releases (the benchmark's: 10,000 variables, 1,000 steps, 500 packages, a few hundred
 * changes of every kind) is byte for byte what it was before the comparison was made fast (decision 0023): the
 * digests below were taken from the code as it was, for every format with only the changes, and for text and
 * Markdown with everything (JSON and HTML of everything, 7.7 and 5 MB, add test time and no code path).
 */
class LargeReleaseComparisonTest {
    static final ReleaseSnapshot A = ReleaseCompareBench.snapshot(0);
    static final ReleaseSnapshot B = ReleaseCompareBench.snapshot(1);
    static final ReleaseDiff.Side FROM = new ReleaseDiff.Side("1.0.0", "Default", Instant.EPOCH, "");
    static final ReleaseDiff.Side TO = new ReleaseDiff.Side("1.1.0", "Default", Instant.EPOCH, "");

    @TempDir
    Path tmp;

    @Test
    void everyFormatIsWhatItWasBeforeTheSpeedUp() {
        ReleaseDiff d = ReleaseDiff.of("Bench", FROM, A, TO, B);
        assertEquals("5 steps added, 4 removed, 21 changed, 20 moved, 20 variables added, 20 removed, 250 changed, 5 templates changed,"
                + " 125 packages changed.", d.summary());
        assertEquals(11575, d.entries().size());
        assertEquals(469, d.changes().size());
        String[][] expected = {
            {"TEXT", "true", "797918ca49a9624a14cfbdfa0eccecaaaaef7877a380d19267347ed6ac6392f8"},
            {"TEXT", "false", "426abe32a05259ed2cfaa6aee1c21b3c272933865b2d9db504b36c8f199871fc"},
            {"JSON", "true", "9ca3f7a929acf95e15bdf89e91218e4368d67d6dfa2b32ade7c4f0a31a84f228"},
            {"HTML", "true", "3ce896f6535b96059d76991e0d2132ac892bc09f563e139c9e38d3924a109856"},
            {"MD", "true", "04e5cbcc48a3c9f4c3393d82af49555985bb82b65323daedffa2097a7114d872"},
            {"MD", "false", "70affca974436e202d858760fb88ec52e47a7c5dcb245720ee57167889ee5f7e"}};
        for (String[] e : expected) {
            String report = ComparisonReport.render(d, ComparisonReport.Format.valueOf(e[0]), Boolean.parseBoolean(e[1]));
            assertEquals(e[2], sha256(report), e[0] + (Boolean.parseBoolean(e[1]) ? " (only changes)" : " (everything)") + " changed");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("value-(\\d+)").matcher(report);
            while (m.find()) { // every 25th variable is sensitive
                assertFalse(Integer.parseInt(m.group(1)) % 25 == 0, e[0] + " shows the sensitive value " + m.group());
            }
        }
    }

    @Test
    void theChangesMadeAtOnceAreThoseAmongEveryEntryMadeLater() {
        ReleaseDiff d = ReleaseDiff.of("Bench", FROM, A, TO, B);
        java.util.List<odcm.model.compare.Entry> changes = d.changes(); // before any entry of every variable is made
        for (odcm.model.compare.Section s : odcm.model.compare.Section.values()) {
            java.util.List<odcm.model.compare.Entry> changed = d.changes(s);
            assertEquals(d.section(s).stream().filter(odcm.model.compare.Entry::isChange).toList(), changed, s + ": its changes, in order");
            for (odcm.model.compare.Change c : odcm.model.compare.Change.values()) {
                assertEquals(d.section(s).stream().filter(e -> e.change() == c).count(), d.count(s, c), s + " " + c);
            }
        }
        assertEquals(d.entries().stream().filter(odcm.model.compare.Entry::isChange).toList(), changes);
        assertEquals(10_000 + 20, d.section(odcm.model.compare.Section.VARIABLES).size(), "10,000 matched or removed, 20 added");
    }

    @Test
    void twoLargeReleasesReadFromTheStoreCompareAsTheyWereFrozen() {
        ReleaseCompareBench.store(tmp, A, B);
        try (AppContext ctx = AppContext.open(new StoreLocation(tmp.resolve("store"), tmp.resolve("keys")))) {
            ReleaseDiff stored = ctx.releases().compare(ReleaseCompareBench.SPACE, ReleaseCompareBench.PROJECT, "1.0.0", "1.1.0");
            ReleaseDiff fresh = ReleaseDiff.of(stored.project(), stored.from(), A, stored.to(), B);
            assertEquals(ComparisonReport.render(fresh, ComparisonReport.Format.TEXT, false),
                    ComparisonReport.render(stored, ComparisonReport.Format.TEXT, false), "differs when read from the store");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
