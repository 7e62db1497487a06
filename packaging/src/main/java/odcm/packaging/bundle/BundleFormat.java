package odcm.packaging.bundle;

import java.util.List;

/** Entry names and the schema version of release bundles (docs/bundle-format.md). */
public final class BundleFormat {
    public static final int SCHEMA_VERSION = 1;
    public static final List<Integer> SUPPORTED_SCHEMAS = List.of(1);

    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String RELEASE = "release.json";
    public static final String PROCESS = "process.json";
    public static final String VARIABLES = "variables.json";
    public static final String TEMPLATES = "templates.json";
    public static final String PACKAGES = "packages.json";
    public static final String HISTORY = "history.json";
    public static final String SECRETS = "secrets.cms";

    /** The entries the manifest lists by hash: every entry but the manifest and its signature. */
    public static final List<String> HASHED = List.of(RELEASE, PROCESS, VARIABLES, TEMPLATES, PACKAGES, HISTORY, SECRETS);

    private BundleFormat() {
    }
}
