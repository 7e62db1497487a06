package odcm.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import odcm.app.service.AppContext;
import odcm.app.service.BundleChecks;
import odcm.model.Secret;
import odcm.model.cert.CertificateFormat;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.model.space.Space;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.BundleContent;
import odcm.packaging.bundle.BundleWriter;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;

/**
 * Release bundles for tests, written with the packaging BundleWriter from a release stored in a source store: two
 * networks (DevTest Space in one store, Prod Space in another, certificates exchanged as files, the fingerprint
 * confirmed, Prod trusting DevTest for bundles), or both spaces local in one store (connected).
 * At merge, {@link #bundle} can switch to BundleService.create.
 */
public final class TestBundles {
    public static final String DEV = "DevTest Space";
    public static final String PROD = "Prod Space";
    public static final String SECRET = "s3cr3t-Production-Password-9081";
    public static final String SHA = "ab".repeat(32);
    /** The remote project the import makes in Prod Space. */
    public static final String REMOTE_WEB = DEV + ": Web";

    private TestBundles() {
    }

    public static StoreLocation location(Path dir) {
        return new StoreLocation(dir.resolve("store"), dir.resolve("keys"));
    }

    /** Network A's store with DevTest Space and network B's with Prod Space, each knowing and (B) trusting the other. */
    public static AppContext[] twoNetworks(Path tmp) {
        AppContext a = AppContext.open(location(tmp.resolve("network-a")));
        AppContext b = AppContext.open(location(tmp.resolve("network-b")));
        a.spaces().create(DEV, "Builds and tests", KeyAlgorithm.EC_P256);
        b.spaces().create(PROD, "Production", KeyAlgorithm.RSA_3072);
        byte[] devCert = a.spaces().certificate(DEV, CertificateFormat.PEM);
        byte[] prodCert = b.spaces().certificate(PROD, CertificateFormat.PEM);
        a.remotes().add(PROD, "network B", prodCert, a.remotes().preview(prodCert).info().fingerprint().hex());
        b.remotes().add(DEV, "network A", devCert, b.remotes().preview(devCert).info().fingerprint().hex());
        b.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
        sourceSide(a);
        targetSide(b);
        return new AppContext[] {a, b};
    }

    /** Both spaces local in one store (connected): Prod Space trusts DevTest Space for bundles. */
    public static AppContext connected(Path tmp) {
        AppContext c = AppContext.open(location(tmp.resolve("connected")));
        c.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
        c.spaces().create(PROD, "", KeyAlgorithm.EC_P256);
        c.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
        sourceSide(c);
        targetSide(c);
        return c;
    }

    /** Deploys DevTest's Web {@code version} to Development and Test: the phases before its promotion to Prod (decision 0045). */
    public static void throughTest(AppContext a, String version) {
        a.deployments().deploy(DEV, "Web", version, "Development", true);
        a.deployments().deploy(DEV, "Web", version, "Test", true);
    }

