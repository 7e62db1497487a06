package odcm.persistence.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import odcm.model.Refusal;
import odcm.model.Secret;
import org.junit.jupiter.api.Test;

/** Many values sealed with one cipher (decision 0030, "Import, round 2") are sealed exactly as one by one. */
class SealingTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @Test
    void eachValueHasItsOwnNonceAndContextAndOpensAlone() {
        AesGcmKeyVault vault = new AesGcmKeyVault(KEY);
        List<byte[]> sealed = new ArrayList<>();
        try (KeyVault.Sealing s = vault.sealing()) {
            for (int i = 0; i < 200; i++) {
                sealed.add(s.seal(secret("same value"), "ctx:" + i));
            }
        }
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < sealed.size(); i++) {
            byte[] b = sealed.get(i);
            assertEquals(AesGcmKeyVault.VERSION, b[0]);
            nonces.add(Arrays.toString(Arrays.copyOfRange(b, 1, 13)));
            try (Secret opened = vault.open(b, "ctx:" + i)) {
                assertArrayEquals("same value".getBytes(StandardCharsets.UTF_8), opened.reveal());
            }
            int other = (i + 1) % sealed.size();
            assertThrows(Refusal.class, () -> vault.open(b, "ctx:" + other), "a value sealed for one context opens in no other");
        }
        assertEquals(sealed.size(), nonces.size(), "a fresh nonce for every value, never one reused under the key");
    }

    @Test
    void aClosedSealingSealsNothingAndAnotherKeyOpensNothing() {
        AesGcmKeyVault vault = new AesGcmKeyVault(KEY);
        KeyVault.Sealing s = vault.sealing();
        byte[] one = s.seal(secret("x"), "ctx");
        s.close();
        assertThrows(IllegalStateException.class, () -> s.seal(secret("y"), "ctx"));
        byte[] other = KEY.clone();
        other[0] = 8;
        assertThrows(Refusal.class, () -> new AesGcmKeyVault(other).open(one, "ctx"));
        byte[] altered = one.clone();
        altered[altered.length - 1] ^= 1;
        assertThrows(Refusal.class, () -> vault.open(altered, "ctx"));
    }

    private static Secret secret(String s) {
        return new Secret(s.getBytes(StandardCharsets.UTF_8));
    }
}
