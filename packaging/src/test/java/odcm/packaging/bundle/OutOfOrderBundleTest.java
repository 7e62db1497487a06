package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The override of lifecycle order travels signed in history.json (decision 0045); a bundle without it is as before. */
class OutOfOrderBundleTest {
    static final BundleContent.OutOfOrder OVERRIDE = new BundleContent.OutOfOrder("alice", "QA signed off by phone",
            "Release 1.2.3 cannot be promoted to 'Prod Space' yet: phase 'QA' (all must complete) comes first and still needs a successful deployment to QA.");

    static BundleContent withOverride(BundleContent c, BundleContent.OutOfOrder o) {
        return new BundleContent(c.bundleId(), c.sourceSpace(), c.targetSpace(), c.sequence(), c.created(), c.expires(), c.project(), c.version(),
                c.notes(), c.channel(), c.snapshot(), c.history(), c.releaseCreated(), o);
    }

    static VerificationOutcome verify(byte[] bundle) {
        return BundleVerifier.verify(bundle, prodTrusting(PROD_EC, DEV_EC).withPrivateKey(PROD_EC.privateKeyPkcs8()));
    }

    @Test
    void theOverrideArrivesSignedAndIsShownInWords() {
        BundleContent sent = withOverride(content("Dev Space", "Prod Space", 1), OVERRIDE);

        var genuine = assertInstanceOf(VerificationOutcome.Genuine.class, verify(write(sent, DEV_EC, PROD_EC)));

        assertEquals(sent, genuine.content());
        assertEquals("promoted out of lifecycle order by alice: QA signed off by phone", genuine.content().outOfOrder().words());
    }

    @Test
    void aBundleWithoutAnOverrideIsWrittenAndReadAsEarlierBundlesWere() {
        Map<String, byte[]> entries = unzip(bundle(DEV_EC, PROD_EC));
        String history = new String(entries.get(BundleFormat.HISTORY), StandardCharsets.UTF_8);

        assertFalse(history.contains("outOfOrder"), history);
        var genuine = assertInstanceOf(VerificationOutcome.Genuine.class, verify(zip(entries)));
        assertNull(genuine.content().outOfOrder());
    }

    static Stream<Arguments> hostile() {
        return Stream.of(Arguments.of("null", "null"),
                Arguments.of("an unknown field", "{\"by\":\"alice\",\"reason\":\"r\",\"skipped\":\"\",\"extra\":1}"),
                Arguments.of("a missing field", "{\"by\":\"alice\",\"reason\":\"r\"}"),
                Arguments.of("no person", "{\"by\":\" \",\"reason\":\"r\",\"skipped\":\"\"}"),
                Arguments.of("no reason", "{\"by\":\"alice\",\"reason\":\"\",\"skipped\":\"\"}"),
                Arguments.of("a reason too long", "{\"by\":\"alice\",\"reason\":\"" + "r".repeat(BundleContent.OutOfOrder.MAX_REASON + 1) + "\",\"skipped\":\"\"}"),
                Arguments.of("a name too long", "{\"by\":\"" + "a".repeat(BundleContent.OutOfOrder.MAX_BY + 1) + "\",\"reason\":\"r\",\"skipped\":\"\"}"),
                Arguments.of("a control character", "{\"by\":\"alice\\u001b[2J\",\"reason\":\"r\",\"skipped\":\"\"}"),
                Arguments.of("a line break", "{\"by\":\"alice\",\"reason\":\"r\\nfake line\",\"skipped\":\"\"}"),
                Arguments.of("a skipped sentence too long", "{\"by\":\"alice\",\"reason\":\"r\",\"skipped\":\""
                        + "s".repeat(BundleContent.OutOfOrder.MAX_SKIPPED + 1) + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void anOverrideOutsideTheRulesIsRefusedEvenWhenSigned(String label, String override) {
        Map<String, byte[]> entries = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        String history = new String(entries.get(BundleFormat.HISTORY), StandardCharsets.UTF_8);
        String changed = history.substring(0, history.length() - 1) + ",\"outOfOrder\":" + override + "}";
        entries.put(BundleFormat.HISTORY, changed.getBytes(StandardCharsets.UTF_8));

        VerificationOutcome outcome = verify(resign(entries, DEV_EC, null));

        assertInstanceOf(VerificationOutcome.InvalidPart.class, outcome, outcome.sentence());
        assertFalse(outcome.sentence().contains("\u001b"), outcome.sentence());
    }

    @Test
    void aWellFormedOverrideAddedBySomeoneElseBreaksTheSignature() {
        Map<String, byte[]> entries = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        String history = new String(entries.get(BundleFormat.HISTORY), StandardCharsets.UTF_8);
        entries.put(BundleFormat.HISTORY, (history.substring(0, history.length() - 1)
                + ",\"outOfOrder\":{\"by\":\"mallory\",\"reason\":\"r\",\"skipped\":\"\"}}").getBytes(StandardCharsets.UTF_8));

        assertFalse(verify(zip(entries)) instanceof VerificationOutcome.Genuine);
    }
}
