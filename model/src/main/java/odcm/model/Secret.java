package odcm.model;

import java.util.Arrays;

/** Sensitive bytes (a private key, a sensitive value). Masked in toString; wipe when done. */
public final class Secret implements AutoCloseable {
    private final byte[] bytes;

    public Secret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** A copy of the secret bytes; the caller wipes it. */
    public byte[] reveal() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
