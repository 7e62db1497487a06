package odcm.packaging.bundle;

/**
 * What a bundle or receipt file may be; every limit is checked while reading, before the memory it guards is allocated
 * (sizes from the ZIP table of contents first, then the bytes themselves as they come out). Together they keep the
 * verification and import of any file under 256 MB of heap (docs/bundle-format.md, "Limits").
 */
public record Limits(long maxTotalBytes, int maxEntries, long maxEntryBytes, long maxExpandedBytes, int maxCompressionRatio) {
    /** About ten times a release of 10,000 variables, 1,000 steps and 500 packages (a 1.3 MiB bundle). */
    public static final Limits DEFAULT = new Limits(16L << 20, 16, 16L << 20, 24L << 20, 200);

    /** A signature file (manifest.sig, receipt.sig) is a few KB: a certificate and one signature. */
    public static final int MAX_SIGNATURE_BYTES = 64 << 10;
    /** ASN.1 elements of one CMS file (a signature with its certificate has a few hundred; a parser builds one object each). */
    public static final int MAX_CMS_ELEMENTS = 10_000;
    /** Nesting of ASN.1 elements in one CMS file. */
    public static final int MAX_CMS_DEPTH = 32;
    /** Nesting of JSON objects and arrays. */
    public static final int MAX_JSON_DEPTH = 16;
    /** Characters of one JSON string, name or value. */
    public static final int MAX_JSON_STRING = 1 << 20;
    /** JSON tokens (names, values, starts and ends of objects and arrays) of all parts of one file together. */
    public static final int MAX_JSON_TOKENS = 600_000;
    public static final int MAX_VARIABLES = 40_000;
    public static final int MAX_STEPS = 10_000;
    public static final int MAX_PACKAGES = 10_000;
}
