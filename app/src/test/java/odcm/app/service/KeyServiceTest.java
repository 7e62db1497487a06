package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.audit.AuditFilter;
import odcm.model.cert.CertificateFormat;
import odcm.packaging.bundle.KeyStatement;
import odcm.packaging.bundle.KeyStatementVerifier;
import odcm.packaging.bundle.KeyStatementWriter;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.SpaceIdentity;
import org.junit.jupiter.api.Test;

/**
 * Keys over time in one store (decision 0056), also on a team store ({@code -Dodcm.test.engine=postgresql}): a local space's
 * rotation keeps its former key until retired; a remote space takes a rotation and a compromise statement of another
 * console. The two-store round trip is {@link KeyRotationTest}.
 */
class KeyServiceTest extends ServiceFixture {
    @Test
    void rotateRetireAndImportStatementsOfAnotherConsole() throws Exception {
        open();
        assertEquals(KeyStatementVerifier.MAX_OVERLAP.toDays(), KeyService.MAX_OVERLAP_DAYS);
        ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
        var rotated = ctx.keys().rotate(DEV, 2, null, tmp.resolve("dev.odcmkeys"), false);
        assertEquals(List.of(rotated.to(), rotated.from()), ctx.spaces().certificates(DEV).stream().map(c -> c.info().fingerprint()).toList());
        assertEquals(1, ctx.keys().windows(DEV).size());
        // The statement written again while the overlap lasts: the same rotation, verifying against the old certificate.
        KeyStatement again = ctx.keys().rotationStatement(DEV, tmp.resolve("again.odcmkeys"), false);
        var genuine = KeyStatementVerifier.verify(java.nio.file.Files.readAllBytes(tmp.resolve("again.odcmkeys")), DEV,
                List.of(ctx.spaces().certificates(DEV).get(1).der()), java.util.Set.of(), java.time.Clock.systemUTC(), null);
        var g = org.junit.jupiter.api.Assertions.assertInstanceOf(odcm.packaging.bundle.VerificationOutcome.GenuineStatement.class, genuine);
        assertEquals(rotated.to(), g.statement().newCertificate());
        assertEquals(ctx.keys().windows(DEV).get(0).acceptedUntil(), again.overlapUntil());
        assertEquals("'" + DEV + "' is a local space: space retire-old-key ends its overlap; nothing was changed.",
                assertThrows(Refusal.class, () -> ctx.keys().retireOld(DEV, false)).getMessage());
        KeyService.Retired retired = ctx.keys().retireOld(DEV, true);
        assertTrue(retired.acceptedElsewhereUntil().isAfter(Instant.now().plus(Duration.ofDays(1))), "elsewhere: the overlap they were told");
        assertTrue(ctx.audit().list(AuditFilter.ALL).get(0).detail().contains("the former key is kept"));
        assertTrue(assertThrows(Refusal.class, () -> ctx.keys().rotationStatement(DEV, tmp.resolve("late.odcmkeys"), false)).getMessage()
                .contains("has no earlier key in an overlap, so no rotation statement can be written again"));
        // The current key is not declared compromised while the space signs with it: rotate first.
        assertTrue(assertThrows(Refusal.class, () -> ctx.keys().declareCompromised(DEV, null, Instant.now(), tmp.resolve("c.odcmkeys"), false))
                .getMessage().contains("rotate the key first"));
        // No compromise from a time to come (it would keep the key trusted until then).
        assertEquals("A key is declared compromised from a time up to now, not from 2062-12-01T00:00:00Z; nothing was changed.",
                assertThrows(Refusal.class, () -> ctx.keys().declareCompromised(DEV, rotated.from().hex(), Instant.parse("2062-12-01T00:00:00Z"),
                        tmp.resolve("c.odcmkeys"), false)).getMessage());
        // After an early retirement the former key still declares itself compromised; then only an earlier time again.
        Instant from = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        KeyService.Declared declared = ctx.keys().declareCompromised(DEV, rotated.from().hex(), from, tmp.resolve("c.odcmkeys"), false);
        assertTrue(declared.sentence().endsWith("in this console nothing signed with it was accepted since then."), declared.sentence());
        assertTrue(assertThrows(Refusal.class, () -> ctx.keys().declareCompromised(DEV, rotated.from().hex(), from, tmp.resolve("d.odcmkeys"),
                false)).getMessage().endsWith("only an earlier time changes that, so nothing was changed."));
        ctx.keys().declareCompromised(DEV, rotated.from().hex(), from.minusSeconds(60), tmp.resolve("d.odcmkeys"), false);
        assertEquals(from.minusSeconds(60), ctx.keys().windows(DEV).get(0).compromisedFrom());

        Instant now = ctx.spaces().now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SpaceIdentity prod = Certificates.generate(PROD, KeyAlgorithm.EC_P256, now.minusSeconds(60));
        SpaceIdentity next = Certificates.generate(PROD, KeyAlgorithm.EC_P256, now.minusSeconds(60));
        byte[] pem = Certificates.encode(prod.certificateDer(), CertificateFormat.PEM);
        ctx.remotes().add(PROD, "", pem, ctx.remotes().preview(pem).info().fingerprint().hex());
        byte[] rotation = statement(KeyStatement.rotation(PROD, Certificates.fingerprint(prod.certificateDer()), now, next.certificateDer(),
                now.plus(Duration.ofDays(7))), prod, next);
        ctx.keys().importStatement(PROD, rotation, Certificates.fingerprint(next.certificateDer()).hex());
        byte[] compromise = statement(KeyStatement.compromise(PROD, Certificates.fingerprint(prod.certificateDer()), now,
                now.minus(Duration.ofDays(1))), prod, null);
        KeyService.Imported c = ctx.keys().importStatement(PROD, compromise, null);
        assertTrue(c.acceptedSince().isEmpty());
        var windows = ctx.keys().windows(PROD);
        assertEquals(1, windows.size());
        assertEquals(now.minus(Duration.ofDays(1)), windows.get(0).compromisedFrom());
        assertEquals(List.of("remote.compromise", "remote.rotate"), ctx.audit().list(AuditFilter.ALL).subList(0, 2).stream()
                .map(e -> e.action()).toList());
    }

    private static byte[] statement(KeyStatement s, SpaceIdentity subject, SpaceIdentity newKey) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KeyStatementWriter.write(s, new SourceKey(subject.certificateDer(), subject.privateKeyPkcs8()),
                newKey == null ? null : new SourceKey(newKey.certificateDer(), newKey.privateKeyPkcs8()), out);
        return out.toByteArray();
    }
}
