package odcm.packaging.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import odcm.packaging.cert.Certificates;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Writes a deployment receipt: the canonical container of release bundles holding {@code receipt.json} and its detached
 * CMS signature {@code receipt.sig}. Nothing in a receipt is secret, so nothing is encrypted.
 */
public final class ReceiptWriter {
    private ReceiptWriter() {
    }

    public static void write(ReceiptContent content, SourceKey signer, byte[] addresseeCertificateDer, OutputStream out) throws IOException {
        X509CertificateHolder signerCert = new X509CertificateHolder(signer.certificateDer());
        byte[] receipt = Json.write(new Dto.Receipt(ReceiptFormat.SCHEMA_VERSION, content.receiptId().toString(),
                new Dto.Party(content.sourceSpace(), Certificates.fingerprint(signer.certificateDer()).hex()),
                new Dto.Party(content.targetSpace(), Certificates.fingerprint(addresseeCertificateDer).hex()),
                content.sequence(), content.created().toString(), content.expires().toString(),
                content.deployments().stream().map(d -> new Dto.ReceiptDeployment(d.bundleId().toString(), d.project(), d.version(),
                        d.environment(), d.outcome(), d.deployedAt().toString(), d.deployedBy())).toList(),
                content.instances().isEmpty() ? null
                        : content.instances().stream().map(i -> new Dto.ReceiptInstance(i.environment(), i.template(), i.live())).toList()));
        byte[] signature = Cms.sign(receipt, Cms.privateKey(signer.privateKeyPkcs8()), signerCert, Cms.signatureAlgorithm(signerCert));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ReceiptFormat.RECEIPT, receipt);
        entries.put(ReceiptFormat.SIGNATURE, signature);
        BundleWriter.writeZip(entries, out);
    }
}
