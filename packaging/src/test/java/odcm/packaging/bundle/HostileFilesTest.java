package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import odcm.packaging.bundle.VerificationOutcome.*;
import org.junit.jupiter.api.Test;

/** One test per hazard of a hostile bundle file: each is refused with its own outcome, never read further. */
class HostileFilesTest {
    private static VerificationContext prod() {
        return prodTrusting(PROD_EC, DEV_EC);
    }

    private static Map<String, byte[]> entries() {
        return new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
    }

    private static UnsafeContainer unsafe(byte[] bundle, VerificationContext ctx) {
        VerificationOutcome o = BundleVerifier.verify(bundle, ctx);
        return assertInstanceOf(UnsafeContainer.class, o, o.sentence());
    }

    private static byte[] patchName(byte[] zip, String from, String to) {
        return BundleFiles.patchName(zip, from, to);
    }

    @Test
    void tooLargeInTotal() {
        var ctx = prod().withLimits(new Limits(1000, 16, 1 << 20, 1 << 20, 200));
        assertTrue(unsafe(bundle(DEV_EC, PROD_EC), ctx).sentence().contains("more than the 1000 this console reads"));
    }

    @Test
    void tooManyEntries() {
        Map<String, byte[]> e = entries();
        for (int i = 0; i < 10; i++) {
            e.put("extra" + i + ".json", new byte[] {'{', '}'});
        }
        assertTrue(unsafe(zip(e), prod()).sentence().contains("19 entries"));
    }

    @Test
    void entryTooLarge() {
        var ctx = prod().withLimits(new Limits(1 << 20, 16, 100, 1 << 20, 200));
        assertTrue(unsafe(bundle(DEV_EC, PROD_EC), ctx).sentence().contains("beyond the 100 bytes an entry may hold"));
    }

    @Test
    void tooLargeOnceExpanded() {
        var ctx = prod().withLimits(new Limits(1 << 20, 16, 1 << 20, 1000, 200));
        assertTrue(unsafe(bundle(DEV_EC, PROD_EC), ctx).sentence().contains("expands beyond the 1000 bytes"));
    }

    @Test
    void zipBombStoppedByCompressionRatioWhileReading() {
        Map<String, byte[]> e = entries();
        e.put(BundleFormat.HISTORY, new byte[50 << 20]);
        byte[] bomb = deflated(e);
        assertTrue(bomb.length < 200_000, "the bomb itself is small: " + bomb.length);
        assertTrue(unsafe(bomb, prod()).sentence().contains("more than 200 to 1"));
    }

    private static byte[] deflated(Map<String, byte[]> entries) {
        return BundleFiles.deflated(entries);
    }

    @Test
    void aDeflatedContainerIsNotTheCanonicalForm() {
        var o = assertInstanceOf(Malformed.class, BundleVerifier.verify(deflated(entries()), prod()));
        assertTrue(o.sentence().contains("altered"), o.sentence());
    }

    @Test
    void parentDirectoryName() {
        Map<String, byte[]> e = entries();
        e.put("../evil.json", new byte[] {1});
        assertTrue(unsafe(zip(e), prod()).sentence().contains("unsafe name (../evil.json)"));
    }

    @Test
    void absoluteName() {
        Map<String, byte[]> e = entries();
        e.put("/etc/cron.d/x", new byte[] {1});
        assertTrue(unsafe(zip(e), prod()).sentence().contains("unsafe name"));
    }

    @Test
    void backslashName() {
        Map<String, byte[]> e = entries();
        e.put("..\\evil.json", new byte[] {1});
        assertTrue(unsafe(zip(e), prod()).sentence().contains("unsafe name"));
    }

    @Test
    void duplicateName() {
        Map<String, byte[]> e = entries();
        e.put("releasX.json", e.get(BundleFormat.RELEASE));
        assertTrue(unsafe(patchName(zip(e), "releasX.json", "release.json"), prod()).sentence().contains("twice"));
    }

    @Test
    void duplicateNameDifferingOnlyInCase() {
        Map<String, byte[]> e = entries();
        e.put("RELEASE.json", e.get(BundleFormat.RELEASE));
        assertTrue(unsafe(zip(e), prod()).sentence().contains("twice"));
    }

    @Test
    void directoryEntry() {
        Map<String, byte[]> e = entries();
        e.put("docs/", new byte[0]);
        assertTrue(unsafe(zip(e), prod()).sentence().contains("directory"));
    }

    @Test
    void symbolicLink() {
        Map<String, byte[]> e = entries();
        e.put("link.json", "/etc/passwd".getBytes(StandardCharsets.UTF_8));
        byte[] zip = BundleFiles.lastEntryAsSymlink(zip(e));
        assertTrue(unsafe(zip, prod()).sentence().contains("link (link.json)"));
    }

    @Test
    void tableOfContentsDisagreeingWithTheEntries() {
        byte[] zip = zip(entries());
        // Rename only in the table of contents (the last occurrence), not in the local header.
        String s = new String(zip, StandardCharsets.ISO_8859_1);
        int at = s.lastIndexOf("history.json");
        byte[] patched = zip.clone();
        patched[at] = 'H';
        assertTrue(unsafe(patched, prod()).sentence().contains("do not match its table of contents"));
    }

    // Strict JSON in signed parts: the signer vouches for these bytes (re-signed), yet they are refused.

    private static VerificationOutcome withSignedPart(String part, java.util.function.UnaryOperator<String> edit) {
        Map<String, byte[]> e = entries();
        String before = new String(e.get(part), StandardCharsets.UTF_8);
        String after = edit.apply(before);
        assertNotEquals(before, after);
        e.put(part, after.getBytes(StandardCharsets.UTF_8));
        return BundleVerifier.verify(resign(e, DEV_EC, null), prod());
    }

