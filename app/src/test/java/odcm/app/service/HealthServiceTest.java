package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import odcm.app.service.HealthService.Finding;
import odcm.app.service.HealthService.Kind;
import odcm.app.service.HealthService.Report;
import odcm.model.Refusal;
import odcm.model.cert.CertificateFormat;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import org.junit.jupiter.api.Test;

/** What expires soon, or has, read from a real store by its clock: certificates made to expire, bundles written to expire. */
class HealthServiceTest extends BundleFixture {
    final DashboardServiceTest.StepClock clock = new DashboardServiceTest.StepClock();

    @Override
    AppContext open() {
        ctx = new AppContext(Store.open(location(), clock, System.getProperty("user.name")));
        return ctx;
    }

    /** A remote space whose real certificate expires {@code days} days after the clock's start. */
    void remoteExpiringIn(String name, int days) {
        Instant made = DashboardServiceTest.START.atZone(ZoneOffset.UTC).minusYears(10).plusDays(days).toInstant();
        byte[] der = Certificates.generate(name, KeyAlgorithm.EC_P256, made).certificateDer();
        ctx.remotes().add(name, "", der, Certificates.fingerprint(der).hex());
    }

    static List<String> sentences(Report r) {
        return r.findings().stream().map(Finding::sentence).toList();
    }

