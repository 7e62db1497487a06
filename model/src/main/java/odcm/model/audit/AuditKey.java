package odcm.model.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key the audit log's entries are MACed with (HMAC-SHA256). It is derived from the store's master key,
 * which lives outside the database, so whoever holds only the database can neither forge an entry nor re-hash
 * a rewritten log. Masked in toString; wiped when the store closes.
 */
public final class AuditKey implements AutoCloseable {
    /** 256 bits, like the master key it comes from. */
    public static final int LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;
    private boolean wiped;

    /** Copies {@code key}; the caller wipes its own copy. */
    public AuditKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("an audit key has " + LENGTH + " bytes");
        }
        this.key = key.clone();
    }

    /** HMAC-SHA256 over length-prefixed fields, hex: no two different field lists give the same input by shifting text. */
    public synchronized String mac(String... fields) {
        if (wiped) {
            throw new IllegalStateException("the audit key was wiped (its store is closed)");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (String field : fields) {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                mac.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                mac.update(b);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Forgets the key. */
    public synchronized void wipe() {
        Arrays.fill(key, (byte) 0);
        wiped = true;
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "AuditKey[****]";
    }
}