    @Test
    void duplicateKeyInASignedPart() {
        var o = assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.RELEASE,
                j -> j.replace("{\"bundleId\"", "{\"version\":\"9.9.9\",\"bundleId\"")));
        assertTrue(o.sentence().contains("repeats a key"), o.sentence());
    }

    @Test
    void unknownFieldInASignedPart() {
        var o = assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.RELEASE,
                j -> j.replace("{\"bundleId\"", "{\"approvedBy\":\"nobody\",\"bundleId\"")));
        assertTrue(o.sentence().contains("does not know"), o.sentence());
    }

    @Test
    void aNumberOrTrueWhereTextBelongsInASignedPartIsRefusedNotReadAsText() {
        for (String notText : List.of("true", "7", "-0", "1e3")) {
            var o = assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.RELEASE,
                    j -> j.replace("\"notes\":\"First cut\"", "\"notes\":" + notText)), notText);
            assertTrue(o.sentence().contains("Cannot coerce"), o.sentence());
        }
        var o = assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.VARIABLES, j -> j.replaceFirst("\"value\":\"[^\"]*\"", "\"value\":true")));
        assertTrue(o.sentence().contains("Cannot coerce"), o.sentence());
    }

    @Test
    void missingFieldInASignedPart() {
        assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.RELEASE, j -> j.replaceAll(",\"notes\":\"[^\"]*\"", "")));
    }

    @Test
    void tooDeepJsonInASignedPart() {
        String deep = "[".repeat(100) + "]".repeat(100);
        var o = assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.RELEASE,
                j -> j.replace("\"notes\":\"First cut\"", "\"notes\":" + deep)));
        assertTrue(o.sentence().contains("nested deeper"), o.sentence());
    }

    @Test
    void trailingDataInASignedPart() {
        assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.RELEASE, j -> j + "{}"));
    }

    @Test
    void invalidUtf8InASignedPart() {
        Map<String, byte[]> e = entries();
        byte[] json = e.get(BundleFormat.RELEASE).clone();
        int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("First");
        json[at] = (byte) 0xC3;
        json[at + 1] = (byte) 0x28;
        e.put(BundleFormat.RELEASE, json);
        var o = assertInstanceOf(InvalidPart.class, BundleVerifier.verify(resign(e, DEV_EC, null), prod()));
        assertTrue(o.sentence().contains("UTF-8"), o.sentence());
    }

    @Test
    void sensitiveValueInClearIsRefused() {
        var o = assertInstanceOf(InvalidPart.class, withSignedPart(BundleFormat.VARIABLES,
                j -> j.replaceFirst("\"sensitive\":true,\"value\":null", "\"sensitive\":true,\"value\":\"leak\"")));
        assertEquals(BundleFormat.VARIABLES, o.part());
    }

    @Test
    void manifestNotInCanonicalForm() {
        Map<String, byte[]> e = entries();
        String m = new String(e.get(BundleFormat.MANIFEST), StandardCharsets.UTF_8);
        e.put(BundleFormat.MANIFEST, m.replace(",\"sequence\":", ", \"sequence\":").getBytes(StandardCharsets.UTF_8));
        var o = assertInstanceOf(InvalidPart.class, BundleVerifier.verify(zip(e), prod()));
        assertTrue(o.sentence().contains("canonical"), o.sentence());
    }

    @Test
    void manifestWithABundleIdThatIsNotAUuid() {
        Map<String, byte[]> e = entries();
        String m = new String(e.get(BundleFormat.MANIFEST), StandardCharsets.UTF_8);
        e.put(BundleFormat.MANIFEST, m.replaceFirst("\"bundleId\":\"[^\"]*\"", "\"bundleId\":\"../../x\"").getBytes(StandardCharsets.UTF_8));
        var o = assertInstanceOf(InvalidPart.class, BundleVerifier.verify(zip(e), prod()));
        assertTrue(o.sentence().contains("not a UUID"), o.sentence());
    }

    @Test
    void thousandsOfRandomMutationsAreNeverAcceptedAndNeverCrash() {
        byte[] good = bundle(DEV_EC, PROD_EC);
        VerificationContext ctx = prod().withPrivateKey(PROD_EC.privateKeyPkcs8());
        assertInstanceOf(Genuine.class, BundleVerifier.verify(good, ctx));
        Random random = new Random(20260301);
        Map<String, Integer> seen = new java.util.TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            byte[] bad;
            if (i % 10 == 0) {
                bad = java.util.Arrays.copyOf(good, random.nextInt(good.length));
            } else {
                bad = good.clone();
                int changes = 1 + random.nextInt(3);
                for (int c = 0; c < changes; c++) {
                    int at = random.nextInt(bad.length);
                    byte b;
                    do {
                        b = (byte) random.nextInt(256);
                    } while (b == bad[at]);
                    bad[at] = b;
                }
            }
            VerificationOutcome o = BundleVerifier.verify(bad, ctx);
            if (o instanceof Genuine) {
                // A change that only touches bytes outside what is checked (ZIP timestamps, the unsigned
                // attributes of the certificate list) may leave every checked byte intact: the content must be identical.
                Genuine g = (Genuine) o;
                Genuine original = (Genuine) BundleVerifier.verify(good, ctx);
                assertEquals(original.content(), g.content(), "mutation " + i + " changed accepted content");
            }
            assertNotNull(o.sentence());
            seen.merge(o.getClass().getSimpleName(), 1, Integer::sum);
        }
        System.out.println("mutation outcomes: " + seen);
    }
}
