package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.SpaceIdentity;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/**
 * Key statements (decision 0056): Prod Space's console imports Dev Space's rotation from DEV_EC to DEV_NEW and a compromise
 * of DEV_EC. Every refusal of a forged, half-signed, tampered, truncated or oversized statement, each with its own sentence.
 */
class KeyStatementVerifierTest {
    private static final SpaceIdentity DEV_NEW = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(60));
    private static final Set<String> SENTENCES = new HashSet<>();

    private static KeyStatement rotation() {
        return KeyStatement.rotation("Dev Space", fp(DEV_EC), NOW, DEV_NEW.certificateDer(), NOW.plus(Duration.ofDays(14)));
    }

    private static SourceKey key(SpaceIdentity id) {
        return new SourceKey(id.certificateDer(), id.privateKeyPkcs8());
    }

    static byte[] write(KeyStatement s, SpaceIdentity subject, SpaceIdentity newKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            KeyStatementWriter.write(s, key(subject), newKey == null ? null : key(newKey), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Prod's view of Dev: DEV_EC pinned (or {@code pinned}, current first). */
    private static VerificationOutcome verify(byte[] file, SpaceIdentity... pinned) {
        List<byte[]> ders = pinned.length == 0 ? List.of(DEV_EC.certificateDer())
                : Arrays.stream(pinned).map(SpaceIdentity::certificateDer).toList();
        return verify(file, ders, Set.of(), Limits.DEFAULT);
    }

    private static VerificationOutcome verify(byte[] file, List<byte[]> pinned, Set<UUID> seen, Limits limits) {
        VerificationOutcome o = KeyStatementVerifier.verify(file, "Dev Space", pinned, seen, Clock.fixed(NOW, ZoneOffset.UTC), limits);
        String sentence = o.sentence(VerificationOutcome.Kind.KEY_STATEMENT);
        assertFalse(sentence.isBlank());
        assertFalse(sentence.contains("bundle"), sentence);
        return o;
    }

    /** A refusal whose sentence no other refusal in this class has. */
    @Test
    void aReleaseBundleIsNotAKeyStatement() {
        VerificationOutcome o = KeyStatementVerifier.verify(bundle(DEV_EC, PROD_EC), "Dev Space", List.of(DEV_EC.certificateDer()), Set.of(),
                Clock.fixed(NOW, ZoneOffset.UTC), Limits.DEFAULT);
        assertEquals("This file is a release bundle, not a key statement; choose a key statement file.",
                o.sentence(VerificationOutcome.Kind.KEY_STATEMENT));
    }

    private static <T extends VerificationOutcome> T refused(Class<T> type, VerificationOutcome o) {
        T t = assertInstanceOf(type, o, () -> o.sentence(VerificationOutcome.Kind.KEY_STATEMENT));
        assertTrue(SENTENCES.add(type.getSimpleName() + ":" + o.sentence(VerificationOutcome.Kind.KEY_STATEMENT)), "its own sentence");
        return t;
    }

    private static byte[] sign(byte[] json, SpaceIdentity by) {
        try {
            X509CertificateHolder cert = new X509CertificateHolder(by.certificateDer());
            return Cms.sign(json, Cms.privateKey(by.privateKeyPkcs8()), cert, Cms.signatureAlgorithm(cert));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of these entries, statement.json the rotation's, signed as given (null: that signature left out). */
    private static byte[] forged(byte[] json, SpaceIdentity first, SpaceIdentity second) {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put(KeyStatementFormat.STATEMENT, json);
        if (first != null) {
            e.put(KeyStatementFormat.SIGNATURE, sign(json, first));
        }
        if (second != null) {
            e.put(KeyStatementFormat.NEW_KEY_SIGNATURE, sign(json, second));
        }
        return zip(e);
    }

    @Test
    void aRotationSignedByBothKeysIsGenuine() {
        GenuineStatement g = assertInstanceOf(GenuineStatement.class, verify(write(rotation(), DEV_EC, DEV_NEW)));
        assertEquals(KeyStatement.Kind.ROTATION, g.statement().kind());
        assertEquals(fp(DEV_EC), g.statement().certificate());
        assertEquals(fp(DEV_NEW), g.statement().newCertificate());
        assertEquals(NOW.plus(Duration.ofDays(14)), g.statement().overlapUntil());
        assertTrue(g.sentence(VerificationOutcome.Kind.KEY_STATEMENT).contains(fp(DEV_NEW).grouped()));
        // RSA to EC too: the two keys need not be of one kind.
        KeyStatement rsa = KeyStatement.rotation("Dev Space", fp(DEV_RSA), NOW, DEV_NEW.certificateDer(), NOW.plus(Duration.ofDays(1)));
        assertInstanceOf(GenuineStatement.class, verify(write(rsa, DEV_RSA, DEV_NEW), DEV_RSA));
    }

    @Test
    void aCompromiseSignedByTheCompromisedKeyIsGenuineAlsoForAFormerCertificate() {
        KeyStatement c = KeyStatement.compromise("Dev Space", fp(DEV_EC), NOW, NOW.minus(Duration.ofDays(2)));
        GenuineStatement g = assertInstanceOf(GenuineStatement.class, verify(write(c, DEV_EC, null), DEV_NEW, DEV_EC));
        assertEquals(NOW.minus(Duration.ofDays(2)), g.statement().notTrustedAfter());
        assertNull(g.statement().newCertificate());
        // Not from a time after the statement was issued (a key trusted on until then), beyond the clock skew.
        KeyStatement future = KeyStatement.compromise("Dev Space", fp(DEV_EC), NOW, NOW.plus(Duration.ofDays(1)));
        assertTrue(refused(InvalidPart.class, verify(write(future, DEV_EC, null))).detail().contains("after the statement was issued"));
    }

    @Test
    void anImporterWhoseClockIsAFewMinutesBehindTakesTheNewCertificateAsAtTheIssueTime() {
        Instant issued = NOW.plus(Duration.ofMinutes(4));
        SpaceIdentity fresh = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, issued);
        KeyStatement s = KeyStatement.rotation("Dev Space", fp(DEV_EC), issued, fresh.certificateDer(), issued.plus(Duration.ofDays(1)));
        assertInstanceOf(GenuineStatement.class, verify(write(s, DEV_EC, fresh)));
    }

    @Test
    void halfSignedForgedAndMisdirectedStatementsAreRefusedEachInItsOwnWords() {
        byte[] json = KeyStatementWriter.json(rotation());
        refused(HalfSigned.class, verify(forged(json, DEV_EC, null)));
        // Signed only by the new key (as the first signature, or as the second with the first missing): not the pinned key's word.
        assertTrue(refused(SignedByAnotherKey.class, verify(forged(json, DEV_NEW, null))).newKey());
        refused(PartMissing.class, verify(forged(json, null, DEV_NEW)));
        // Both signatures present, but the first by a key of another space.
        assertFalse(refused(SignedByAnotherKey.class, verify(forged(json, OTHER_EC, DEV_NEW))).newKey());
        refused(NewKeySignatureInvalid.class, verify(forged(json, DEV_EC, OTHER_EC)));
        // The same entries in another order: one statement has one encoding.
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        reordered.put(KeyStatementFormat.SIGNATURE, sign(json, DEV_EC));
        reordered.put(KeyStatementFormat.STATEMENT, json);
        reordered.put(KeyStatementFormat.NEW_KEY_SIGNATURE, sign(json, DEV_NEW));
        assertTrue(refused(Malformed.class, verify(zip(reordered))).sentence(VerificationOutcome.Kind.KEY_STATEMENT).contains("not in the order"));
        // Both keys signed, but each in the other's place: said so.
        assertTrue(refused(InvalidPart.class, verify(forged(json, DEV_NEW, DEV_EC))).detail().contains("are swapped"));
        // Pinned and signed, but naming another space than the one it is imported for.
        KeyStatement named = KeyStatement.rotation("Totally Other Space", fp(DEV_EC), NOW, DEV_NEW.certificateDer(), NOW.plusSeconds(60));
        assertTrue(refused(InvalidPart.class, verify(write(named, DEV_EC, DEV_NEW))).detail().contains("names the space 'Totally Other Space'"));
        // About another space's certificate.
        KeyStatement other = KeyStatement.rotation("Other Space", fp(OTHER_EC), NOW, DEV_NEW.certificateDer(), NOW.plusSeconds(60));
        refused(StatementAboutAnotherSpace.class, verify(write(other, OTHER_EC, DEV_NEW)));
        // The second rotation of a space whose first was never imported here.
        SpaceIdentity third = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(60));
        KeyStatement second = KeyStatement.rotation("Dev Space", fp(DEV_NEW), NOW, third.certificateDer(), NOW.plusSeconds(60));
        assertTrue(refused(RotationMissed.class, verify(write(second, DEV_NEW, third))).sentence(VerificationOutcome.Kind.KEY_STATEMENT)
                .contains("import the earlier rotation statement first"));
        // Already rotated here: the old certificate is pinned, but no longer current.
        refused(StatementOutdated.class, verify(write(rotation(), DEV_EC, DEV_NEW), DEV_NEW, DEV_EC));
        // A compromise carries one signature only.
        KeyStatement c = KeyStatement.compromise("Dev Space", fp(DEV_EC), NOW, NOW);
        byte[] cJson = KeyStatementWriter.json(c);
        assertEquals(new PartExtra(KeyStatementFormat.NEW_KEY_SIGNATURE), verify(forged(cJson, DEV_EC, DEV_NEW)));
        // Imported before.
        byte[] genuine = write(c, DEV_EC, null);
        refused(AlreadyAccepted.class, verify(genuine, List.of(DEV_EC.certificateDer()), Set.of(c.statementId()), Limits.DEFAULT));
    }

    @Test
    void aNewCertificateThatFailsTheRulesOfSpaceCertificatesIsRefused() {
        SpaceIdentity expired = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, NOW.minus(Duration.ofDays(3700)));
        KeyStatement s = KeyStatement.rotation("Dev Space", fp(DEV_EC), NOW, expired.certificateDer(), NOW.plusSeconds(60));
        NewCertificateRefused r = refused(NewCertificateRefused.class, verify(write(s, DEV_EC, expired)));
        assertTrue(r.sentence(VerificationOutcome.Kind.KEY_STATEMENT).contains("expired"), r.why());
        KeyStatement same = KeyStatement.rotation("Dev Space", fp(DEV_EC), NOW, DEV_EC.certificateDer(), NOW.plusSeconds(60));
        assertTrue(refused(InvalidPart.class, verify(write(same, DEV_EC, DEV_EC))).detail().contains("already had"));
    }

    @Test
    void tamperedTruncatedOversizedAndOddFilesAreRefused() {
        byte[] genuine = write(rotation(), DEV_EC, DEV_NEW);
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(genuine));
        String json = new String(e.get(KeyStatementFormat.STATEMENT), StandardCharsets.UTF_8);
        String later = NOW.plus(Duration.ofDays(14)).toString();
        assertTrue(json.contains(later), json);
        e.put(KeyStatementFormat.STATEMENT, json.replace(later, NOW.plus(Duration.ofDays(300)).toString()).getBytes(StandardCharsets.UTF_8));
        // The overlap lengthened: still canonical JSON, but neither signature covers it.
        refused(SignatureInvalid.class, verify(zip(e)));
        refused(Malformed.class, verify(Arrays.copyOf(genuine, genuine.length / 2)));
        VerificationOutcome big = verify(genuine, List.of(DEV_EC.certificateDer()), Set.of(), new Limits(genuine.length - 1, 16, 1 << 20, 1 << 20, 200));
        assertTrue(refused(UnsafeContainer.class, big).sentence(VerificationOutcome.Kind.KEY_STATEMENT).startsWith(
                "This statement was refused unread because it is " + genuine.length + " bytes, more than the "), big.toString());
        Map<String, byte[]> extra = new LinkedHashMap<>(unzip(genuine));
        extra.put("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        refused(PartExtra.class, verify(zip(extra)));
        KeyStatement future = KeyStatement.rotation("Dev Space", fp(DEV_EC), NOW.plus(Duration.ofHours(1)), DEV_NEW.certificateDer(),
                NOW.plus(Duration.ofDays(1)));
        refused(CreatedInFuture.class, verify(write(future, DEV_EC, DEV_NEW)));
        KeyStatement long_ = KeyStatement.rotation("Dev Space", fp(DEV_EC), NOW, DEV_NEW.certificateDer(), NOW.plus(Duration.ofDays(400)));
        assertTrue(assertInstanceOf(InvalidPart.class, verify(write(long_, DEV_EC, DEV_NEW))).detail().contains("overlap"));
        String kindChanged = json.replace("\"ROTATION\"", "\"RENEWAL\"");
        assertTrue(assertInstanceOf(InvalidPart.class, verify(forged(kindChanged.getBytes(StandardCharsets.UTF_8), DEV_EC, DEV_NEW)))
                .detail().contains("neither"));
    }
}
