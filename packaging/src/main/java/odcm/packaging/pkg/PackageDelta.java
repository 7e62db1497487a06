package odcm.packaging.pkg;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import odcm.model.Progress;

/**
 * A package rebuilt from one the other side already has (docs/package-delta-format.md, docs/decisions/0061): a stream of
 * "copy these bytes of the base" and "add these bytes" operations, the added bytes deflated where that makes them smaller
 * (with the base's bytes they most likely replace as deflate's dictionary).
 *
 * <p>Encoding indexes the base's blocks by a weak hash (the block size chosen from the base's size, so the index never
 * holds more than {@value #MAX_BLOCKS} blocks: at most 17 MiB with its filter), then rolls the same hash over the target
 * byte by byte; a candidate is taken only once its bytes equal the base's at that offset (no trust in the hash), and is
 * then extended byte-wise forward and backward into the pending added bytes, so content shifted by insertions and
 * deletions is found and an unchanged stretch of any length is one copy. Both directions stream: the target and base are
 * read in pieces, by position, never mapped or held whole, and memory does not grow with either (at most 17 MiB of index
 * and 4 MiB + 2 blocks of buffers to encode, 2.1 MiB to apply), whatever their size, including over 2 GB.
 */
public final class PackageDelta {
    static final byte[] MAGIC = {'O', 'D', 'C', 'M', 'D', 'L', 'T', '1'};
    static final int END = 0;
    static final int COPY = 1;
    static final int ADD = 2;
    static final int ADD_DEFLATED = 3;
    /** The most bytes one ADD carries; a longer run of new bytes is several. */
    static final int LITERAL_MAX = 1 << 20;
    static final int MIN_BLOCK = 512;
    static final int MAX_BLOCK = 1 << 20;
    /** The most blocks of the base indexed (a base over MAX_BLOCKS × MAX_BLOCK = 1 TiB has its first TiB indexed). */
    static final int MAX_BLOCKS = 1 << 20;
    private static final int CHUNK = 1 << 20;
    private static final int PROBE = 64 * 1024;
    private static final int TINY = 32;
    private static final int DEFLATED_HEADER = 16; // what an ADD deflated's header takes beyond an ADD's
    /** The most bytes of the base a deflated ADD names as its preset dictionary (deflate's window). */
    static final int DICTIONARY = 32 * 1024;
    private static final int MULTIPLIER = 0x5bd1e995;

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
     * Calls {@code progress} between pieces (so a stop asked for ends it with {@link Progress.Cancelled}); {@code out} is
     * flushed, not closed.
     */
    public static long encode(Path base, Path target, OutputStream out, Progress progress) throws IOException {
        try (FileChannel b = FileChannel.open(base, StandardOpenOption.READ); FileChannel t = FileChannel.open(target, StandardOpenOption.READ)) {
            Encoder encoder = new Encoder(b, t, out, progress);
            try {
                return encoder.run();
            } finally {
                encoder.deflater.end();
            }
        }
    }

    /**
     * Rebuilds into {@code out} from {@code base} and {@code delta}, which holds one delta and nothing after it; returns the
     * bytes written. Refused ({@link BadDelta}) when the delta is not one, is based on a package of another size, reads
     * outside the base, writes more than {@code maxOutput} bytes, holds a bad length or deflated data that does not inflate
     * to its declared length, ends early, or goes on after its end. Memory is bounded whatever the delta declares.
     */
    public static long apply(Path base, InputStream delta, OutputStream out, long maxOutput) throws IOException {
        Inflater inflater = new Inflater();
        try (FileChannel b = FileChannel.open(base, StandardOpenOption.READ)) {
            return new Decoder(b, new DataInputStream(new BufferedInputStream(delta, 64 * 1024)), out, inflater).run(maxOutput);
        } catch (EOFException e) {
            throw new BadDelta("ends early");
        } finally {
            inflater.end();
        }
    }

