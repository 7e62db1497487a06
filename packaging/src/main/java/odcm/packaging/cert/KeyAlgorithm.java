package odcm.packaging.cert;

import java.util.Locale;
import odcm.model.Refusal;

/** The key a new local space gets. See docs/decisions/0003-space-keys.md. */
public enum KeyAlgorithm {
    /** ECDSA/ECDH on P-256 (secp256r1); the default. */
    EC_P256("ec"),
    /** RSA 3072 (RSA-PSS signatures, RSA-OAEP encryption), for organisations that require RSA. */
    RSA_3072("rsa");

    private final String option;

    KeyAlgorithm(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    public static KeyAlgorithm parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (KeyAlgorithm k : values()) {
            if (k.option.equals(t)) {
                return k;
            }
        }
        throw new Refusal("The key algorithm is 'ec' (P-256, the default) or 'rsa' (3072 bits), not '" + text + "'.");
    }
}