    @Test
    void certificatesAndTheTrustsOnThemExpiringSoonOrExpired() {
        open();
        local(QA);
        remoteExpiringIn(PROD, 12);
        remoteExpiringIn("Old Space", 1);
        ctx.trusts().add(QA, PROD, TrustKind.RELEASE_BUNDLES);
        clock.advance(Duration.ofDays(2));

        Report all = ctx.health().check(null, 30);
        String prodDate = DashboardServiceTest.START.plus(Duration.ofDays(12)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        assertEquals(List.of("Old Space's certificate (a remote space) expired 1 day ago (" + DashboardServiceTest.START.plus(Duration.ofDays(1))
                        .atOffset(ZoneOffset.UTC).toLocalDate() + "): its bundles and receipts are refused here, and nothing can be sent to it;"
                        + " ask its owner for a new one (odcm remote replace-cert).",
                "Prod Space's certificate (a remote space) expires in 10 days (" + prodDate + "); ask its owner for a new one before then.",
                "The trust by which 'QA Space' accepts release bundles from 'Prod Space' relies on the certificate of 'Prod Space', which expires"
                        + " in 10 days (" + prodDate + "); then release bundles from it will be refused."), sentences(all));
        assertEquals(List.of(Kind.REMOTE_CERTIFICATE, Kind.REMOTE_CERTIFICATE, Kind.TRUST), all.findings().stream().map(Finding::kind).toList());
        assertEquals(List.of(-1L, 10L, 10L), all.findings().stream().map(Finding::daysLeft).toList());
        assertEquals(List.of("Expired", "Expires soon", "Expires soon"), all.findings().stream().map(Finding::state).toList());
        assertEquals("2 expire soon, 1 expired", all.summary());
        assertEquals(clock.now, all.asOf(), "judged by the store's clock");

        assertEquals(List.of("Old Space"), ctx.health().check(null, 9).findings().stream().map(Finding::name).toList(), "10 days is beyond 9");
        assertEquals(List.of(PROD, "QA Space accepts release bundles from Prod Space"),
                ctx.health().check(QA, 30).findings().stream().map(Finding::name).toList(), "a space's own, its trusts' and their remote spaces'");

        clock.now = ctx.spaces().find(QA).certificate().notAfter().minus(Duration.ofDays(12));
        Finding own = ctx.health().check(QA, 30).findings().stream().filter(f -> f.kind() == Kind.OWN_CERTIFICATE).findFirst().orElseThrow();
        assertEquals(12, own.daysLeft());
        assertTrue(own.sentence().startsWith("QA Space's own certificate expires in 12 days (" + own.expires().atOffset(ZoneOffset.UTC).toLocalDate()
                + "); then the spaces that trust it will refuse its bundles and receipts"), own.sentence());
    }

    @Test
    void outboxBundlesUntilImportedAndInboxFilesUntilRemoved() throws Exception {
        // behind the real clock all along: a team store refuses a deployment dated ahead of its server's clock (decision 0043)
        clock.now = Instant.now().minus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        throughTheEarlierPhases("1.0.0");
        Path inbox = Files.createDirectories(BundleService.inboxFolder(BundleService.inboxRoot(ctx.store()), PROD));
        Path waiting = inbox.resolve("web.odcmbundle");
        ctx.bundles().create(DEV, "Web", "1.0.0", PROD, waiting, 5, false);
        Files.writeString(inbox.resolve("notes.txt"), "not a bundle"); // no expiry to tell: not listed (the Inbox says why)

        Report r = ctx.health().check(null, 30);
        assertEquals(List.of(Kind.OUTBOX_BUNDLE, Kind.INBOX_BUNDLE), r.findings().stream().map(Finding::kind).sorted().toList());
        assertEquals(List.of(5L, 5L), r.findings().stream().map(Finding::daysLeft).toList());
        assertTrue(sentences(r).contains("The bundle file web.odcmbundle from 'DevTest Space' waiting in the Inbox of 'Prod Space' expires in 5 days ("
                + r.findings().get(0).expires().atOffset(ZoneOffset.UTC).toLocalDate() + "); import it before then."), sentences(r).toString());
        assertEquals(0, ctx.health().check(DEV, 4).findings().size(), "5 days is beyond 4");

        clock.advance(Duration.ofDays(6));
        Report expired = ctx.health().check(null, 3);
        assertEquals("2 expired", expired.summary());
        assertTrue(sentences(expired).stream().anyMatch(s -> s.startsWith("The bundle of release 1.0.0 of 'Web' for 'Prod Space' in the Outbox of"
                + " 'DevTest Space' (web.odcmbundle) expired 1 day ago")), sentences(expired).toString());

        clock.advance(Duration.ofDays(5)); // the Outbox's expired 6 days ago: old news beyond 3 days; the file waits until removed
        assertEquals(List.of(Kind.INBOX_BUNDLE), ctx.health().check(null, 3).findings().stream().map(Finding::kind).toList());

        byte[] again = ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("again.odcmbundle"), 2, false).bytes();
        assertEquals(List.of(Kind.OUTBOX_BUNDLE, Kind.INBOX_BUNDLE), ctx.health().check(null, 30).findings().stream().map(Finding::kind).sorted()
                .toList(), "the new bundle supersedes the earlier one in the Outbox");
        prodLifecycle();
        ctx.imports().importBundle(PROD, again, null, java.util.Map.of());
        assertEquals(List.of(Kind.INBOX_BUNDLE), ctx.health().check(null, 30).findings().stream().map(Finding::kind).toList(),
                "the bundle Prod Space imported is no longer in question");
        Files.delete(waiting);
        assertEquals("Nothing expires within 30 days.", ctx.health().check(null, 30).summary());

        // A bundle of the default 30 days is told of in its last week only: not the moment it is made (a monitoring script
        // would alarm on every promotion), even within the 30 days asked for.
        ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("month.odcmbundle"), 30, false);
        assertEquals("Nothing expires within 30 days.", ctx.health().check(null, 30).summary());
        clock.advance(Duration.ofDays(23));
        assertEquals(List.of(7L), ctx.health().check(null, 30).findings().stream().map(Finding::daysLeft).toList());
    }

    @Test
    void anOverlapEndingSoonAndAKeyDeclaredCompromised() {
        open();
        local(QA);
        var rotated = ctx.keys().rotate(QA, 3, null, tmp.resolve("qa.odcmkeys"), false);
        Report r = ctx.health().check(QA, 30);
        assertEquals(1, r.findings().size(), sentences(r).toString());
        assertEquals(HealthService.Kind.KEY_OVERLAP, r.findings().get(0).kind());
        assertTrue(r.findings().get(0).sentence().startsWith("The overlap of " + QA + "'s earlier certificate " + rotated.from().grouped()
                + " expires in 3 days ("), r.findings().get(0).sentence());
        assertTrue(ctx.health().check(QA, 2).findings().isEmpty(), "beyond the days asked");

        Instant from = clock.instant().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ctx.keys().declareCompromised(QA, rotated.from().hex(), from, tmp.resolve("c.odcmkeys"), false);
        Report after = ctx.health().check(QA, 30);
        assertEquals("1 compromised", after.summary());
        Finding f = after.findings().get(0);
        assertEquals("Compromised", f.state());
        assertEquals("The key of " + QA + "'s earlier certificate " + rotated.from().grouped() + " is declared compromised from " + from
                + " on: nothing signed with it is accepted.", f.sentence());
    }

    @Test
    void refusals() {
        open();
        local(QA);
        assertEquals("Look 1 to 3650 days ahead; 0 is not in that range.", assertThrows(Refusal.class, () -> ctx.health().check(null, 0)).getMessage());
        assertEquals("There is no space named 'Nope'.", assertThrows(Refusal.class, () -> ctx.health().check("Nope", 30)).getMessage());
    }

    @Test
    void exportingASpaceCertificateIsAudited() {
        open();
        local(QA);
        byte[][] written = {null};
        ctx.spaces().exportCertificate(QA, CertificateFormat.PEM, "qa.pem", bytes -> written[0] = bytes);
        assertTrue(new String(written[0], java.nio.charset.StandardCharsets.US_ASCII).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals("space.certificate-export", lastAudit().action());
        assertEquals("local space 'QA Space'", lastAudit().subject());
        assertEquals("PEM to qa.pem; certificate fingerprint " + ctx.spaces().find(QA).certificate().fingerprint().grouped(), lastAudit().detail());

        int entries = audit().size();
        assertThrows(Refusal.class, () -> ctx.spaces().exportCertificate(QA, CertificateFormat.DER, "x.der", bytes -> {
            throw new Refusal("The disk is full.");
        }));
        assertEquals(entries, audit().size(), "a failed write records nothing");
        assertFalse(lastAudit().detail().contains("PRIVATE"));
    }
}
