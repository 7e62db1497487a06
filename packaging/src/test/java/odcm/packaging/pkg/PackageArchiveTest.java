package odcm.packaging.pkg;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import odcm.model.Progress;
import odcm.model.cert.Fingerprint;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.bundle.SignedStatements.Refused;
import odcm.packaging.bundle.SourceKey;
import odcm.packaging.bundle.SourceTrust;
import odcm.packaging.bundle.VerificationContext;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.Kind;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.SpaceIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Package archives (decision 0060): written by Dev Space for Prod Space with one whole package and one delta, read back
 * streaming, and each hostile change refused with the outcome that names it, in an archive's words.
 */
class PackageArchiveTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final SpaceIdentity DEV = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(3600));
    static final SpaceIdentity PROD = Certificates.generate("Prod Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(3600));
    static final SpaceIdentity OTHER = Certificates.generate("Other Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(3600));

    @TempDir
    static Path dir;
    static Path base;
    static Path next;
    static Path other;
    static byte[] archive;

    @BeforeAll
    static void files() throws IOException {
        byte[] b = new byte[300_000];
        new Random(1).nextBytes(b);
        base = Files.write(dir.resolve("app-1.0.zip"), b);
        b[200_000] ^= 1; // the next version changes one byte
        next = Files.write(dir.resolve("app-1.1.zip"), b);
        byte[] o = new byte[5_000];
        new Random(2).nextBytes(o);
        other = Files.write(dir.resolve("lib-2.0.zip"), o);
        archive = write(DEV, PROD, NOW.plus(Duration.ofDays(30)));
    }

    static String sha(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] write(SpaceIdentity source, SpaceIdentity target, Instant expires) throws IOException {
        Path delta = dir.resolve("app.delta");
        try (OutputStream out = Files.newOutputStream(delta)) {
            PackageDelta.encode(base, next, out, Progress.NONE);
        }
        List<PackageArchive.Item> items = List.of(
                new PackageArchive.Item("App", "1.1", sha(next), Files.size(next), sha(base), delta),
                new PackageArchive.Item("Lib", "2.0", sha(other), Files.size(other), null, other));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackageArchive.write(UUID.randomUUID().toString(), "Dev Space", target == PROD ? "Prod Space" : "Other Space", target.certificateDer(),
                NOW, expires, new PackageArchive.Release(null, "Acme", "1.1"), items,
                new SourceKey(source.certificateDer(), source.privateKeyPkcs8()), out, Progress.NONE);
        return out.toByteArray();
    }

    static VerificationContext prod(SpaceIdentity trusted) {
        Fingerprint fp = Certificates.fingerprint(trusted.certificateDer());
        return new VerificationContext("Prod Space", Certificates.fingerprint(PROD.certificateDer()),
                f -> f.equals(fp) ? new SourceTrust.Trusted(trusted.certificateDer()) : new SourceTrust.Unknown(), f -> OptionalLong.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC), Set.of(), null, null);
    }

    /** Reads {@code bytes} as Prod Space, rebuilding each package into memory (small here); the outcome of a refusal, or null. */
    static VerificationOutcome read(byte[] bytes, VerificationContext ctx, List<byte[]> rebuilt) throws IOException {
        Path f = Files.write(dir.resolve("read.odcmpackages"), bytes);
        try {
            PackageArchive.read(f, ctx, new PackageArchive.Receiver() {
                @Override
                public void statement(PackageArchive.Read read) {
                }

                @Override
                public void entry(PackageArchive.Package p, InputStream data) throws IOException {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    if (p.delta()) {
                        PackageDelta.apply(base, data, out, p.size());
                    } else {
                        data.transferTo(out);
                    }
                    rebuilt.add(out.toByteArray());
                }
            }, Progress.NONE);
            return null;
        } catch (Refused r) {
            String sentence = r.outcome().sentence(Kind.PACKAGE_ARCHIVE);
            assertTrue(sentence.contains("archive") || sentence.contains("package archive"), sentence);
            return r.outcome();
        }
    }

    static VerificationOutcome refusal(byte[] bytes) throws IOException {
        VerificationOutcome o = read(bytes, prod(DEV), new ArrayList<>());
        assertNotNull(o, "refused");
        return o;
    }

    /** The archive's entries rewritten by {@code change} into a new container (stored unless the change says otherwise). */
    interface Change {
        void apply(String name, byte[] data, ZipOutputStream zip) throws IOException;
    }

    static byte[] rezip(byte[] bytes, Change change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(bytes)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                change.apply(e.getName(), in.readAllBytes(), zip);
            }
        }
        return out.toByteArray();
    }

    static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    @Test
    void genuineArchiveRebuildsEachPackageAndTheDeltaIsSmall() throws IOException {
        List<byte[]> rebuilt = new ArrayList<>();
        assertNull(read(archive, prod(DEV), rebuilt));
        assertArrayEquals(Files.readAllBytes(next), rebuilt.get(0));
        assertArrayEquals(Files.readAllBytes(other), rebuilt.get(1));
        assertTrue(archive.length < 150_000, "a one-byte change travels as a delta, not the 300 KB package: " + archive.length);
        // The container is the canonical one of bundles: rewriting the same entries the same way gives the same bytes.
        assertArrayEquals(archive, rezip(archive, (name, data, zip) -> stored(zip, name, data)));
    }

    @Test
    void tamperedEntryIsRefusedByItsHash() throws IOException {
        byte[] t = rezip(archive, (name, data, zip) -> {
            if (name.endsWith(".full")) {
                data[100] ^= 1;
            }
            stored(zip, name, data);
        });
        VerificationOutcome.PartHashMismatch m = assertInstanceOf(VerificationOutcome.PartHashMismatch.class, refusal(t));
        assertTrue(m.part().endsWith(".full"));
    }

    @Test
    void tamperedDeltaIsSaidToBeTamperedNotBadDelta() throws IOException {
        byte[] t = rezip(archive, (name, data, zip) -> {
            if (name.endsWith(".delta")) {
                data[0] ^= 1; // no longer a delta at all: the hash is what the refusal names
            }
            stored(zip, name, data);
        });
        assertInstanceOf(VerificationOutcome.PartHashMismatch.class, refusal(t));
    }

    @Test
    void signersAddresseesAndTimesAreChecked() throws IOException {
        assertInstanceOf(VerificationOutcome.SignerNotTrusted.class, refusal(write(OTHER, PROD, NOW.plus(Duration.ofDays(30)))));
        assertInstanceOf(VerificationOutcome.AddressedToAnotherSpace.class, refusal(write(DEV, OTHER, NOW.plus(Duration.ofDays(30)))));
        assertInstanceOf(VerificationOutcome.Expired.class, refusal(write(DEV, PROD, NOW.minusSeconds(1))));
        byte[] changed = rezip(archive, (name, data, zip) -> stored(zip, name, name.equals(PackageArchive.STATEMENT)
                ? new String(data, java.nio.charset.StandardCharsets.UTF_8).replace("\"Acme\"", "\"Acne\"").getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : data));
        assertInstanceOf(VerificationOutcome.SignatureInvalid.class, refusal(changed));
    }

    @Test
    void hostileContainersAreRefused() throws IOException {
        byte[] extra = rezip(archive, (name, data, zip) -> {
            stored(zip, name, data);
            if (name.equals(PackageArchive.SIGNATURE)) {
                stored(zip, "notes.txt", new byte[] {1, 2, 3});
            }
        });
        assertEquals(new VerificationOutcome.PartExtra("notes.txt"), refusal(extra));

        byte[] extraAtEnd = rezip(archive, (name, data, zip) -> {
            stored(zip, name, data);
            if (name.endsWith(".full")) {
                stored(zip, "notes.txt", new byte[] {1, 2, 3});
            }
        });
        assertEquals(new VerificationOutcome.PartExtra("notes.txt"), refusal(extraAtEnd));

        byte[] compressed = rezip(archive, (name, data, zip) -> {
            if (name.endsWith(".full")) {
                zip.putNextEntry(new ZipEntry(name)); // deflated
                zip.write(data);
                zip.closeEntry();
            } else {
                stored(zip, name, data);
            }
        });
        assertTrue(refusal(compressed).sentence(Kind.PACKAGE_ARCHIVE).contains("compressed entry"));

        byte[] missing = rezip(archive, (name, data, zip) -> {
            if (!name.endsWith(".full")) {
                stored(zip, name, data);
            }
        });
        assertInstanceOf(VerificationOutcome.PartMissing.class, refusal(missing));

        byte[] appended = java.util.Arrays.copyOf(archive, archive.length + 10);
        assertTrue(refusal(appended).sentence(Kind.PACKAGE_ARCHIVE).contains("canonical container never holds"));

        byte[] before = new byte[archive.length + 4];
        System.arraycopy(archive, 0, before, 4, archive.length);
        assertInstanceOf(VerificationOutcome.Malformed.class, refusal(before));

        byte[] timeChanged = archive.clone();
        timeChanged[10] ^= 1; // the first entry's modification time
        assertTrue(refusal(timeChanged).sentence(Kind.PACKAGE_ARCHIVE).contains("canonical container never holds"));

        assertInstanceOf(VerificationOutcome.Malformed.class, refusal(java.util.Arrays.copyOf(archive, archive.length / 2)));
    }

    @Test
    void aStatementNotStrictOrCanonicalOrASignatureOverItsLimitIsRefused() throws IOException {
        java.util.function.UnaryOperator<String> spaced = j -> j.replaceFirst("\\{\"archiveId\"", "{ \"archiveId\"");
        java.util.function.UnaryOperator<String> unknown = j -> j.replaceFirst("\\{\"archiveId\"", "{\"aNote\":1,\"archiveId\"");
        for (java.util.function.UnaryOperator<String> change : List.of(spaced, unknown)) {
            byte[] changed = rezip(archive, (name, data, zip) -> stored(zip, name, name.equals(PackageArchive.STATEMENT)
                    ? change.apply(new String(data, java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8) : data));
            VerificationOutcome.InvalidPart bad = assertInstanceOf(VerificationOutcome.InvalidPart.class, refusal(changed));
            assertEquals(PackageArchive.STATEMENT, bad.part());
        }
        byte[] bigSignature = rezip(archive, (name, data, zip) -> stored(zip, name, name.equals(PackageArchive.SIGNATURE)
                ? java.util.Arrays.copyOf(data, 70_000) : data));
        assertTrue(refusal(bigSignature).sentence(Kind.PACKAGE_ARCHIVE).contains("beyond the 65536 bytes an entry may hold"));
    }

    /** Review 19, L6: a name read from an archive not yet verified reaches a sentence with no control or direction character. */
    @Test
    void aHostileSourceNameIsShownSafely() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackageArchive.write(UUID.randomUUID().toString(), "Dev\u001b]0;pwned\u0007\u001b[2JSpace\u202e", "Prod Space", PROD.certificateDer(), NOW,
                NOW.plus(Duration.ofDays(1)), new PackageArchive.Release(null, "Acme", "1.1"),
                List.of(new PackageArchive.Item("Lib", "2.0", sha(other), Files.size(other), null, other)),
                new SourceKey(OTHER.certificateDer(), OTHER.privateKeyPkcs8()), out, Progress.NONE);
        String s = read(out.toByteArray(), prod(DEV), new ArrayList<>()).sentence(Kind.PACKAGE_ARCHIVE);
        assertTrue(s.startsWith("The archive claims to come from 'Dev?]0;pwned??[2JSpace?' (certificate "), s);
        assertTrue(s.endsWith("; a certificate inside an archive proves nothing."), s);
    }

    @Test
    void entrySizeOtherThanTheStatementsIsRefusedBeforeItIsRead() throws IOException {
        byte[] longer = rezip(archive, (name, data, zip) -> stored(zip, name, name.endsWith(".full")
                ? java.util.Arrays.copyOf(data, data.length + 1) : data));
        assertTrue(refusal(longer).sentence(Kind.PACKAGE_ARCHIVE).contains("where its signed statement says"));
    }

    @Test
    void inventoryRoundTripAndRefusals() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackageInventory.write(UUID.randomUUID().toString(), "Prod Space", "Dev Space", DEV.certificateDer(), NOW, NOW.plus(Duration.ofDays(1)),
                List.of(new PackageInventory.Held("App", 300_000, sha(base), "1.0")), new SourceKey(PROD.certificateDer(), PROD.privateKeyPkcs8()), out);
        Fingerprint prodFp = Certificates.fingerprint(PROD.certificateDer());
        VerificationContext dev = new VerificationContext("Dev Space", Certificates.fingerprint(DEV.certificateDer()),
                f -> f.equals(prodFp) ? new SourceTrust.Trusted(PROD.certificateDer()) : new SourceTrust.Unknown(), f -> OptionalLong.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC), Set.of(), null, null);
        try {
            assertEquals(Set.of(sha(base)), PackageInventory.verify(out.toByteArray(), dev).sha256s());
        } catch (Refused r) {
            fail(r.outcome().sentence(Kind.PACKAGE_INVENTORY));
        }
        Refused r = assertThrows(Refused.class, () -> PackageInventory.verify(out.toByteArray(), prod(DEV)));
        assertTrue(r.outcome().sentence(Kind.PACKAGE_INVENTORY).contains("trusts for deployment receipts"), r.outcome().sentence(Kind.PACKAGE_INVENTORY));
        Refused kind = assertThrows(Refused.class, () -> PackageInventory.verify(archiveHead(), dev));
        assertEquals("This file is a package archive, not a package inventory; choose a package inventory file.",
                kind.outcome().sentence(Kind.PACKAGE_INVENTORY));
    }

    /** The statement and signature of the archive alone, as a small file. */
    private static byte[] archiveHead() throws IOException {
        Map<String, byte[]> head = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
            for (int i = 0; i < 2; i++) {
                head.put(in.getNextEntry().getName(), in.readAllBytes());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        odcm.packaging.bundle.SignedStatements.writeZip(head, out);
        return out.toByteArray();
    }
}
