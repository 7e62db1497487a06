package odcm.packaging.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import odcm.packaging.cert.Certificates;
import org.bouncycastle.cert.X509CertificateHolder;

/** Writes a release bundle (docs/bundle-format.md). Plain and blocking: run it off the UI thread. */
public final class BundleWriter {
    private BundleWriter() {
    }

    public static void write(BundleContent content, SourceKey source, byte[] targetCertificateDer, OutputStream out) throws IOException {
        write(content, BundleParts.of(content.snapshot()), source, targetCertificateDer, out);
    }

    /**
     * As {@link #write(BundleContent, SourceKey, byte[], OutputStream)}, the release's steps, variables, templates,
     * packages and secret values taken from {@code parts} (made once, when the release was frozen): the snapshot of
     * {@code content} is not read.
     */
    public static void write(BundleContent content, BundleParts releaseParts, SourceKey source, byte[] targetCertificateDer, OutputStream out)
            throws IOException {
        writeSlices(entries(content, releaseParts, source, targetCertificateDer), out);
    }

    /**
     * As {@link #write(BundleContent, BundleParts, SourceKey, byte[], OutputStream)}, the bundle's bytes in one array of
     * their size, computed before they are written: no buffer grown or larger than the file, and no copy of it at the end.
     */
    public static byte[] write(BundleContent content, BundleParts releaseParts, SourceKey source, byte[] targetCertificateDer)
            throws IOException {
        Map<String, Slice[]> entries = entries(content, releaseParts, source, targetCertificateDer);
        Exact out = new Exact(zipSize(entries));
        writeSlices(entries, out);
        return out.full();
    }

    /** An environment template as templates.json carries it; a sensitive parameter has no default (VariableTemplate refuses one). */
    private static Dto.EnvironmentTemplate environmentTemplate(odcm.model.environment.EnvironmentTemplate t) {
        return new Dto.EnvironmentTemplate(t.name(), t.description(), t.parameters().stream()
                .map(p -> new Dto.Template(p.name(), p.label(), p.helpText(), p.type().name(), p.options(), p.mandatory(),
                        p.type() == odcm.model.project.TemplateType.SENSITIVE ? null : p.defaultValue())).toList(),
                t.nameExpression().text(), t.onExisting().name(), t.deprovisionWhenProgressed(), t.deprovisionAfterDays(),
                BundleParts.steps(t.provisioning()), BundleParts.steps(t.deprovisioning()));
    }

    /** The entries of a bundle, in file order: manifest, signature, the parts (the kept lists as slices), the secrets' envelope. */
    private static Map<String, Slice[]> entries(BundleContent content, BundleParts releaseParts, SourceKey source, byte[] targetCertificateDer)
            throws IOException {
        X509CertificateHolder sourceCert = new X509CertificateHolder(source.certificateDer());
        X509CertificateHolder targetCert = new X509CertificateHolder(targetCertificateDer);
        String id = content.bundleId().toString();
        String targetFingerprint = Certificates.fingerprint(targetCertificateDer).hex();

        Map<String, Slice[]> parts = new LinkedHashMap<>(); // the release's lists as kept, not copied into parts of their own
        parts.put(BundleFormat.RELEASE, Slice.whole(Json.write(content.revision() == 1
                ? new Dto.ReleasePart(id, content.project(), content.version(), content.notes(), content.channel(),
                content.releaseCreated().toString())
                : new Dto.RevisedReleasePart(id, content.project(), content.version(), content.notes(), content.channel(),
                content.releaseCreated().toString(), content.revision()))));
        parts.put(BundleFormat.PROCESS, releaseParts.processPart(id));
        parts.put(BundleFormat.VARIABLES, releaseParts.variablesPart(id));
        parts.put(BundleFormat.TEMPLATES, releaseParts.templatesPart(id, content.environmentTemplates().isEmpty() ? null
                : content.environmentTemplates().stream().map(BundleWriter::environmentTemplate).toList()));
        parts.put(BundleFormat.PACKAGES, releaseParts.packagesPart(id));
        parts.put(BundleFormat.HISTORY, Slice.whole(Json.write(new Dto.HistoryPart(id, content.history().stream()
                .map(h -> new Dto.Deployment(h.space(), h.environment(), h.deployedAt().toString(), h.outcome())).toList(),
                content.outOfOrder() == null ? null
                        : new Dto.OutOfOrder(content.outOfOrder().by(), content.outOfOrder().reason(), content.outOfOrder().skipped())))));
        byte[] secretJson = releaseParts.secretsPart(id, content.project(), content.version(), content.targetSpace(), targetFingerprint);
        try {
            parts.put(BundleFormat.SECRETS, Slice.whole(Cms.encrypt(secretJson, targetCert)));
        } finally {
            java.util.Arrays.fill(secretJson, (byte) 0);
        }

        List<Dto.Entry> entries = new ArrayList<>();
        parts.forEach((name, bytes) -> entries.add(new Dto.Entry(name, sha256(bytes))));
        byte[] manifest = Json.write(new Dto.Manifest(BundleFormat.SCHEMA_VERSION, id,
                new Dto.Party(content.sourceSpace(), Certificates.fingerprint(source.certificateDer()).hex()),
                new Dto.Party(content.targetSpace(), targetFingerprint),
                content.sequence(), content.created().toString(), content.expires().toString(), entries));
        PrivateKey key = Cms.privateKey(source.privateKeyPkcs8());
        byte[] signature = Cms.sign(manifest, key, sourceCert, Cms.signatureAlgorithm(sourceCert));

        Map<String, Slice[]> all = new LinkedHashMap<>();
        all.put(BundleFormat.MANIFEST, Slice.whole(manifest));
        all.put(BundleFormat.SIGNATURE, Slice.whole(signature));
        all.putAll(parts);
        return all;
    }

