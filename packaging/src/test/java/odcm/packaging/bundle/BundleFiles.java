package odcm.packaging.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import odcm.model.Secret;

/**
 * Takes bundles apart and builds tampered or hostile ones, for the tests of this module and of the app (test-jar):
 * canonical re-zipping, re-signing with a given key, deflated containers, renamed entries, symbolic links.
 */
public final class BundleFiles {
    private BundleFiles() {
    }

    public static Map<String, byte[]> unzip(byte[] bundle) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The canonical container of {@code entries}, in their order (what the writer makes). */
    public static byte[] zip(Map<String, byte[]> entries) {
        return BundleWriter.zipBytes(entries);
    }

    /** What another tool might write: DEFLATED entries. */
    public static byte[] deflated(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toByteArray();
    }

    /** Replaces every occurrence of {@code from} by {@code to} (same length) in the raw ZIP bytes: local headers and table of contents. */
    public static byte[] patchName(byte[] zip, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("same length only");
        }
        String s = new String(zip, StandardCharsets.ISO_8859_1);
        if (!s.contains(from)) {
            throw new IllegalArgumentException(from + " is not in the file");
        }
        return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Marks the last entry of the table of contents as a Unix symbolic link (made by Unix, mode 0120777). */
    public static byte[] lastEntryAsSymlink(byte[] zip) {
        byte[] out = zip.clone();
        int cen = new String(out, StandardCharsets.ISO_8859_1).lastIndexOf("PK\u0001\u0002");
        out[cen + 5] = 3;
        int mode = 0120777;
        out[cen + 40] = (byte) mode;
        out[cen + 41] = (byte) (mode >>> 8);
        return out;
    }

    /**
     * Recomputes the manifest's hashes over {@code entries} and signs it again with the given certificate and key (what a
     * rogue or careless signer could do). {@code algorithm} null: the certificate's usual signature algorithm.
     */
    public static byte[] resign(Map<String, byte[]> entries, byte[] certificateDer, Secret privateKeyPkcs8, String algorithm) {
        try {
            Dto.Manifest m = Json.read(entries.get(BundleFormat.MANIFEST), Dto.Manifest.class);
            List<Dto.Entry> listed = m.entries().stream().map(e -> new Dto.Entry(e.name(), BundleWriter.sha256(entries.get(e.name())))).toList();
            byte[] manifest = Json.write(new Dto.Manifest(m.schemaVersion(), m.bundleId(), m.source(), m.target(), m.sequence(), m.created(),
                    m.expires(), listed));
            var cert = new org.bouncycastle.cert.X509CertificateHolder(certificateDer);
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            copy.put(BundleFormat.MANIFEST, manifest);
            copy.put(BundleFormat.SIGNATURE, Cms.sign(manifest, Cms.privateKey(privateKeyPkcs8), cert,
                    algorithm == null ? Cms.signatureAlgorithm(cert) : algorithm));
            return zip(copy);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A receipt's entries with receipt.json signed (again) by the given certificate and key, with {@code algorithm} or the usual one. */
    public static byte[] resignReceipt(Map<String, byte[]> entries, byte[] certificateDer, Secret privateKeyPkcs8, String algorithm) {
        try {
            var cert = new org.bouncycastle.cert.X509CertificateHolder(certificateDer);
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            copy.put(ReceiptFormat.SIGNATURE, Cms.sign(entries.get(ReceiptFormat.RECEIPT), Cms.privateKey(privateKeyPkcs8), cert,
                    algorithm == null ? Cms.signatureAlgorithm(cert) : algorithm));
            return zip(copy);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
    /**
     * AuthEnvelopedData of {@code plaintext} built with any recipient and content cipher BouncyCastle offers: the hostile
     * secrets no writer of the console makes (PKCS#1 v1.5 or OAEP-SHA-1 key transport, AES-128-GCM, ...).
     */
    public static byte[] envelope(byte[] plaintext, org.bouncycastle.cms.RecipientInfoGenerator recipient,
                                  org.bouncycastle.asn1.ASN1ObjectIdentifier cipher) {
        try {
            var gen = new org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator();
            gen.addRecipientInfoGenerator(recipient);
            var encryptor = (org.bouncycastle.operator.OutputAEADEncryptor) new org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder(cipher)
                    .setProvider(odcm.packaging.cert.Certificates.BC).build();
            return gen.generate(new org.bouncycastle.cms.CMSProcessableByteArray(plaintext), encryptor).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plaintext of a genuine bundle's secrets.cms, opened with the target's key. */
    public static byte[] secretsPlaintext(Map<String, byte[]> entries, Secret targetKey) {
        try {
            return Cms.decrypt(entries.get(BundleFormat.SECRETS), Cms.privateKey(targetKey));
        } catch (Cms.Undecryptable e) {
            throw new IllegalStateException(e);
        }
    }
    /** The same signature (a DER ContentInfo of SignedData) re-encoded in BER with indefinite lengths: the bytes change, the signature still verifies. */
    public static byte[] berSignature(byte[] der) {
        try {
            var signedData = org.bouncycastle.asn1.ASN1Sequence.getInstance(org.bouncycastle.asn1.cms.ContentInfo.getInstance(der).getContent()).toArray();
            return new org.bouncycastle.asn1.BERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    org.bouncycastle.asn1.cms.CMSObjectIdentifiers.signedData,
                    new org.bouncycastle.asn1.BERTaggedObject(true, 0, new org.bouncycastle.asn1.BERSequence(signedData))})
                    .getEncoded(org.bouncycastle.asn1.ASN1Encoding.BER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
