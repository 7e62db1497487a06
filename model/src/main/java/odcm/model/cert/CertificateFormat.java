package odcm.model.cert;

/** How a certificate is written to a file: PEM text or DER bytes. */
public enum CertificateFormat {
    PEM("pem"),
    DER("der");

    private final String extension;

    CertificateFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format a file name asks for: ".der" or ".cer" means DER, anything else PEM. */
    public static CertificateFormat forFileName(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".der") || lower.endsWith(".cer") ? DER : PEM;
    }
}
