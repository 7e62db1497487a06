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
        ctx.keys().retireOld(DEV);
        assertTrue(ctx.audit().list(AuditFilter.ALL).get(0).detail().contains("1 former key removed"));
        assertEquals("The key of certificate " + rotated.from().grouped() + " of local space '" + DEV + "' is no longer kept (it was retired),"
                        + " so no statement can be signed with it; nothing was changed.",
                assertThrows(Refusal.class, () -> ctx.keys().declareCompromised(DEV, rotated.from().hex(), Instant.now(),
                        tmp.resolve("c.odcmkeys"), false)).getMessage());

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
