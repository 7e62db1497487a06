package odcm.packaging.pkg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import odcm.model.Progress;
import odcm.model.cert.Fingerprint;
import odcm.packaging.bundle.Limits;
import odcm.packaging.bundle.SignedStatements;
import odcm.packaging.bundle.SignedStatements.Refused;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.bundle.VerificationContext;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.InvalidPart;
import odcm.packaging.bundle.VerificationOutcome.Malformed;
import odcm.packaging.bundle.VerificationOutcome.UnsafeContainer;
import odcm.packaging.cert.Certificates;

/**
 * A package archive (docs/package-archive-format.md, decision 0060): the packages one space sends another for a release, each
 * whole ("full") or as a delta against a package the target has ("delta"), in the canonical container of release bundles
 * (stored entries, fixed time, exact names in order, nothing else; ZIP64 only where a size needs it): {@code archive.json},
 * the signed statement, {@code archive.sig}, its detached CMS signature by the source, then one entry per package in the
 * statement's order. Both directions stream: a package is never held in memory, and what is read of an entry is bounded by
 * the size the signed statement declares for it.
 */
public final class PackageArchive {
    public static final int SCHEMA_VERSION = 1;
    public static final String STATEMENT = SignedStatements.ARCHIVE;
    public static final String SIGNATURE = "archive.sig";
    public static final String FULL = "full";
    public static final String DELTA = "delta";
    /** The largest package (and entry) an archive may declare: 1 TiB. */
    public static final long MAX_PACKAGE_BYTES = 1L << 40;

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final int LOC = 0x04034b50;
    private static final int CEN = 0x02014b50;
    private static final int MAX_NAME = 200;
    private static final int MAX_EXTRA = 64;
    private static final int BUFFER = 64 * 1024;

    private PackageArchive() {
    }

    /** A space and the SHA-256 of its certificate, as the statement names source and target. */
    public record Party(String certificateSha256, String space) {
    }

    /** The release the packages are for: its project and version at the source, and the bundle the target received it in (or null). */
    public record Release(String bundleId, String project, String version) {
    }

    /**
     * One package: {@code id}, {@code version}, {@code sha256} and {@code size} of the package itself; {@code encoding} "full" or
     * "delta"; {@code baseSha256} the package a delta is based on (null for "full"); the entry's name, SHA-256 and size.
     */
    public record Package(String baseSha256, String encoding, String entry, String entrySha256, long entrySize, String id, String sha256,
                          long size, String version) {
        public boolean delta() {
            return DELTA.equals(encoding);
        }
    }

    /** The signed statement, as written: keys sorted alphabetically. */
    public record Statement(String archiveId, String created, String expires, List<Package> packages, Release release, int schemaVersion,
                            Party source, Party target) {
    }

    /** A package to write: what it is, and the file its entry is made of (the package itself, or its delta). */
    public record Item(String id, String version, String sha256, long size, String baseSha256, Path entryFile) {
        String encoding() {
            return baseSha256 == null ? FULL : DELTA;
        }
    }

    /** A genuine archive's statement and the source certificate it was checked with. */
    public record Read(Statement statement, Fingerprint source) {
    }

    /** The entry name of a package: {@code <sha256>.full} or {@code <sha256>.delta}. */
    public static String entryName(String sha256, String encoding) {
        return sha256 + "." + encoding;
    }

    static boolean isSha256(String s) {
        return s != null && s.matches("[0-9a-f]{64}");
    }

    // ---- writing ----

