package odcm.app.ui;

import java.nio.file.Path;
import java.time.Instant;
import odcm.app.service.AppContext;
import odcm.model.cert.CertificateFormat;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;

/** Fresh stores in a test's temporary folder, and certificates of "another network" made with real crypto. */
public final class TestStores {
    private TestStores() {
    }

    public static StoreLocation location(Path tmp, String name) {
        return new StoreLocation(tmp.resolve(name).resolve("store"), tmp.resolve(name).resolve("keys"));
    }

    public static AppContext open(Path tmp, String name) {
        return AppContext.open(location(tmp, name));
    }

    /** The PEM certificate another console would have saved for its space {@code spaceName}. */
    public static byte[] foreignCertificatePem(String spaceName) {
        byte[] der = Certificates.generate(spaceName, KeyAlgorithm.EC_P256, Instant.now()).certificateDer();
        return Certificates.encode(der, CertificateFormat.PEM);
    }
}