    /** The block size for a base of {@code size} bytes: a power of two from 512 bytes, so at most 2^20 blocks up to 1 TiB. */
    static int blockSize(long size) {
        long perBlock = Math.max(MIN_BLOCK, (size + MAX_BLOCKS - 1) / MAX_BLOCKS);
        return (int) Math.min(MAX_BLOCK, Long.highestOneBit(perBlock - 1) << 1);
    }

    /** The polynomial hash of {@code length} bytes (a multiple of 4), four at a time (the same as byte by byte). */
    private static int hash(byte[] data, int from, int length) {
        int m2 = MULTIPLIER * MULTIPLIER;
        int m3 = m2 * MULTIPLIER;
        int m4 = m3 * MULTIPLIER;
        int h = 0;
        for (int i = from; i < from + length; i += 4) {
            h = h * m4 + (data[i] & 0xff) * m3 + (data[i + 1] & 0xff) * m2 + (data[i + 2] & 0xff) * MULTIPLIER + (data[i + 3] & 0xff);
        }
        return h;
    }

    /**
     * The base's blocks by weak hash: open addressing, at most half full, each slot a hash and its block number + 1 side by
     * side (one cache line per look-up; 0 is an empty slot); of blocks with one hash, the first is kept. Before the slots,
     * a filter of 4 bits per slot (at most 1 MiB, so mostly in the processor's cache) answers most look-ups of a hash the
     * base does not have, which are nearly all of them where the target's bytes are new.
     */
    private static final class BlockIndex {
        private final int[] slots;
        private final int mask;
        private final int shift;
        private final long[] filter;
        private final int filterShift;