    /**
     * Writes the archive: each entry file is read once to learn its SHA-256, size and CRC (the statement and the stored
     * entries' headers need them first), then the statement, its signature and the entries are streamed to {@code out}.
     */
    public static void write(String archiveId, String sourceSpace, String targetSpace, byte[] targetCertificateDer, Instant created,
                             Instant expires, Release release, List<Item> items, SourceKey source, OutputStream out, Progress progress)
            throws IOException {
        List<Package> packages = new ArrayList<>();
        List<Long> crcs = new ArrayList<>();
        long total = 0;
        for (Item i : items) {
            total += Files.size(i.entryFile());
        }
        long done = 0;
        for (Item i : items) {
            CRC32 crc = new CRC32();
            MessageDigest sha = sha256();
            long size = 0;
            try (InputStream in = Files.newInputStream(i.entryFile(), LinkOption.NOFOLLOW_LINKS)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    progress.step(done + size, total * 2, "Hashing the packages");
                    crc.update(buffer, 0, n);
                    sha.update(buffer, 0, n);
                    size += n;
                }
            }
            done += size;
            crcs.add(crc.getValue());
            String entrySha = HexFormat.of().formatHex(sha.digest());
            if (i.baseSha256() == null && (!entrySha.equals(i.sha256()) || size != i.size())) {
                throw new IOException("package " + i.id() + " " + i.version() + " is not the package the release names (its file is "
                        + size + " bytes with SHA-256 " + entrySha + ")");
            }
            packages.add(new Package(i.baseSha256(), i.encoding(), entryName(i.sha256(), i.encoding()), entrySha, size, i.id(), i.sha256(),
                    i.size(), i.version()));
        }
        byte[] json = SignedStatements.json(new Statement(archiveId, created.toString(), expires.toString(), packages, release, SCHEMA_VERSION,
                new Party(Certificates.fingerprint(source.certificateDer()).hex(), sourceSpace),
                new Party(Certificates.fingerprint(targetCertificateDer).hex(), targetSpace)));
        byte[] signature = SignedStatements.sign(json, source);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        putEntry(zip, STATEMENT, json.length, crc(json));
        zip.write(json);
        zip.closeEntry();
        putEntry(zip, SIGNATURE, signature.length, crc(signature));
        zip.write(signature);
        zip.closeEntry();
        for (int k = 0; k < items.size(); k++) {
            Package p = packages.get(k);
            putEntry(zip, p.entry(), p.entrySize(), crcs.get(k));
            MessageDigest sha = sha256(); // the bytes written are those signed, or nothing is written (never the JDK's CRC sentence)
            long written = 0;
            try (InputStream in = Files.newInputStream(items.get(k).entryFile(), LinkOption.NOFOLLOW_LINKS)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0 && written + n <= p.entrySize(); ) {
                    progress.step(total + done, total * 2, "Writing the archive");
                    sha.update(buffer, 0, n);
                    zip.write(buffer, 0, n);
                    written += n;
                }
                done += written;
            }
            if (written != p.entrySize() || !HexFormat.of().formatHex(sha.digest()).equals(p.entrySha256())) {
                throw new IOException("package " + p.id() + " " + p.version() + " changed while it was being written");
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
        progress.step(total * 2, total * 2, "Written");
    }

