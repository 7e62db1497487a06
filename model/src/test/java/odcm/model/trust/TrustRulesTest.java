package odcm.model.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.space.SpaceKind;
import org.junit.jupiter.api.Test;

class TrustRulesTest {
    static final CertificateInfo CERT = new CertificateInfo("CN=x", "CN=x", "01", Instant.EPOCH, Instant.MAX, "EC", "secp256r1",
            new Fingerprint("a".repeat(64)));
    static final Space DEV = new Space(1, SpaceKind.LOCAL, "DevTest Space", "", Instant.EPOCH, CERT, 1);
    static final Space QA = new Space(2, SpaceKind.LOCAL, "QA Space", "", Instant.EPOCH, CERT, 1);
    static final Space PROD = new Space(3, SpaceKind.REMOTE, "Prod Space", "", Instant.EPOCH, CERT, 1);

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static Trust trust(Space truster, Space trusted, TrustKind kind, boolean revoked) {
        return new Trust(9, truster.id(), truster.name(), trusted.id(), trusted.name(), trusted.isLocal(), kind, Instant.EPOCH, "me",
                revoked ? Instant.EPOCH : null, revoked ? "me" : null, revoked ? "why" : null);
    }

    @Test
    void localSpaceMayAcceptFromLocalOrRemote() {
        assertDoesNotThrow(() -> TrustRules.checkGrant(QA, DEV, TrustKind.RELEASE_BUNDLES, List.of(), NOW));
        assertDoesNotThrow(() -> TrustRules.checkGrant(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS, List.of(), NOW));
    }

    @Test
    void remoteSpaceCannotAccept() {
        assertTrue(assertThrows(Refusal.class, () -> TrustRules.checkGrant(PROD, DEV, TrustKind.RELEASE_BUNDLES, List.of(), NOW))
                .getMessage().startsWith("Only a local space"));
    }

    @Test
    void noTrustOfItself() {
        assertThrows(Refusal.class, () -> TrustRules.checkGrant(QA, QA, TrustKind.RELEASE_BUNDLES, List.of(), NOW));
    }

    @Test
    void noDuplicateButRevokedOrOtherKindIsNoDuplicate() {
        Trust active = trust(QA, DEV, TrustKind.RELEASE_BUNDLES, false);
        assertEquals("'QA Space' already accepts release bundles from 'DevTest Space'.",
                assertThrows(Refusal.class, () -> TrustRules.checkGrant(QA, DEV, TrustKind.RELEASE_BUNDLES, List.of(active), NOW)).getMessage());
        assertDoesNotThrow(() -> TrustRules.checkGrant(QA, DEV, TrustKind.DEPLOYMENT_RECEIPTS, List.of(active), NOW));
        assertDoesNotThrow(() -> TrustRules.checkGrant(QA, DEV, TrustKind.RELEASE_BUNDLES, List.of(trust(QA, DEV, TrustKind.RELEASE_BUNDLES, true)), NOW));
    }

    @Test
    void revocationNeedsReasonAndAnActiveTrust() {
        assertEquals("because", TrustRules.checkRevocation(trust(QA, DEV, TrustKind.RELEASE_BUNDLES, false), "  because "));
        assertThrows(Refusal.class, () -> TrustRules.checkRevocation(trust(QA, DEV, TrustKind.RELEASE_BUNDLES, false), " "));
        assertThrows(Refusal.class, () -> TrustRules.checkRevocation(trust(QA, DEV, TrustKind.RELEASE_BUNDLES, true), "again"));
        for (String hostile : new String[] {"stolen\u001b[2J", "bad\u007fkey", "x\u009b31m", "key \u202Eyek"}) {
            Refusal r = assertThrows(Refusal.class, () -> TrustRules.checkRevocation(trust(QA, DEV, TrustKind.RELEASE_BUNDLES, false), hostile));
            assertTrue(r.getMessage().startsWith("A reason cannot contain"), r.getMessage());
        }
    }

    @Test
    void kindsParseFromTheWordsPeopleUse() {
        assertEquals(TrustKind.RELEASE_BUNDLES, TrustKind.parse("bundles"));
        assertEquals(TrustKind.DEPLOYMENT_RECEIPTS, TrustKind.parse("Deployment receipts"));
        assertEquals(TrustKind.DEPLOYMENT_RECEIPTS, TrustKind.parse("DEPLOYMENT_RECEIPTS"));
        assertThrows(Refusal.class, () -> TrustKind.parse("packages"));
    }

    @Test
    void noTrustInASpaceWhoseCertificateExpired() {
        CertificateInfo old = new CertificateInfo("CN=x", "CN=x", "01", Instant.EPOCH, NOW.minusSeconds(86400), "EC", "secp256r1",
                new Fingerprint("b".repeat(64)));
        Space expired = new Space(4, SpaceKind.REMOTE, "Old Prod", "", Instant.EPOCH, old, 1);
        String sentence = assertThrows(Refusal.class, () -> TrustRules.checkGrant(DEV, expired, TrustKind.DEPLOYMENT_RECEIPTS, List.of(), NOW))
                .getMessage();
        assertTrue(sentence.startsWith("The certificate of remote space 'Old Prod' expired on "), sentence);
        assertTrue(sentence.endsWith("replace its certificate first."), sentence);
    }
}
