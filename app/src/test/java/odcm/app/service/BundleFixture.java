package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import odcm.model.Secret;
import odcm.model.cert.CertificateFormat;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.KeyAlgorithm;

/**
 * DevTest Space promoting project Web to Prod Space, both local spaces of one real store, Prod trusting DevTest for
 * release bundles; and the check that an action left the store (and every file of the test folder) as it was.
 */
abstract class BundleFixture extends ServiceFixture {
    /** How the store is (re)opened; a test may open it with another clock. */
    Supplier<AppContext> opener = () -> AppContext.open(location());

    void connected(KeyAlgorithm dev, KeyAlgorithm prod) {
        open();
        ctx.spaces().create(DEV, "", dev);
        ctx.spaces().create(PROD, "", prod);
        ctx.environments().create(DEV, "Development", "");
        ctx.environments().create(DEV, "Test", "");
        ctx.environments().createRemote(DEV, PROD, "Production");
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.0.0", "first", null, webPackages("1.0.0"));
        ctx.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
    }

    /** As {@link #connected}, and release 1.0.0 deployed through the phases before its promotion, so it may be promoted. */
    void promotable(KeyAlgorithm dev, KeyAlgorithm prod) {
        connected(dev, prod);
        throughTheEarlierPhases("1.0.0");
    }

    /** Deploys {@code version} of Web to Development and Test: the phases before its promotion to Prod (decision 0045). */
    void throughTheEarlierPhases(String version) {
        ctx.deployments().deploy(DEV, "Web", version, "Development", true);
        ctx.deployments().deploy(DEV, "Web", version, "Test", true);
    }

    /** Prod Space's own environment Production and lifecycle 'Prod', which an import into it needs. */
    void prodLifecycle() {
        ctx.environments().create(PROD, "Production", "");
        ctx.lifecycles().create(PROD, new odcm.model.lifecycle.LifecycleDraft("Prod", "", true,
                java.util.List.of(phase("Production", java.util.List.of("Production"), java.util.List.of(), java.util.List.of()))));
    }

    /** DevTest's release imported into Prod, deployed there, and reported back to DevTest by a receipt: its bytes. */
    byte[] importedDeployedAndReported() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        ctx.imports().importBundle(PROD, promote(PROD, "web.odcmbundle"), null, java.util.Map.of());
        ctx.deployments().deploy(PROD, DEV + ": Web", "1.0.0", "Production", true);
        ctx.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        byte[] receipt = ctx.receipts().create(PROD, DEV, out("prod.odcmreceipt"), 30, false).bytes();
        org.junit.jupiter.api.Assertions.assertTrue(ctx.receipts().importReceipt(DEV, receipt).accepted());
        return receipt;
    }

    Path out(String name) {
        try {
            return Files.createDirectories(tmp.resolve("out")).resolve(name);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle of Web 1.0.0 from DevTest to {@code target}, as a file, and its bytes; deployed through the earlier phases first if it was nowhere yet. */
    byte[] promote(String target, String file) {
        if (ctx.deployments().ofRelease(DEV, "Web", "1.0.0").isEmpty()) {
            throughTheEarlierPhases("1.0.0"); // the phases before the promotion (decision 0045)
        }
        return ctx.bundles().create(DEV, "Web", "1.0.0", target, out(file), 30, false).bytes();
    }

    Path file(String name, byte[] bytes) {
        try {
            return Files.write(out(name), bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] devCertificate() {
        return ctx.spaces().certificate(DEV, CertificateFormat.DER);
    }

    Secret devKey() {
        return ctx.store().read(tx -> BundleChecks.privateKey(ctx.store(), tx, tx.spaces().findByName(DEV).orElseThrow()));
    }

    /**
     * Runs {@code action} and asserts it changed nothing: no row of any table, no audit entry, no file in the test folder
     * (store, keys and bundle files alike). The store is closed and reopened around it to read it with plain JDBC.
     */
    <T> T unchanged(Supplier<T> action) {
        int auditBefore = audit().size();
        String before = digest();
        T result = action.get();
        assertEquals(auditBefore, audit().size(), "no audit entry");
        assertEquals(before, digest(), "the store and the files are as they were");
        return result;
    }

    private String digest() {
        ctx.close();
        try {
            return StoreDigest.files(tmp) + "\n" + StoreDigest.of(location());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            ctx = opener.get();
        }
    }
}