    /** A stored entry of the canonical container: fixed time, its size and CRC given before its bytes. */
    private static void putEntry(ZipOutputStream zip, String name, long size, long crc) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
    }

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    // ---- reading ----

    /** What the reader hands each checked part to: the statement once it is genuine, then each package entry as it streams. */
    public interface Receiver {
        /** The statement is genuine (signed, addressed here, fresh); throw to refuse the archive before any package is read. */
        void statement(Read read) throws IOException;

        /**
         * The bytes of {@code p}'s entry, exactly {@code p.entrySize()} of them at most; what is not read is read after (and
         * hashed). Nothing read here is trusted until {@link #read} returns: its hash is checked at the entry's end.
         */
        void entry(Package p, InputStream data) throws IOException;
    }

    /**
     * Reads and checks the archive at {@code file} as the space of {@code ctx} sees it (trusts for release bundles), streaming:
     * first the statement and its signature (entries 1 and 2, within {@link Limits}), its source trusted, addressed here, fresh;
     * then each package entry, named, sized and in the order the statement lists, hashed as it streams through {@code receiver};
     * and every byte of the file is the canonical container of those entries (the container is rebuilt as it is read and
     * compared, nothing before, between or after). Refused with the outcome, to be read with {@code Kind.PACKAGE_ARCHIVE}.
     */
    public static Read read(Path file, VerificationContext ctx, Receiver receiver, Progress progress) throws Refused, IOException {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(new Malformed("it is not a regular file"));
        }
        try (InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(raw, BUFFER), 30 + MAX_NAME + MAX_EXTRA);
            Rebuilt rebuilt = new Rebuilt(in);
            ZipOutputStream zip = new ZipOutputStream(rebuilt, StandardCharsets.UTF_8);
            Local first = local(in, true);
            if (first == null || !first.name.equals(STATEMENT)) {
                VerificationOutcome other = first == null ? null : SignedStatements.otherKind(first.name, VerificationOutcome.Kind.PACKAGE_ARCHIVE);
                throw new Refused(other != null ? other : new VerificationOutcome.PartMissing(STATEMENT));
            }
            byte[] json = small(first, in, zip, rebuilt, Limits.DEFAULT.maxEntryBytes());
            Local second = local(in, false);
            if (second == null || !second.name.equals(SIGNATURE)) {
                throw new Refused(new VerificationOutcome.PartMissing(SIGNATURE));
            }
            byte[] signature = small(second, in, zip, rebuilt, Limits.MAX_SIGNATURE_BYTES);
            Read read = SignedStatements.guarded(() -> genuine(json, signature, ctx));
            receiver.statement(read);
            List<Package> packages = read.statement().packages();
            long total = packages.stream().mapToLong(Package::entrySize).sum();
            long[] done = {0};
            for (Package p : packages) {
                Local l = local(in, false);
                if (l == null) {
                    throw new Refused(new VerificationOutcome.PartMissing(p.entry()));
                }
                if (!l.name.equals(p.entry())) {
                    throw new Refused(listed(packages, l.name) ? new Malformed("its entries are not in the order its statement lists them")
                            : new VerificationOutcome.PartExtra(l.name));
                }
                if (l.size != p.entrySize()) {
                    throw new Refused(new UnsafeContainer("declares its entry " + l.name + " as " + l.size + " bytes where its signed statement says "
                            + p.entrySize()));
                }
                entry(l, p, in, zip, rebuilt, receiver, progress, done, total);
            }
            Local extra = local(in, false);
            if (extra != null) {
                throw new Refused(new VerificationOutcome.PartExtra(extra.name));
            }
            zip.finish();
            zip.flush();
            if (in.read() >= 0) {
                throw altered();
            }
            progress.step(total, total, "Checked");
            return read;
        } catch (Rebuilt.Altered e) {
            throw altered();
        } catch (java.io.EOFException e) {
            throw new Refused(new Malformed("it ends early: it is truncated"));
        }
    }

    private static boolean listed(List<Package> packages, String name) {
        return packages.stream().anyMatch(p -> p.entry().equals(name));
    }

    private static Refused altered() {
        return new Refused(new Malformed("its ZIP container holds bytes the canonical container never holds, so it was altered"));
    }

    /** The statement and its signature: strict, canonical, signed by a source trusted for bundles, addressed here, fresh. */
    private static Read genuine(byte[] json, byte[] signature, VerificationContext ctx) throws Refused {
        Statement s = SignedStatements.read(json, Statement.class, List.of(SCHEMA_VERSION), STATEMENT);
        if (s.source() == null || s.target() == null || s.packages() == null || s.archiveId() == null || s.release() == null
                || s.source().space() == null || s.target().space() == null || s.release().project() == null || s.release().version() == null) {
            throw new Refused(new InvalidPart(STATEMENT, "lacks a required field"));
        }
        Fingerprint source = signedAndFresh(json, signature, STATEMENT, SIGNATURE, s.source(), s.target(), s.created(), s.expires(), ctx);
        // From here the statement is the source's own word.
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        if (!s.archiveId().matches(uuid) || s.release().bundleId() != null && !s.release().bundleId().matches(uuid)) {
            throw new Refused(new InvalidPart(STATEMENT, "has an archive or bundle id that is not a UUID"));
        }
        if (s.packages().size() > Limits.MAX_PACKAGES) {
            throw new Refused(new InvalidPart(STATEMENT, "lists more than the " + Limits.MAX_PACKAGES + " packages this console reads"));
        }
        Set<String> seen = new HashSet<>();
        for (Package p : s.packages()) {
            String wrong = wrong(p);
            if (wrong != null) {
                throw new Refused(new InvalidPart(STATEMENT, wrong));
            }
            if (!seen.add(p.sha256())) {
                throw new Refused(new InvalidPart(STATEMENT, "lists the package " + p.sha256() + " twice"));
            }
        }
        return new Read(s, source);
    }

    /**
     * The checks a signed statement ({@code part}, signed in {@code signatureName}) of an archive or inventory passes before
     * its content is read: the signer {@code source} trusted by {@code ctx}, the signature verifying with its pinned
     * certificate; addressed to {@code target} here; not expired, not from the future. Returns the signer's fingerprint.
     */
    static Fingerprint signedAndFresh(byte[] json, byte[] signature, String part, String signatureName, Party source, Party target,
                                      String created, String expires, VerificationContext ctx) throws Refused {
        Fingerprint signer = SignedStatements.fingerprint(source.certificateSha256(), "source", part);
        VerificationOutcome signed = SignedStatements.signedByTrustedSource(json, signature, signatureName, source.space(), signer, ctx);
        if (signed != null) {
            throw new Refused(signed);
        }
        VerificationOutcome stale = SignedStatements.fresh(target.space(), SignedStatements.fingerprint(target.certificateSha256(), "target", part),
                SignedStatements.instant(created, "created", part), SignedStatements.instant(expires, "expires", part), ctx);
        if (stale != null) {
            throw new Refused(stale);
        }
        return signer;
    }

    /** What is wrong with one listed package, or null. */
    private static String wrong(Package p) {
        if (p == null || p.id() == null || p.version() == null || p.id().isBlank() || p.version().isBlank()) {
            return "lists a package without its id or version";
        }
        if (!isSha256(p.sha256()) || !isSha256(p.entrySha256())) {
            return "lists a SHA-256 that is not 64 lowercase hexadecimal digits";
        }
        if (p.size() < 0 || p.size() > MAX_PACKAGE_BYTES || p.entrySize() < 0 || p.entrySize() > MAX_PACKAGE_BYTES) {
            return "declares a size beyond the " + MAX_PACKAGE_BYTES + " bytes a package may have";
        }
        boolean full = FULL.equals(p.encoding());
        if (!full && !p.delta() || full != (p.baseSha256() == null) || p.delta() && !isSha256(p.baseSha256())) {
            return "lists a package neither whole nor a delta on a named package";
        }
        if (full && (!p.entrySha256().equals(p.sha256()) || p.entrySize() != p.size())) {
            return "lists a whole package whose entry is not the package";
        }
        if (!p.entry().equals(entryName(p.sha256(), p.encoding()))) {
            return "names an entry other than <sha256>." + p.encoding() + " for a package";
        }
        return null;
    }

    /** A local header as read: the entry's name, size and CRC. */
    private record Local(String name, long size, long crc) {
    }

    /**
     * The next local header, read and then put back (the rebuilt container compares it), or null when the next bytes are not
     * one (the central directory, or the end). Only what the canonical container can hold is accepted.
     */
    private static Local local(PushbackInputStream in, boolean first) throws IOException, Refused {
        byte[] fixed = new byte[30];
        int n = in.readNBytes(fixed, 0, 30);
        if (n < 4 || le32(fixed, 0) != LOC) {
            if (first) {
                throw new Refused(new Malformed("it does not start as a ZIP file"));
            }
            if (n < 4 || le32(fixed, 0) != CEN) {
                throw altered(); // data between or after the entries
            }
            in.unread(fixed, 0, n);
            return null;
        }
        if (n < 30) {
            throw new java.io.EOFException();
        }
        int flags = le16(fixed, 6);
        int method = le16(fixed, 8);
        int nameLength = le16(fixed, 26);
        int extraLength = le16(fixed, 28);
        if (nameLength == 0 || nameLength > MAX_NAME || extraLength > MAX_EXTRA) {
            throw new Refused(new UnsafeContainer("holds an entry with a name or extra field longer than any package archive's"));
        }
        byte[] rest = in.readNBytes(nameLength + extraLength);
        if (rest.length < nameLength + extraLength) {
            throw new java.io.EOFException();
        }
        String name = VerificationOutcome.shown(new String(rest, 0, nameLength, StandardCharsets.UTF_8));
        if (method != ZipEntry.STORED) {
            throw new Refused(new UnsafeContainer("holds a compressed entry (" + name + "); every entry of a package archive is stored"));
        }
        if ((flags & 0x0008) != 0) {
            throw new Refused(new UnsafeContainer("holds an entry whose size follows its data (" + name + "); every entry of a package archive"
                    + " gives its size first"));
        }
        if ((flags & 1) != 0) {
            throw new Refused(new UnsafeContainer("holds an encrypted ZIP entry (" + name + ")"));
        }
        long crc = le32(fixed, 14) & 0xFFFFFFFFL;
        long size = le32(fixed, 22) & 0xFFFFFFFFL;
        if (size == 0xFFFFFFFFL) {
            size = zip64Size(rest, nameLength, extraLength);
        }
        in.unread(rest);
        in.unread(fixed);
        return new Local(name, size, crc);
    }

    /** The size in an entry's ZIP64 extra field (tag 1: size, then compressed size), as the JDK writes it; -1 when absent. */
    private static long zip64Size(byte[] b, int from, int length) {
        for (int q = from; q + 4 <= from + length; q += 4 + le16(b, q + 2)) {
            if (le16(b, q) == 0x0001 && le16(b, q + 2) >= 8 && q + 12 <= from + length) {
                return (le32(b, q + 4) & 0xFFFFFFFFL) | (le32(b, q + 8) & 0xFFFFFFFFL) << 32;
            }
        }
        return -1;
    }

    /** A small entry (the statement, the signature) read whole, within {@code max} bytes. */
    private static byte[] small(Local l, PushbackInputStream in, ZipOutputStream zip, Rebuilt rebuilt, long max) throws IOException, Refused {
        if (l.size < 0 || l.size > max) {
            throw new Refused(new UnsafeContainer("expands its entry " + l.name + " beyond the " + max + " bytes an entry may hold"));
        }
        start(zip, l);
        byte[] data = new byte[(int) l.size];
        if (in.readNBytes(data, 0, data.length) != data.length) {
            throw new java.io.EOFException();
        }
        rebuilt.passing(() -> zip.write(data));
        close(zip);
        return data;
    }

    /** One package entry streamed through {@code receiver}, hashed; refused unless its SHA-256 and size are the statement's. */
    private static void entry(Local l, Package p, PushbackInputStream in, ZipOutputStream zip, Rebuilt rebuilt, Receiver receiver,
                              Progress progress, long[] done, long total) throws IOException, Refused {
        start(zip, l);
        MessageDigest sha = sha256();
        long[] left = {l.size};
        InputStream data = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left[0] == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left[0]));
                if (n < 0) {
                    throw new java.io.EOFException();
                }
                left[0] -= n;
                done[0] += n;
                sha.update(b, off, n);
                rebuilt.passing(() -> zip.write(b, off, n));
                progress.step(done[0], total, "Checking " + p.id() + " " + p.version());
                return n;
            }
        };
        IOException failed = null;
        try {
            receiver.entry(p, data);
        } catch (IOException e) {
            failed = e;
        }
        data.transferTo(OutputStream.nullOutputStream());
        if (!HexFormat.of().formatHex(sha.digest()).equals(p.entrySha256())) {
            // A tampered entry is said as such, whatever the receiver made of its bytes.
            throw new Refused(new VerificationOutcome.PartHashMismatch(p.entry()));
        }
        if (failed != null) {
            throw failed;
        }
        close(zip);
    }

    private static void start(ZipOutputStream zip, Local l) throws IOException {
        ZipEntry e = new ZipEntry(l.name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(l.size);
        e.setCompressedSize(l.size);
        e.setCrc(l.crc);
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
    }

    private static void close(ZipOutputStream zip) throws Refused, IOException {
        try {
            zip.closeEntry();
        } catch (ZipException e) {
            throw altered(); // the CRC in the header is not the data's: the header was changed
        }
    }

    /**
     * The canonical container as it is rebuilt from the entries read, compared with the file as it goes: what the rebuilding
     * writes of its own (headers, table of contents, end) is read from the file and compared; an entry's data, which the
     * rebuilding was handed from the file itself, is only counted ({@link #passing}).
     */
    private static final class Rebuilt extends OutputStream {
        private final InputStream file;
        private boolean pass;

        /** The file differs from the canonical container here. */
        static final class Altered extends IOException {
            private static final long serialVersionUID = 1L;
        }

        Rebuilt(InputStream file) {
            this.file = file;
        }

        interface Write {
            void run() throws IOException;
        }

        void passing(Write w) throws IOException {
            pass = true;
            try {
                w.run();
            } finally {
                pass = false;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (pass) {
                return;
            }
            byte[] read = file.readNBytes(len);
            if (!java.util.Arrays.equals(read, 0, read.length, b, off, off + len)) {
                throw new Altered();
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | le16(b, i + 2) << 16;
    }
}
