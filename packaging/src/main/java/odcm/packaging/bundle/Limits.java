package odcm.packaging.bundle;

/** What a bundle file may be before it is read at all; every limit is checked while reading. */
public record Limits(long maxTotalBytes, int maxEntries, long maxEntryBytes, long maxExpandedBytes, int maxCompressionRatio) {
    /** Far above a release of 10,000 variables, 1,000 steps and 500 packages. */
    public static final Limits DEFAULT = new Limits(256L << 20, 16, 128L << 20, 512L << 20, 200);
}
