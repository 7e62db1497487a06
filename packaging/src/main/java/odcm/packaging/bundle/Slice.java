package odcm.packaging.bundle;

import java.security.MessageDigest;
import java.util.zip.CRC32;

/**
 * {@code length} bytes of {@code array} from {@code offset}, not copied: a bundle's part is written as a few slices (its
 * head with the bundle's id, the release's list as kept, its tail), so the megabyte list is never copied into a part of
 * its own (decision 0030, 2026-12-05 evening). The array is not changed through a slice.
 */
record Slice(byte[] array, int offset, int length) {
    Slice {
        java.util.Objects.checkFromIndexSize(offset, length, array.length);
    }

    static Slice of(byte[] array) {
        return new Slice(array, 0, array.length);
    }

    static Slice[] whole(byte[] array) {
        return new Slice[] {of(array)};
    }

    byte at(int index) {
        return array[offset + index];
    }

    static int length(Slice[] slices) {
        int n = 0;
        for (Slice s : slices) {
            n = Math.addExact(n, s.length);
        }
        return n;
    }

    /** The slices' bytes, one after another, in a new array. */
    static byte[] join(Slice[] slices) {
        byte[] out = new byte[length(slices)];
        int at = 0;
        for (Slice s : slices) {
            System.arraycopy(s.array, s.offset, out, at, s.length);
            at += s.length;
        }
        return out;
    }

    static void update(MessageDigest digest, Slice[] slices) {
        for (Slice s : slices) {
            digest.update(s.array, s.offset, s.length);
        }
    }

    static void update(CRC32 crc, Slice[] slices) {
        for (Slice s : slices) {
            crc.update(s.array, s.offset, s.length);
        }
    }
}
