package odcm.persistence.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import odcm.model.Refusal;
import odcm.model.Secret;

/**
 * AES-256-GCM under the store's master key. Sealed form: version byte, 12-byte random nonce, ciphertext with
 * 16-byte tag. The context (which store, which space) is associated data, so a sealed key copied to another
 * row or another store does not open.
 */
public final class AesGcmKeyVault implements KeyVault {
    static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The provider of AES-GCM, found once: looking it up by name on every call scanned the provider list, a third of
     * opening a sealed value (a release of 1,000 sensitive values opens 1,000). Each call still gets a fresh Cipher.
     */
    private static final java.security.Provider GCM = gcmProvider();

    private final byte[] key;

    public AesGcmKeyVault(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        this.key = key.clone();
    }

    @Override
    public byte[] seal(Secret plain, String context) {
        try (Sealing s = sealing()) {
            return s.seal(plain, context);
        }
    }

    /**
     * One AES-GCM cipher for many values: a fresh random nonce and the value's own context for each (the standard use of
     * GCM), the key schedule made once instead of once a value. The key spec and the cipher are dropped on close, as those
     * of {@link #seal} were dropped after its one value: nothing keyed lives longer than the write that sealed.
     */
    @Override
    public Sealing sealing() {
        return new Sealing() {
            private SecretKeySpec spec = new SecretKeySpec(key, "AES");
            private Cipher cipher;
            private final byte[] nonces = new byte[NONCE * 64];
            private int used = nonces.length;

            @Override
            public byte[] seal(Secret plain, String context) {
                if (spec == null) {
                    throw new IllegalStateException("this sealing was closed");
                }
                byte[] nonce = nonce();
                byte[] clear = plain.reveal();
                try {
                    if (cipher == null) {
                        cipher = Cipher.getInstance(TRANSFORMATION, GCM);
                    }
                    cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, nonce));
                    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                    return sealed(nonce, cipher.doFinal(clear));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
                } finally {
                    Arrays.fill(clear, (byte) 0);
                }
            }

            /** Nonces drawn from the system's random source 64 at a time (one read of it instead of 64); each used once. */
            private byte[] nonce() {
                if (used == nonces.length) {
                    RANDOM.nextBytes(nonces);
                    used = 0;
                }
                used += NONCE;
                return Arrays.copyOfRange(nonces, used - NONCE, used);
            }

            @Override
            public void close() {
                spec = null;
                cipher = null;
            }
        };
    }

    private static byte[] sealed(byte[] nonce, byte[] ct) {
        byte[] out = new byte[1 + NONCE + ct.length];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE);
        System.arraycopy(ct, 0, out, 1 + NONCE, ct.length);
        return out;
    }

    @Override
    public Secret open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw unreadable();
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE);
        byte[] clear = null;
        try {
            clear = cipher(Cipher.DECRYPT_MODE, nonce, context).doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
            return new Secret(clear);
        } catch (AEADBadTagException e) {
            throw unreadable();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        } finally {
            if (clear != null) {
                Arrays.fill(clear, (byte) 0);
            }
        }
    }

    /**
     * A key for another purpose, derived from the master key: HMAC-SHA256 keyed with the master key over
     * {@code label}. The caller wipes it.
     */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Forgets the key (the store is closing). */
    public void wipe() {
        Arrays.fill(key, (byte) 0);
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance(TRANSFORMATION, GCM);
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static java.security.Provider gcmProvider() {
        try {
            return Cipher.getInstance(TRANSFORMATION).getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static Refusal unreadable() {
        return new Refusal("A sealed private key could not be opened: it was altered, or it belongs to another space or store.");
    }
}