    /**
     * The size of the container {@link #writeSlices} writes: that of the same entries with no bytes (their headers, as the
     * JDK's ZIP writer makes them, are the same for any size below 4 GiB) and the entries' bytes.
     */
    static int zipSize(Map<String, Slice[]> entries) throws IOException {
        Map<String, Slice[]> headers = new LinkedHashMap<>();
        long size = 0;
        for (Map.Entry<String, Slice[]> e : entries.entrySet()) {
            headers.put(e.getKey(), new Slice[0]);
            size += Slice.length(e.getValue());
        }
        long[] written = {0};
        writeSlices(headers, new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        });
        return Math.toIntExact(size + written[0]);
    }

    /** An output stream into an array of a size known beforehand; writing more, or less ({@link #full}), is an error. */
    private static final class Exact extends OutputStream {
        private final byte[] bytes;
        private int at;

        Exact(int size) {
            bytes = new byte[size];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len > bytes.length - at) {
                throw new IOException("the bundle came out larger than its computed size of " + bytes.length + " bytes");
            }
            System.arraycopy(b, off, bytes, at, len);
            at += len;
        }

        byte[] full() {
            if (at != bytes.length) {
                throw new IllegalStateException("the bundle came out at " + at + " bytes, not its computed size of " + bytes.length);
            }
            return bytes;
        }
    }

    /** The DOS epoch, the same in every time zone: a bundle's bytes depend only on its entries. */
    private static final java.time.LocalDateTime ENTRY_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    /**
     * The canonical container: entries STORED (uncompressed) in the given order, fixed time, nothing else. Deflate output
     * differs between zlib builds; stored bytes do not, so a verifier can rebuild the file and compare every byte.
     */
    static void writeZip(Map<String, byte[]> entries, OutputStream out) throws IOException {
        Map<String, Slice[]> slices = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> slices.put(name, Slice.whole(bytes)));
        writeSlices(slices, out);
    }

    /** As {@link #writeZip}, each entry's bytes given as slices, one after another. */
    private static void writeSlices(Map<String, Slice[]> entries, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8);
        for (Map.Entry<String, Slice[]> e : entries.entrySet()) {
            ZipEntry entry = new ZipEntry(e.getKey());
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            Slice.update(crc, e.getValue());
            int size = Slice.length(e.getValue());
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(size);
            entry.setCompressedSize(size);
            entry.setCrc(crc.getValue());
            entry.setTimeLocal(ENTRY_TIME);
            zip.putNextEntry(entry);
            for (Slice s : e.getValue()) {
                zip.write(s.array(), s.offset(), s.length());
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    static byte[] zipBytes(Map<String, byte[]> entries) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            writeZip(entries, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        return sha256(Slice.whole(bytes));
    }

    private static String sha256(Slice[] slices) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            Slice.update(d, slices);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
