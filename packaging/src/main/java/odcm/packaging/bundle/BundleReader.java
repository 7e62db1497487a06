package odcm.packaging.bundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * directories, links, encryption, ZIP64, and each entry's declared sizes against the size, total and compression-ratio
 * limits), then each entry into an array of exactly its declared size: an entry whose data runs longer or shorter than
 * its table of contents says is refused, so nothing is inflated beyond what the limits allowed. The local entries must be
 * exactly those of the central directory, in the same order. Memory: the entries, at most {@link Limits#maxExpandedBytes()}.
 * Nothing is written to disk.
 */
final class BundleReader {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    /** Bytes of output before the compression ratio is judged; small entries always compress well. */
    private static final int RATIO_GRACE = 64 * 1024;
    private static final long ZIP64_MARK = 0xFFFFFFFFL;

    private BundleReader() {
    }

    /** An entry as the table of contents declares it. */
    private record Declared(String name, long size) {
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
        List<Declared> declared = centralDirectory(bytes, limits);
        return entries(bytes, declared);
    }

    /** True when {@code bytes} are exactly the canonical container of {@code entries}; compares as it writes, allocating nothing. */
    static boolean isCanonical(byte[] bytes, Map<String, byte[]> entries) {
        Comparing out = new Comparing(bytes);
        try {
            BundleWriter.writeZip(entries, out);
        } catch (IOException e) {
            return false;
        }
        return out.same && out.position == bytes.length;
    }

    private static List<Declared> centralDirectory(byte[] b, Limits limits) throws Refused {
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
        if (count == 0xFFFF || size == ZIP64_MARK || offset == ZIP64_MARK) {
            throw zip64();
        }
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
        List<Declared> declared = new ArrayList<>();
        Set<String> folded = new HashSet<>();
        long total = 0;
        int p = (int) offset;
        for (int i = 0; i < count; i++) {
            if (p + 46 > eocd || le32(b, p) != CEN) {
                throw new Refused(new VerificationOutcome.Malformed("its table of contents is damaged"));
            }
            int madeBy = le16(b, p + 4);
            int flags = le16(b, p + 8);
            int method = le16(b, p + 10);
            long compressed = le32(b, p + 20) & 0xFFFFFFFFL;
            long expanded = le32(b, p + 24) & 0xFFFFFFFFL;
            int nameLength = le16(b, p + 28);
            int extraLength = le16(b, p + 30);
            int commentLength = le16(b, p + 32);
            long external = le32(b, p + 38) & 0xFFFFFFFFL;
            long local = le32(b, p + 42) & 0xFFFFFFFFL;
            if (p + 46 + nameLength + extraLength + commentLength > eocd) {
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
            if (compressed == ZIP64_MARK || expanded == ZIP64_MARK || local == ZIP64_MARK || hasZip64Extra(b, p + 46 + nameLength, extraLength)) {
                throw zip64();
            }
            if (method != 0 && method != 8) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("holds an entry (" + name + ") compressed with a method this console does not read"));
            }
            if (expanded > RATIO_GRACE && expanded > limits.maxCompressionRatio() * Math.max(1, compressed)) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("compresses its entry " + name
                        + " more than " + limits.maxCompressionRatio() + " to 1, as a ZIP bomb does"));
            }
            long max = name.endsWith(".sig") ? Math.min(limits.maxEntryBytes(), Limits.MAX_SIGNATURE_BYTES) : limits.maxEntryBytes();
            if (expanded > max) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("expands its entry " + name + " beyond the "
                        + max + " bytes an entry may hold"));
            }
            total += expanded;
            if (total > limits.maxExpandedBytes()) {
                throw new Refused(new VerificationOutcome.UnsafeContainer("expands beyond the " + limits.maxExpandedBytes()
                        + " bytes this console reads"));
            }
            declared.add(new Declared(name, expanded));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return declared;
    }

    private static Refused zip64() {
        return new Refused(new VerificationOutcome.UnsafeContainer("uses ZIP64 fields, which no bundle of this size needs"));
    }

    private static boolean hasZip64Extra(byte[] b, int from, int length) {
        for (int q = from; q + 4 <= from + length; q += 4 + le16(b, q + 2)) {
            if (le16(b, q) == 0x0001) {
                return true;
            }
        }
        return false;
    }

    private static void checkName(String name) throws Refused {
        boolean control = name.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
        if (name.isEmpty() || control || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || List.of(name.split("/", -1)).contains("..")) {
            throw new Refused(new VerificationOutcome.UnsafeContainer("holds an entry with an unsafe name ("
                    + VerificationOutcome.shown(name) + ")"));
        }
    }

    private static Map<String, byte[]> entries(byte[] bytes, List<Declared> declared) throws Refused {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (int i = 0; ; i++) {
                ZipEntry entry = zip.getNextEntry();
                if (entry == null) {
                    if (i != declared.size()) {
                        throw new Refused(new VerificationOutcome.UnsafeContainer("has entries that do not match its table of contents"));
                    }
                    return out;
                }
                if (i >= declared.size() || !declared.get(i).name().equals(entry.getName())) {
                    throw new Refused(new VerificationOutcome.UnsafeContainer("has entries that do not match its table of contents"));
                }
                // Exactly the size the table of contents declared (and the limits allowed): never a byte more is inflated.
                byte[] data = new byte[(int) declared.get(i).size()];
                if (zip.readNBytes(data, 0, data.length) != data.length || zip.read() >= 0) {
                    throw new Refused(new VerificationOutcome.UnsafeContainer("has entries that do not match its table of contents"));
                }
                if (entry.getName().endsWith(".sig") || entry.getName().endsWith(".cms")) {
                    checkCms(entry.getName(), data);
                }
                out.put(entry.getName(), data);
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused(new VerificationOutcome.Malformed("an entry cannot be read: it is truncated or damaged"));
        }
    }

    /**
     * Walks the ASN.1 of a CMS entry without building anything and refuses more than {@link Limits#MAX_CMS_ELEMENTS}
     * elements or nesting deeper than {@link Limits#MAX_CMS_DEPTH}: a parser builds an object per element. Whatever else
     * is wrong with the structure is left to the CMS parser, which refuses it with its own sentence.
     */
    static void checkCms(String name, byte[] b) throws Refused {
        int[] count = {0};
        for (int p = 0; p >= 0 && p < b.length; ) {
            p = element(b, p, b.length, 0, count, name);
        }
    }

    /** The position after the element at {@code p}, or -1 when the structure is malformed. */
    private static int element(byte[] b, int p, int limit, int depth, int[] count, String name) throws Refused {
        if (depth > Limits.MAX_CMS_DEPTH || ++count[0] > Limits.MAX_CMS_ELEMENTS) {
            throw new Refused(new VerificationOutcome.InvalidPart(name, "is a CMS structure of more than " + Limits.MAX_CMS_ELEMENTS
                    + " elements or " + Limits.MAX_CMS_DEPTH + " levels, which no genuine one has"));
        }
        if (p >= limit) {
            return -1;
        }
        int tag = b[p++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            while (p < limit && (b[p] & 0x80) != 0) {
                p++;
            }
            p++;
        }
        if (p >= limit) {
            return -1;
        }
        int first = b[p++] & 0xFF;
        boolean constructed = (tag & 0x20) != 0;
        if (first == 0x80) {
            while (constructed && p >= 0 && p + 1 < limit) {
                if (b[p] == 0 && b[p + 1] == 0) {
                    return p + 2;
                }
                p = element(b, p, limit, depth + 1, count, name);
            }
            return -1;
        }
        long length = first;
        if (first > 0x80) {
            if (first - 0x80 > 4 || p + first - 0x80 > limit) {
                return -1;
            }
            length = 0;
            for (int i = 0; i < first - 0x80; i++) {
                length = length << 8 | (b[p++] & 0xFF);
            }
        }
        if (length > limit - p) {
            return -1;
        }
        int end = p + (int) length;
        while (constructed && p >= 0 && p < end) {
            p = element(b, p, end, depth + 1, count, name);
        }
        return p < 0 ? -1 : end;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | le16(b, i + 2) << 16;
    }

    /** Receives the canonical container and compares it with the file byte by byte, instead of building a copy. */
    private static final class Comparing extends OutputStream {
        private final byte[] expected;
        int position;
        boolean same = true;

        Comparing(byte[] expected) {
            this.expected = expected;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (same && (position + (long) len > expected.length
                    || !Arrays.equals(expected, position, position + len, b, off, off + len))) {
                same = false;
            }
            if (same) {
                position += len;
            }
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
