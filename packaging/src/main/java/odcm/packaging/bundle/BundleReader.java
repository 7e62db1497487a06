package odcm.packaging.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a bundle's ZIP container into memory without trusting it: first its central directory (entry count, names,
 * directories, links, encryption), then each entry with the size, total and compression-ratio limits counted as the
 * bytes come out, so a bomb is stopped after at most one limit's worth of output. The local entries must be exactly
 * those of the central directory, in the same order. Nothing is written to disk.
 */
final class BundleReader {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    /** Bytes of output before the compression ratio is judged; small entries always compress well. */
    private static final int RATIO_GRACE = 64 * 1024;

    private BundleReader() {
    }

    /** The entries by name, in file order; throws {@link Refused} with the outcome when the container cannot be accepted. */
    static Map<String, byte[]> read(byte[] bytes, Limits limits) throws Refused {
        if (bytes == null || bytes.length == 0) {
            throw new Refused(new VerificationOutcome.Malformed("the file is empty"));
        }
        if (bytes.length > limits.maxTotalBytes()) {
            throw new Refused(new VerificationOutcome.UnsafeContainer("is " + bytes.length + " bytes, more than the "
                    + limits.maxTotalBytes() + " this console reads"));
        }
        if (bytes.length < 22 || le32(bytes, 0) != LOC) {
            throw new Refused(new VerificationOutcome.Malformed("it does not start as a ZIP file"));
        }
        List<String> names = centralDirectory(bytes, limits);
        return entries(bytes, names, limits);
    }

    private static List<String> centralDirectory(byte[] b, Limits limits) throws Refused {
        int eocd = -1;
        for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
            if (le32(b, i) == EOCD && i + 22 + le16(b, i + 20) == b.length) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new Refused(new VerificationOutcome.Malformed("the end of the ZIP file is missing, so it was cut off"));
        }
        int count = le16(b, eocd + 10);
        long size = le32(b, eocd + 12) & 0xFFFFFFFFL;
        long offset = le32(b, eocd + 16) & 0xFFFFFFFFL;
        if (le16(b, eocd + 4) != 0 || le16(b, eocd + 6) != 0 || le16(b, eocd + 8) != count) {
            throw new Refused(new VerificationOutcome.UnsafeContainer("spans several disks"));
        }
        if (count > limits.maxEntries()) {
            throw new Refused(new VerificationOutcome.UnsafeContainer("holds " + count + " entries, more than the " + limits.maxEntries()
                    + " this console reads"));
        }
        if (offset + size > eocd) {
            throw new Refused(new VerificationOutcome.Malformed("its table of contents points outside the file"));
        }
        List<String> names = new ArrayList<>();
        Set<String> folded = new HashSet<>();
        int p = (int) offset;
        for (int i = 0; i < count; i++) {
            if (p + 46 > eocd || le32(b, p) != CEN) {
                throw new Refused(new VerificationOutcome.Malformed("its table of contents is damaged"));
            }
            int madeBy = le16(b, p + 4);
            int flags = le16(b, p + 8);
            int nameLength = le16(b, p + 28);
            int extraLength = le16(b, p + 30);
            int commentLength = le16(b, p + 32);
            long external = le32(b, p + 38) & 0xFFFFFFFFL;
            if (p + 46 + nameLength > eocd) {
                throw new Refused(new VerificationOutcome.Malformed("its table of contents is damaged"));
            }
            String name = new String(b, p + 46, nameLength, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            checkName(name);
            if ((flags & 1) != 0) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("holds an encrypted ZIP entry (" + name + ")"));
            }
            int host = madeBy >>> 8;
            int unixType = (int) ((external >>> 16) & 0xF000);
            if (host == 3 && unixType == 0xA000) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("holds a link (" + name + ")"));
            }
            if (name.endsWith("/") || (external & 0x10) != 0 || (host == 3 && unixType == 0x4000)) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("holds a directory (" + name + ")"));
            }
            if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("holds the name " + name
                        + " twice (perhaps differing only in upper and lower case)"));
            }
            names.add(name);
            p += 46 + nameLength + extraLength + commentLength;
        }
        return names;
    }

    private static void checkName(String name) throws Refused {
        boolean control = name.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
        if (name.isEmpty() || control || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || List.of(name.split("/", -1)).contains("..")) {
            throw new Refused(new VerificationOutcome.UnsafeContainer("holds an entry with an unsafe name ("
                    + name.replaceAll("\\p{Cntrl}", "?") + ")"));
        }
    }

    private static Map<String, byte[]> entries(byte[] bytes, List<String> names, Limits limits) throws Refused {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Counting counting = new Counting(new ByteArrayInputStream(bytes));
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(counting, StandardCharsets.UTF_8)) {
            byte[] buffer = new byte[8192];
            for (int i = 0; ; i++) {
                ZipEntry entry = zip.getNextEntry();
                if (entry == null) {
                    if (i != names.size()) {
                        throw new Refused(new VerificationOutcome.UnsafeContainer("has entries that do not match its table of contents"));
                    }
                    return out;
                }
                if (i >= names.size() || !names.get(i).equals(entry.getName())) {
                    throw new Refused(new VerificationOutcome.UnsafeContainer("has entries that do not match its table of contents"));
                }
                long start = counting.count;
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    data.write(buffer, 0, n);
                    total += n;
                    long size = data.size();
                    if (size > limits.maxEntryBytes()) {
                        throw new Refused(new VerificationOutcome.UnsafeContainer("expands its entry " + entry.getName() + " beyond the "
                                + limits.maxEntryBytes() + " bytes an entry may hold"));
                    }
                    if (total > limits.maxExpandedBytes()) {
                        throw new Refused(new VerificationOutcome.UnsafeContainer("expands beyond the " + limits.maxExpandedBytes()
                                + " bytes this console reads"));
                    }
                    long consumed = Math.max(1, counting.count - start);
                    if (size > RATIO_GRACE && size > limits.maxCompressionRatio() * consumed) {
                        throw new Refused(new VerificationOutcome.UnsafeContainer("compresses its entry " + entry.getName()
                                + " more than " + limits.maxCompressionRatio() + " to 1, as a ZIP bomb does"));
                    }
                }
                out.put(entry.getName(), data.toByteArray());
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused(new VerificationOutcome.Malformed("an entry cannot be read: it is truncated or damaged"));
        }
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | le16(b, i + 2) << 16;
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }

    /** The container was refused; {@link #outcome} says why. */
    static final class Refused extends Exception {
        final VerificationOutcome outcome;

        Refused(VerificationOutcome outcome) {
            super(outcome.sentence(), null, false, false);
            this.outcome = outcome;
        }
    }
}
