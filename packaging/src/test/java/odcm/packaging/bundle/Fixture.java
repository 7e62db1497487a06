package odcm.packaging.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import odcm.model.cert.Fingerprint;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.SpaceIdentity;

/** Real spaces with real keys (generated once), a small release, and helpers to take bundles apart and put them back together. */
final class Fixture {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final SpaceIdentity DEV_EC = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(3600));
    static final SpaceIdentity PROD_EC = Certificates.generate("Prod Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(3600));
    static final SpaceIdentity OTHER_EC = Certificates.generate("Other Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(3600));
    static final SpaceIdentity DEV_RSA = Certificates.generate("Dev Space", KeyAlgorithm.RSA_3072, NOW.minusSeconds(3600));
    static final SpaceIdentity PROD_RSA = Certificates.generate("Prod Space", KeyAlgorithm.RSA_3072, NOW.minusSeconds(3600));

    private Fixture() {
    }

    static ReleaseSnapshot snapshot() {
        return new ReleaseSnapshot(
                List.of(new DeploymentStep("Deploy web", "package", Map.of("path", "/srv/web", "port", "8080"), Scope.of(List.of("Production")),
                        List.of(new PackageReference("Acme.Web")))),
                List.of(new Variable("ConnectionString", "Server=db;Password=hunter2", true, Scope.of(List.of("Production"))),
                        new Variable("ConnectionString", "Server=testdb;Password=t3st", true, Scope.of(List.of("Test"))),
                        new Variable("LogLevel", "Info", false, Scope.ALL),
                        new Variable("Greeting", "Grüezi \"Zürich\" ✓", false, Scope.ALL)),
                List.of(new VariableTemplate("AdminEmail", "Admin e-mail", "Who gets alerts", TemplateType.SINGLE_LINE, List.of(), true, ""),
                        new VariableTemplate("Size", "Size", "", TemplateType.SELECT, List.of("S", "M"), false, "S")),
                List.of(new PackageVersion("Acme.Web", "1.2.3", "a".repeat(64))));
    }

    static BundleContent content(String source, String target, long sequence) {
        return new BundleContent(UUID.randomUUID(), source, target, sequence, NOW, NOW.plus(Duration.ofDays(30)), "Acme", "1.2.3",
                "First cut", "Default", snapshot(),
                List.of(new BundleContent.HistoryEntry("Dev Space", "Test", NOW.minusSeconds(600), "succeeded")));
    }

    static byte[] write(BundleContent content, SpaceIdentity source, SpaceIdentity target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BundleWriter.write(content, new SourceKey(source.certificateDer(), source.privateKeyPkcs8()), target.certificateDer(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] bundle(SpaceIdentity source, SpaceIdentity target) {
        return write(content("Dev Space", "Prod Space", 1), source, target);
    }

    static Fingerprint fp(SpaceIdentity id) {
        return Certificates.fingerprint(id.certificateDer());
    }

    /** Prod Space's view: trusts the given sources, nothing accepted yet, the clock at NOW, no private key. */
    static VerificationContext prodTrusting(SpaceIdentity prod, SpaceIdentity... sources) {
        Map<Fingerprint, SourceTrust> trust = new java.util.HashMap<>();
        for (SpaceIdentity s : sources) {
            trust.put(fp(s), new SourceTrust.Trusted(s.certificateDer()));
        }
        return new VerificationContext("Prod Space", fp(prod), f -> trust.getOrDefault(f, new SourceTrust.Unknown()), f -> OptionalLong.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC), Set.of(), null, null);
    }

    static Map<String, byte[]> unzip(byte[] bundle) {
        return BundleFiles.unzip(bundle);
    }

    static byte[] zip(Map<String, byte[]> entries) {
        return BundleFiles.zip(entries);
    }

    /** Recomputes the manifest's hashes over {@code entries} and signs it again with {@code source}'s key (what a rogue signer could do). */
    static byte[] resign(Map<String, byte[]> entries, SpaceIdentity source, String algorithm) {
        return BundleFiles.resign(entries, source.certificateDer(), source.privateKeyPkcs8(), algorithm);
    }
    /** A receipt of Prod Space (the signer {@code signer}) to Dev Space reporting one deployment, created at {@code created}. */
    static byte[] receipt(SpaceIdentity signer, SpaceIdentity addressee, Instant created) {
        ReceiptContent content = new ReceiptContent(UUID.randomUUID(), "Prod Space", "Dev Space", 1, created, created.plus(Duration.ofDays(30)),
                List.of(new ReceiptContent.Deployment(UUID.randomUUID(), "Acme", "1.2.3", "Production", "SUCCEEDED", NOW.minusSeconds(60), "ops")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReceiptWriter.write(content, new SourceKey(signer.certificateDer(), signer.privateKeyPkcs8()), addressee.certificateDer(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Dev Space's view ({@code dev} its identity) trusting the given signers for receipts, the clock at NOW. */
    static VerificationContext devTrustingReceipts(SpaceIdentity dev, SpaceIdentity... signers) {
        VerificationContext prodView = prodTrusting(dev, signers);
        return new VerificationContext("Dev Space", fp(dev), prodView.trust(), prodView.lastAcceptedSequence(), prodView.clock(), Set.of(),
                null, null);
    }
}
