package odcm.persistence.space;

import odcm.model.cert.CertificateInfo;

/** A certificate to store: its DER encoding and what was read from it (by packaging). */
public record NewCertificate(byte[] der, CertificateInfo info) {
}
