package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import odcm.packaging.bundle.VerificationOutcome.Genuine;
import odcm.packaging.bundle.VerificationOutcome.InvalidPart;
import org.junit.jupiter.api.Test;

/**
 * The release's revision in release.json (decision 0048): revision 1 is written exactly as before (no field, so every console
 * reads it, and a bundle without it is revision 1); a later revision carries {@code revision}, read strictly: 2 to
 * {@link BundleContent#MAX_REVISION}, a number, once. Each refusal is a signed bundle (a careless or rogue source).
 */
class BundleRevisionTest {
    private static BundleContent revision(int revision) {
        BundleContent c = content("Dev Space", "Prod Space", 1);
        return new BundleContent(c.bundleId(), c.sourceSpace(), c.targetSpace(), c.sequence(), c.created(), c.expires(), c.project(), c.version(),
                c.notes(), c.channel(), c.snapshot(), c.history(), c.releaseCreated(), revision);
    }

    private static String releaseJson(byte[] bundle) {
        return new String(unzip(bundle).get(BundleFormat.RELEASE), StandardCharsets.UTF_8);
    }

    private static VerificationOutcome signedWithRelease(java.util.function.UnaryOperator<String> edit) {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(write(revision(2), DEV_EC, PROD_EC)));
        e.put(BundleFormat.RELEASE, edit.apply(new String(e.get(BundleFormat.RELEASE), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return BundleVerifier.verify(resign(e, DEV_EC, null), prodTrusting(PROD_EC, DEV_EC));
    }

    @Test
    void revisionOneIsWrittenAsBeforeAndALaterOneTravels() {
        byte[] first = write(revision(1), DEV_EC, PROD_EC);
        assertFalse(releaseJson(first).contains("revision"), releaseJson(first));
        assertEquals(1, assertInstanceOf(Genuine.class, BundleVerifier.verify(first, prodTrusting(PROD_EC, DEV_EC))).content().revision());
        byte[] second = write(revision(2), DEV_EC, PROD_EC);
        assertTrue(releaseJson(second).contains("\"revision\":2"), releaseJson(second));
        var g = assertInstanceOf(Genuine.class, BundleVerifier.verify(second, prodTrusting(PROD_EC, DEV_EC).withPrivateKey(PROD_EC.privateKeyPkcs8())));
        assertEquals(2, g.content().revision());
        assertEquals(snapshot(), g.content().snapshot());
        assertThrows(IllegalArgumentException.class, () -> revision(0));
        assertThrows(IllegalArgumentException.class, () -> revision(BundleContent.MAX_REVISION + 1));
    }

    @Test
    void aRevisionOutsideItsRangeOrOfAnotherShapeIsRefused() {
        for (String bad : new String[] {"1", "0", "-2", "10001", "2147483647", "99999999999", "\"2\"", "2.0", "2e0", "null", "[2]", "true"}) {
            var o = assertInstanceOf(InvalidPart.class, signedWithRelease(j -> j.replace("\"revision\":2", "\"revision\":" + bad)), bad);
            assertEquals("release.json", o.part(), bad);
            assertFalse(o.sentence().contains("Exception"), o.sentence());
        }
        var repeated = assertInstanceOf(InvalidPart.class, signedWithRelease(j -> j.replace("\"revision\":2", "\"revision\":2,\"revision\":3")));
        assertEquals("release.json", repeated.part());
        assertEquals("The bundle's release.json gives revision 0, where a later revision is 2 to 10000 and revision 1 names none, so the"
                + " bundle was refused.", signedWithRelease(j -> j.replace("\"revision\":2", "\"revision\":0")).sentence());
        assertInstanceOf(Genuine.class, signedWithRelease(j -> j.replace("\"revision\":2", "\"revision\":10000")));
    }
}
