package odcm.packaging.cert;

import odcm.model.cert.CertificateInfo;

/** A certificate read from a file or pasted text, checked and ready to show before anything is saved. */
public record ReadCertificate(byte[] der, CertificateInfo info) {
}