        BlockIndex(int count) {
            int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, 2 * count - 1)) << 1);
            slots = new int[2 * capacity];
            mask = 2 * capacity - 1;
            shift = Integer.numberOfLeadingZeros(capacity - 1) - 1;
            filter = new long[capacity / 16];
            filterShift = shift - 1;
        }

        void add(int hash, int block) {
            int i = slot(hash);
            for (; slots[i + 1] != 0; i = (i + 2) & mask) {
                if (slots[i] == hash) {
                    return;
                }
            }
            slots[i] = hash;
            slots[i + 1] = block + 1;
            int f = (hash * 0x85ebca6b) >>> filterShift;
            filter[f >>> 6] |= 1L << f;
        }

        int find(int hash) {
            int f = (hash * 0x85ebca6b) >>> filterShift;
            if ((filter[f >>> 6] & 1L << f) == 0) {
                return -1;
            }
            for (int i = slot(hash); slots[i + 1] != 0; i = (i + 2) & mask) {
                if (slots[i] == hash) {
                    return slots[i + 1] - 1;
                }
            }
            return -1;
        }

        private int slot(int hash) {
            // the product's high bits (the rolling hash's low bits are its weakest), times two
            return ((hash * 0x9e3779b9) >>> shift) & ~1;
        }
    }

    private static final class Encoder {
        private final FileChannel base;
        private final FileChannel target;
        private final long baseSize;
        private final long targetSize;
        private final DataOutputStream out;
        private final Progress progress;
        private final int block;
        private final int outgoing; // MULTIPLIER^block: the weight of the byte leaving the rolling window
        private final byte[] window; // target bytes [windowStart, windowStart + length)
        private final byte[] baseBytes;
        private final byte[] packed = new byte[LITERAL_MAX];
        final Deflater deflater = new Deflater();
        private final byte[] dictionary = new byte[DICTIONARY];
        private long dictionaryFrom;
        private int dictionaryLength;
        private long copyEnd; // where in the base the last copy ended: the bytes an ADD after it most likely replaces
        private long windowStart;
        private int length;
        private int pos; // start of the block being looked for
        private int literal; // start of the bytes not yet written (pos - literal <= LITERAL_MAX + block)
        private BlockIndex index;
        private int packedLength;

        Encoder(FileChannel base, FileChannel target, OutputStream out, Progress progress) throws IOException {
            this.base = base;
            this.target = target;
            this.baseSize = base.size();
            this.targetSize = target.size();
            this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
            this.progress = progress;
            this.block = blockSize(baseSize);
            int power = 1;
            for (int i = 0; i < block; i++) {
                power *= MULTIPLIER;
            }
            this.outgoing = power;
            this.window = new byte[LITERAL_MAX + 2 * block + CHUNK];
            this.baseBytes = new byte[Math.max(block, CHUNK)];
        }

        long run() throws IOException {
            index = indexBase();
            out.write(MAGIC);
            out.writeLong(baseSize);
            out.writeLong(targetSize);
            int h = 0;
            boolean rolled = false;
            while (true) {
                if (pos + block > length && (refill(literal) == 0 || pos + block > length)) {
                    break;
                }
                if (!rolled) {
                    h = hash(window, pos, block);
                    rolled = true;
                }
                h = roll(h, Math.min(length - block, literal + LITERAL_MAX + block - 1));
                int found = index.find(h);
                if (found >= 0 && confirmed((long) found * block)) {
                    copyFrom((long) found * block);
                    rolled = false;
                    continue;
                }
                if (pos + block == length) {
                    refill(literal);
                }
                if (pos + block < length) {
                    h = h * MULTIPLIER + (window[pos + block] & 0xff) - outgoing * (window[pos] & 0xff);
                }
                pos++;
                if (pos - literal >= LITERAL_MAX + block) {
                    add(literal, pos - block);
                    literal = pos - block;
                }
            }
            add(literal, length);
            if (windowStart + length != targetSize) {
                throw new IOException("The package " + target + " changed while it was read.");
            }
            out.writeByte(END);
            out.flush();
            progress.step(baseSize + targetSize, baseSize + targetSize, "Compared");
            return windowStart + length;
        }

        /** Rolls the hash from pos to the first window whose hash the base has, or to {@code last}; returns its hash. */
        private int roll(int h, int last) {
            byte[] w = window;
            int b = block;
            int p = pos;
            while (p < last && index.find(h) < 0) {
                h = h * MULTIPLIER + (w[p + b] & 0xff) - outgoing * (w[p] & 0xff);
                p++;
            }
            pos = p;
            return h;
        }

        private BlockIndex indexBase() throws IOException {
            long indexed = Math.min(baseSize / block, MAX_BLOCKS);
            BlockIndex blocks = new BlockIndex((int) indexed);
            int perRead = baseBytes.length / block * block;
            for (long b = 0; b < indexed; ) {
                progress.step(b * block, baseSize + targetSize, "Indexing the package the target has");
                int n = (int) Math.min(perRead / block, indexed - b);
                if (readFully(base, ByteBuffer.wrap(baseBytes, 0, n * block), b * block) != n * block) {
                    throw new IOException("The package " + base + " changed while it was read.");
                }
                for (int i = 0; i < n; i++) {
                    blocks.add(hash(baseBytes, i * block, block), (int) (b + i));
                }
                b += n;
            }
            return blocks;
        }

        /** Drops the window's bytes before {@code keep} and reads more; returns the bytes read. */
        private int refill(int keep) throws IOException {
            System.arraycopy(window, keep, window, 0, length - keep);
            windowStart += keep;
            length -= keep;
            pos -= keep;
            literal -= keep;
            progress.step(baseSize + windowStart + length, baseSize + targetSize, "Comparing with the package the target has");
            int read = readFully(target, ByteBuffer.wrap(window, length, window.length - length), windowStart + length);
            length += read;
            return read;
        }

        private boolean confirmed(long from) throws IOException {
            return readFully(base, ByteBuffer.wrap(baseBytes, 0, block), from) == block
                    && Arrays.equals(window, pos, pos + block, baseBytes, 0, block);
        }

        /** Writes the match at {@code pos} (equal to the base's block at {@code from}), extended both ways, as one copy. */
        private void copyFrom(long from) throws IOException {
            int reach = (int) Math.min(Math.min(pos - literal, from), block);
            readFully(base, ByteBuffer.wrap(baseBytes, 0, reach), from - reach);
            int back = 0;
            while (back < reach && window[pos - back - 1] == baseBytes[reach - back - 1]) {
                back++;
            }
            add(literal, pos - back);
            long start = from - back;
            long matched = back;
            long next = from;
            while (true) {
                if (pos == length && refill(pos) == 0) {
                    break;
                }
                int n = readFully(base, ByteBuffer.wrap(baseBytes, 0, Math.min(length - pos, baseBytes.length)), next);
                int differs = Arrays.mismatch(window, pos, pos + n, baseBytes, 0, n);
                int same = differs < 0 ? n : differs;
                pos += same;
                next += same;
                matched += same;
                if (differs >= 0 || n == 0) {
                    break;
                }
            }
            out.writeByte(COPY);
            out.writeLong(start);
            out.writeLong(matched);
            literal = pos;
            copyEnd = next;
        }

        /**
         * Writes the window's bytes [from, to) as ADDs of at most LITERAL_MAX bytes, each deflated if that is smaller, header
         * and all, unless its first PROBE bytes deflate by less than 1/32 (bytes already compressed: deflating them costs CPU
         * for nothing) or it is TINY (it cannot gain, and a delta of many small edits would pay for a dictionary each time).
         * The deflater's preset dictionary is the base's 32 KiB around where the last copy ended: new bytes are most often
         * an edit of the ones they replace, and deflate then codes them as short matches in those.
         */
        private void add(int from, int to) throws IOException {
            if (to - from > TINY) {
                dictionaryLength = (int) Math.min(DICTIONARY, baseSize);
                dictionaryFrom = Math.max(0, Math.min(copyEnd - DICTIONARY / 2, baseSize - dictionaryLength));
                if (readFully(base, ByteBuffer.wrap(dictionary, 0, dictionaryLength), dictionaryFrom) != dictionaryLength) {
                    throw new IOException("The package " + base + " changed while it was read.");
                }
            }
            for (int at = from; at < to; at += LITERAL_MAX) {
                int n = Math.min(LITERAL_MAX, to - at);
                int probe = Math.min(n, PROBE);
                boolean deflated = n > TINY && deflate(at, probe, probe - 1 - Math.max(probe / 32, DEFLATED_HEADER))
                        && (n == probe || deflate(at, n, n - 1 - DEFLATED_HEADER));
                if (deflated) {
                    out.writeByte(ADD_DEFLATED);
                    out.writeInt(n);
                    out.writeLong(dictionaryFrom);
                    out.writeInt(dictionaryLength);
                    out.writeInt(packedLength);
                    out.write(packed, 0, packedLength);
                } else {
                    out.writeByte(ADD);
                    out.writeInt(n);
                    out.write(window, at, n);
                }
            }
        }

        /** Deflates n bytes of the window at {@code at} into {@code packed}: true when that took fewer than {@code room} bytes. */
        private boolean deflate(int at, int n, int room) {
            deflater.reset();
            if (dictionaryLength > 0) {
                deflater.setDictionary(dictionary, 0, dictionaryLength);
            }
            deflater.setInput(window, at, n);
            deflater.finish();
            packedLength = 0;
            while (!deflater.finished() && packedLength < room) {
                packedLength += deflater.deflate(packed, packedLength, room - packedLength);
            }
            return deflater.finished();
        }
    }

    private record Decoder(FileChannel base, DataInputStream in, OutputStream out, Inflater inflater) {
        long run(long maxOutput) throws IOException {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BadDelta("is not a package delta");
            }
            long baseSize = in.readLong();
            long size = in.readLong();
            if (baseSize != base.size()) {
                throw new BadDelta("is based on a package of another size");
            }
            if (size < 0 || size > maxOutput) {
                throw new BadDelta("would write more than the package's size");
            }
            byte[] buffer = new byte[LITERAL_MAX];
            byte[] packed = new byte[LITERAL_MAX];
            byte[] dictionary = new byte[DICTIONARY];
            long written = 0;
            while (true) {
                int op = in.readUnsignedByte();
                if (op == END) {
                    if (written != size) {
                        throw new BadDelta("ends early");
                    }
                    if (in.read() >= 0) {
                        throw new BadDelta("goes on after its end");
                    }
                    out.flush();
                    return written;
                }
                if (op == COPY) {
                    long from = in.readLong();
                    long n = checked(in.readLong(), Long.MAX_VALUE, size - written);
                    if (from < 0 || from > baseSize - n) {
                        throw new BadDelta("reads outside the package it is based on");
                    }
                    for (long done = 0; done < n; ) {
                        int piece = (int) Math.min(buffer.length, n - done);
                        if (readFully(base, ByteBuffer.wrap(buffer, 0, piece), from + done) != piece) {
                            throw new BadDelta("reads outside the package it is based on");
                        }
                        out.write(buffer, 0, piece);
                        done += piece;
                    }
                    written += n;
                } else if (op == ADD) {
                    int n = (int) checked(in.readInt(), LITERAL_MAX, size - written);
                    in.readFully(buffer, 0, n);
                    out.write(buffer, 0, n);
                    written += n;
                } else if (op == ADD_DEFLATED) {
                    int n = (int) checked(in.readInt(), LITERAL_MAX, size - written);
                    long from = in.readLong();
                    int dictionaryLength = in.readInt();
                    if (dictionaryLength < 0 || dictionaryLength > DICTIONARY) {
                        throw new BadDelta("holds a length that is negative, zero or too large");
                    }
                    if (from < 0 || from > baseSize - dictionaryLength
                            || readFully(base, ByteBuffer.wrap(dictionary, 0, dictionaryLength), from) != dictionaryLength) {
                        throw new BadDelta("reads outside the package it is based on");
                    }
                    int packedLength = (int) checked(in.readInt(), n - 1, Long.MAX_VALUE);
                    in.readFully(packed, 0, packedLength);
                    inflate(packed, packedLength, buffer, n, dictionary, dictionaryLength);
                    out.write(buffer, 0, n);
                    written += n;
                } else {
                    throw new BadDelta("holds an operation that is not one");
                }
            }
        }

        /** {@code n} when it is 1..{@code max}; refused when negative, zero or over max, or over the {@code room} left. */
        private static long checked(long n, long max, long room) throws BadDelta {
            if (n <= 0 || n > max) {
                throw new BadDelta("holds a length that is negative, zero or too large");
            }
            if (n > room) {
                throw new BadDelta("would write more than the package's size");
            }
            return n;
        }

        /**
         * Inflates exactly {@code n} bytes from the packed bytes (with the first {@code dictionaryLength} bytes of
         * {@code dictionary} if they ask for one), or refuses: never more than {@code n} is produced.
         */
        private void inflate(byte[] packed, int packedLength, byte[] into, int n, byte[] dictionary, int dictionaryLength)
                throws BadDelta {
            inflater.reset();
            inflater.setInput(packed, 0, packedLength);
            try {
                int done = 0;
                boolean dictionarySet = false;
                while (done < n && !inflater.finished() && !inflater.needsInput()) {
                    if (inflater.needsDictionary()) {
                        if (dictionarySet || dictionaryLength == 0) {
                            throw new BadDelta("holds deflated data that does not inflate");
                        }
                        inflater.setDictionary(dictionary, 0, dictionaryLength); // refused unless it is the one deflated with
                        dictionarySet = true;
                    }
                    done += inflater.inflate(into, done, n - done);
                }
                if (done == n && !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                    throw new BadDelta("holds deflated data that inflates beyond its declared length");
                }
                if (done != n || !inflater.finished() || inflater.getRemaining() > 0) {
                    throw new BadDelta("holds deflated data that does not inflate to its declared length");
                }
            } catch (DataFormatException | IllegalArgumentException e) {
                throw new BadDelta("holds deflated data that does not inflate");
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