    /** DevTest: Development, Test, and 'Prod Space: Production'; lifecycle Main; project Web with release 1.0.0. */
    static void sourceSide(AppContext a) {
        a.environments().create(DEV, "Development", "");
        a.environments().create(DEV, "Test", "");
        a.environments().createRemote(DEV, PROD, "Production");
        a.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                new PhaseDraft("Dev", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Test", List.of("Test"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Production", List.of(), List.of(PROD + ": Production"), List.of(PROD), ProgressionRule.ALL))));
        a.projects().create(DEV, web(List.of()));
        a.releases().create(DEV, "Web", "1.0.0", "First cut", null, List.of(new PackageVersion("Acme.Web", "1.0.0", SHA)));
    }

    /** The Web project; {@code extraSteps} are added after its own (to make a later release differ). */
    public static ProjectDraft web(List<DeploymentStep> extraSteps) {
        List<DeploymentStep> steps = new java.util.ArrayList<>(List.of(
                new DeploymentStep("Deploy web", "Deploy a package", Map.of("Path", "/srv/web"), Scope.ALL, List.of(new PackageReference("Acme.Web"))),
                new DeploymentStep("Smoke test", "Run a script", Map.of("Script", "curl -f http://localhost"),
                        Scope.of(List.of("Test", PROD + ": Production")), List.of())));
        steps.addAll(extraSteps);
        return new ProjectDraft("Web", "the shop", "Main", steps,
                List.of(new Variable("DbPassword", SECRET, true, Scope.of(List.of(PROD + ": Production"))),
                        new Variable("Url", "http://test.example", false, Scope.of(List.of("Test"))),
                        new Variable("LogLevel", "Info", false, Scope.ALL),
                        // The mandatory values for the source's own environments: a release made there deploys only with them.
                        new Variable("AdminEmail", "dev@example.org", false, Scope.of(List.of("Development", "Test"))),
                        new Variable("DbPassword", "dev-pw-1207", true, Scope.of(List.of("Development", "Test")))),
                List.of(new VariableTemplate("Region", "Region", "Where the shop runs", TemplateType.SELECT, List.of("eu", "us"), true, "eu"),
                        new VariableTemplate("AdminEmail", "Admin e-mail", "Who gets the alerts", TemplateType.SINGLE_LINE, List.of(), true, ""),
                        new VariableTemplate("DbPassword", "Database password", "The shop database's password", TemplateType.SENSITIVE,
                                List.of(), true, ""),
                        new VariableTemplate("Banner", "Banner text", "Shown above every page", TemplateType.MULTI_LINE, List.of(), false, ""),
                        new VariableTemplate("Maintenance", "Maintenance mode", "", TemplateType.CHECKBOX, List.of(), false, "false")),
                List.of());
    }

    /** Prod Space: Staging then Production, lifecycle 'Prod'. */
    static void targetSide(AppContext b) {
        b.environments().create(PROD, "Staging", "");
        b.environments().create(PROD, "Production", "");
        b.lifecycles().create(PROD, new LifecycleDraft("Prod", "", true, List.of(
                new PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Production", List.of("Production"), List.of(), List.of(), ProgressionRule.ALL))));
    }

    /** A bundle of DevTest's release {@code version} of Web for Prod Space, written by the source store {@code a}. */
    public static byte[] bundle(AppContext a, String version, long sequence) {
        return bundle(a, version, sequence, null);
    }

    /** As {@link #bundle(AppContext, String, long)}, carrying the source's override of lifecycle order (decision 0045), or none. */
    public static byte[] bundle(AppContext a, String version, long sequence, BundleContent.OutOfOrder outOfOrder) {
        Release r = a.releases().find(DEV, "Web", version);
        Instant now = a.spaces().now();
        BundleContent c = BundleContent.of(r, DEV, PROD, sequence, now.minusSeconds(60), now.plus(Duration.ofDays(14)),
                List.of(new BundleContent.HistoryEntry(DEV, "Test", now.minusSeconds(3600), "succeeded")));
        return write(a, new BundleContent(c.bundleId(), c.sourceSpace(), c.targetSpace(), c.sequence(), c.created(), c.expires(), c.project(),
                c.version(), c.notes(), c.channel(), c.snapshot(), c.history(), c.releaseCreated(), outOfOrder));
    }

    /** The same release with a changed snapshot and a new bundle id: a newer revision of it. */
    public static byte[] revised(AppContext a, String version, long sequence, List<DeploymentStep> extraSteps) {
        return revised(a, version, sequence, 1, extraSteps);
    }

    /** As {@link #revised(AppContext, String, long, List)}, the bundle naming {@code revision} (1: no revision named, as before 0048). */
    public static byte[] revised(AppContext a, String version, long sequence, int revision, List<DeploymentStep> extraSteps) {
        Release r = a.releases().find(DEV, "Web", version);
        Instant now = a.spaces().now();
        var s = r.snapshot();
        List<DeploymentStep> steps = new java.util.ArrayList<>(s.process());
        steps.addAll(extraSteps);
        return write(a, new BundleContent(UUID.randomUUID(), DEV, PROD, sequence, now.minusSeconds(60), now.plus(Duration.ofDays(14)), "Web",
                r.version(), r.notes() + " (revised)", r.channel(), new odcm.model.release.ReleaseSnapshot(steps, s.variables(), s.templates(),
                s.packages()), List.of(), now.minusSeconds(60), revision));
    }

    public static byte[] write(AppContext a, BundleContent content) {
        Space dev = a.spaces().find(DEV);
        byte[] devCert = a.spaces().certificate(DEV, CertificateFormat.DER);
        byte[] prodCert = a.spaces().certificate(PROD, CertificateFormat.DER);
        try (Secret key = a.store().read(tx -> BundleChecks.privateKey(a.store(), tx, dev))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BundleWriter.write(content, new SourceKey(devCert, key), prodCert, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One byte in the middle changed: a tampered bundle. */
    public static byte[] tampered(byte[] bundle) {
        byte[] copy = bundle.clone();
        copy[copy.length / 2] ^= 0x20;
        return copy;
    }

    /** Values for every mandatory blank of release 1.0.0 in Prod Space's lifecycle. */
    public static Map<String, Map<String, String>> values() {
        return Map.of("Staging", Map.of("AdminEmail", "ops-staging@example.org", "DbPassword", "staging-pw-4411"),
                "Production", Map.of("AdminEmail", "ops@example.org"));
    }

    /** A deployment receipt with {@code content}, signed by the local space {@code signer} of {@code store} for {@code addressee}. */
    public static byte[] receipt(AppContext store, String signer, String addressee, odcm.packaging.bundle.ReceiptContent content) {
        Space s = store.spaces().find(signer);
        try (Secret key = store.store().read(tx -> BundleChecks.privateKey(store.store(), tx, s))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            odcm.packaging.bundle.ReceiptWriter.write(content, new SourceKey(store.spaces().certificate(signer, CertificateFormat.DER), key),
                    store.spaces().certificate(addressee, CertificateFormat.DER), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
