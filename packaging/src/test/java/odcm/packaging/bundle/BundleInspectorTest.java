package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import odcm.packaging.bundle.BundleInspector.Unreadable;
import odcm.packaging.bundle.BundleInspector.Unverified;
import org.junit.jupiter.api.Test;

class BundleInspectorTest {
    @Test
    void readsWhatABundleClaimsWithoutItsSecrets() {
        BundleContent written = content("Dev Space", "Prod Space", 3);
        var u = assertInstanceOf(Unverified.class, BundleInspector.inspect(write(written, DEV_EC, PROD_RSA), null));
        assertEquals(written.bundleId(), u.bundleId());
        assertEquals(3, u.sequence());
        assertEquals(fp(DEV_EC), u.sourceCertificate());
        assertEquals(fp(PROD_RSA), u.targetCertificate());
        assertEquals("Prod Space", u.targetSpace());
        assertEquals(written.snapshot().process(), u.content().snapshot().process());
        assertEquals(written.history(), u.content().history());
        assertTrue(u.content().snapshot().variables().stream().filter(v -> v.sensitive()).allMatch(v -> v.value().isEmpty()),
                "sensitive values stay sealed");
    }

    @Test
    void aTruncatedFileGetsTheVerifiersSentence() {
        byte[] good = bundle(DEV_EC, PROD_EC);
        var r = assertInstanceOf(Unreadable.class, BundleInspector.inspect(Arrays.copyOf(good, good.length / 2), null));
        assertEquals(BundleVerifier.verify(Arrays.copyOf(good, good.length / 2), prodTrusting(PROD_EC, DEV_EC)), r.outcome());
    }

    @Test
    void aChangedPartIsReported() {
        var e = new java.util.LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put(BundleFormat.PACKAGES, "{}".getBytes());
        var r = assertInstanceOf(Unreadable.class, BundleInspector.inspect(zip(e), null));
        assertInstanceOf(VerificationOutcome.PartHashMismatch.class, r.outcome());
    }
}
