package odcm.packaging.pkg;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import odcm.model.Progress;

/**
 * A package rebuilt from one the other side already has: a stream of "copy these bytes of the base" and "add these bytes"
 * operations. Both directions stream: the target is read once, the base by position, and memory does not grow with either.
 *
 * <p>First shape (block-aligned: a block of the target equal to the base's block at the same offset is copied, any other
 * is added); the seam {@code encode}/{@code apply} is what the package archive uses.
 */
public final class PackageDelta {
    private static final byte[] MAGIC = {'O', 'D', 'C', 'M', 'D', 'L', 'T', '0'};
    private static final int BLOCK = 64 * 1024;
    private static final int END = 0;
    private static final int COPY = 1;
    private static final int ADD = 2;

    private PackageDelta() {
    }

    /** A delta that cannot be applied: the sentence says why (it never quotes the delta's bytes). */
    public static final class BadDelta extends IOException {
        private static final long serialVersionUID = 1L;

        public BadDelta(String sentence) {
            super(sentence);
        }
    }

    /**
     * Writes to {@code out} the delta that rebuilds {@code target} from {@code base}; returns the bytes of the target read.
     * Calls {@code progress} between blocks (so a stop asked for ends it with {@link Progress.Cancelled}).
     */
    public static long encode(Path base, Path target, OutputStream out, Progress progress) throws IOException {
        try (FileChannel b = FileChannel.open(base, StandardOpenOption.READ); FileChannel t = FileChannel.open(target, StandardOpenOption.READ)) {
            DataOutputStream data = new DataOutputStream(out);
            data.write(MAGIC);
            long size = t.size();
            ByteBuffer tb = ByteBuffer.allocate(BLOCK);
            ByteBuffer bb = ByteBuffer.allocate(BLOCK);
            long offset = 0;
            while (offset < size) {
                progress.step(offset, size, "Comparing with the package the target has");
                int n = readFully(t, tb.clear(), offset);
                int m = readFully(b, bb.clear(), offset);
                if (n == m && Arrays.equals(tb.array(), 0, n, bb.array(), 0, m)) {
                    data.writeByte(COPY);
                    data.writeLong(offset);
                    data.writeInt(n);
                } else {
                    data.writeByte(ADD);
                    data.writeInt(n);
                    data.write(tb.array(), 0, n);
                }
                offset += n;
            }
            data.writeByte(END);
            data.flush();
            progress.step(size, size, "Compared");
            return size;
        }
    }

    /**
     * Rebuilds into {@code out} from {@code base} and {@code delta}; returns the bytes written. Refused ({@link BadDelta}) when
     * the delta is not one, reads outside the base, writes more than {@code maxOutput} bytes, or ends early.
     */
    public static long apply(Path base, InputStream delta, OutputStream out, long maxOutput) throws IOException {
        try (FileChannel b = FileChannel.open(base, StandardOpenOption.READ)) {
            DataInputStream in = new DataInputStream(delta);
            byte[] magic = new byte[MAGIC.length];
            try {
                in.readFully(magic);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new BadDelta("is not a package delta");
                }
                long written = 0;
                ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
                while (true) {
                    int op = in.readUnsignedByte();
                    if (op == END) {
                        return written;
                    }
                    if (op != COPY && op != ADD) {
                        throw new BadDelta("holds an operation that is not one");
                    }
                    long from = op == COPY ? in.readLong() : 0;
                    int length = in.readInt();
                    if (length < 0 || length > BLOCK || written + length > maxOutput) {
                        throw new BadDelta("would write more than the package's size");
                    }
                    if (op == COPY) {
                        if (from < 0 || from > b.size() - length || readFully(b, buffer.clear().limit(length), from) != length) {
                            throw new BadDelta("reads outside the package it is based on");
                        }
                        out.write(buffer.array(), 0, length);
                    } else {
                        in.readFully(buffer.array(), 0, length);
                        out.write(buffer.array(), 0, length);
                    }
                    written += length;
                }
            } catch (EOFException e) {
                throw new BadDelta("ends early");
            }
        }
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
