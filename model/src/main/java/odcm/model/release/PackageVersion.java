package odcm.model.release;

import odcm.model.Names;
import odcm.model.Refusal;

/** One line of a release's package manifest: the exact package a release deploys. */
public record PackageVersion(String packageId, String version, String sha256) {
    public PackageVersion {
        packageId = Names.check("A package", packageId, 200);
        version = Names.check("A package version", version, 100);
        if (!odcm.model.cert.Fingerprint.isSha256Hex(sha256)) {
            throw new Refusal("The SHA-256 of package " + packageId + " " + version + " must be 64 hexadecimal digits.");
        }
        sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
    }
}
