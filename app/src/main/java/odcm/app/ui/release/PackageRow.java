package odcm.app.ui.release;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.model.release.PackageVersion;

/** One package the process deploys, as the release being created will pin it: version and SHA-256. */
public final class PackageRow {
    private final String packageId;
    private final StringProperty version = new SimpleStringProperty("");
    private final StringProperty sha256 = new SimpleStringProperty("");

    public PackageRow(String packageId) {
        this.packageId = packageId;
    }

    /** What is wrong with this row, in a sentence; empty when it is complete. */
    public String problem() {
        if (version.get().isBlank()) {
            return "Give the version of package " + packageId + ".";
        }
        String hash = sha256.get().strip();
        if (hash.isEmpty()) {
            return "Give the SHA-256 of package " + packageId + " " + version.get().strip() + ".";
        }
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            return "The SHA-256 of package " + packageId + " must be 64 hexadecimal digits (0-9, a-f); it has " + hash.length() + " characters"
                    + (hash.matches("[0-9a-fA-F]*") ? "." : ", some of them not hexadecimal.");
        }
        return "";
    }

    public PackageVersion toPackageVersion() {
        return new PackageVersion(packageId, version.get().strip(), sha256.get().strip());
    }

    public String packageId() {
        return packageId;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public StringProperty sha256Property() {
        return sha256;
    }
}
