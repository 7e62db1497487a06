package odcm.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Blob;
import java.sql.SQLException;
import org.jooq.Binding;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/** Large columns read at their size. */
public final class Lobs {
    private Lobs() {
    }

    /**
     * A BLOB (or the stored UTF-8 of a CLOB, coerced to it) read into one array of its length, for reading only. jOOQ's own
     * byte[] binding reads through H2's {@code Blob.getBytes}, which copies into a buffer grown from 32 bytes: for a
     * megabyte, several times its size in garbage and as many copies, on every read. Same bytes either way.
     */
    public static final DataType<byte[]> BYTES = SQLDataType.BLOB.asConvertedDataType(Binding.of(
            Converter.ofNullable(byte[].class, byte[].class, b -> b, b -> b),
            ctx -> ctx.render().sql(ctx.variable()),
            ctx -> {
                try {
                    // PostgreSQL's BYTEA and TEXT arrive whole with the row: its driver's bytes are already the value's size.
                    ctx.value(ctx.family() == org.jooq.SQLDialect.POSTGRES ? ctx.resultSet().getBytes(ctx.index())
                            : bytes(ctx.resultSet().getBlob(ctx.index())));
                } catch (SQLException | IOException e) {
                    throw new DataAccessException("a large column could not be read", e);
                }
            },
            ctx -> {
                try {
                    ctx.statement().setBytes(ctx.index(), ctx.value());
                } catch (SQLException e) {
                    throw new DataAccessException("a large column could not be bound", e);
                }
            }));

    /**
     * A BLOB (or the stored UTF-8 of a CLOB, coerced to it) to be read once, within the mapping of its row, as a stream into
     * a digest ({@link Streamed#digest}): the release head's snapshot (a megabyte at size) is hashed without an array of
     * it, on every head read. PostgreSQL's driver hands the value over whole with the row, so there it stays that array.
     */
    public static final DataType<Streamed> STREAMED = SQLDataType.BLOB.asConvertedDataType(Binding.of(
            Converter.ofNullable(byte[].class, Streamed.class, Streamed::of, Streamed::bytes),
            ctx -> ctx.render().sql(ctx.variable()),
            ctx -> {
                try {
                    ctx.value(ctx.family() == org.jooq.SQLDialect.POSTGRES ? Streamed.of(ctx.resultSet().getBytes(ctx.index()))
                            : Streamed.of(ctx.resultSet().getBlob(ctx.index())));
                } catch (SQLException e) {
                    throw new DataAccessException("a large column could not be read", e);
                }
            },
            ctx -> {
                throw new DataAccessException("a streamed column is for reading only");
            }));

    /** A large column's bytes, read once: whole ({@link #bytes()}) or through a digest ({@link #digest}); null for SQL NULL. */
    public static final class Streamed {
        private final Blob blob;
        private final byte[] bytes;

        private Streamed(Blob blob, byte[] bytes) {
            this.blob = blob;
            this.bytes = bytes;
        }

        static Streamed of(Blob blob) {
            return blob == null ? null : new Streamed(blob, null);
        }

        static Streamed of(byte[] bytes) {
            return bytes == null ? null : new Streamed(null, bytes);
        }

        /** The content's length in bytes, without reading it. */
        public long length() {
            try {
                return blob == null ? bytes.length : blob.length();
            } catch (SQLException e) {
                throw new DataAccessException("a large column could not be read", e);
            }
        }

        /** The whole content, in one array of its length. */
        public byte[] bytes() {
            try {
                return blob == null ? bytes : Lobs.bytes(blob);
            } catch (SQLException | IOException e) {
                throw new DataAccessException("a large column could not be read", e);
            }
        }

        /** Feeds the whole content to {@code digest}, 64 KiB at a time; refused when the stream is not of the stated length. */
        public void digest(java.security.MessageDigest digest) {
            read((chunk, n) -> digest.update(chunk, 0, n));
        }

        /**
         * Hands the whole content to {@code chunks} in order, 64 KiB at a time (an array and how many of its first bytes are
         * content; the array is reused); refused when the stream is not of the stated length.
         */
        public void read(java.util.function.ObjIntConsumer<byte[]> chunks) {
            if (blob == null) {
                chunks.accept(bytes, bytes.length);
                return;
            }
            try (InputStream in = blob.getBinaryStream()) {
                long length = blob.length();
                byte[] chunk = new byte[(int) Math.min(64 * 1024, Math.max(length, 1))];
                long read = 0;
                for (int n; (n = in.read(chunk)) > 0; read += n) {
                    chunks.accept(chunk, n);
                }
                if (read != length) {
                    throw new IOException("a column not of its stated length");
                }
            } catch (SQLException | IOException e) {
                throw new DataAccessException("a large column could not be read", e);
            } finally {
                try {
                    blob.free();
                } catch (SQLException e) {
                    // freed with the transaction anyway
                }
            }
        }
    }

    /**
     * A CLOB written from {@link Json.Text} as a stream of its characters, for writing only: bound as a string, H2 computed
     * the hash code of the whole text (a megabyte at size) for its string cache and kept a copy of it before storing it as
     * a LOB. PostgreSQL's driver reads a stream into a string anyway, so it gets the string. The column holds the same text.
     */
    public static final DataType<Json.Text> TEXT = SQLDataType.CLOB.asConvertedDataType(Binding.of(
            Converter.ofNullable(String.class, Json.Text.class, Json.Text::of, Json.Text::toString),
            ctx -> ctx.render().sql(ctx.variable()),
            ctx -> {
                try {
                    ctx.value(Json.Text.of(ctx.resultSet().getString(ctx.index())));
                } catch (SQLException e) {
                    throw new DataAccessException("a large column could not be read", e);
                }
            },
            ctx -> {
                try {
                    Json.Text text = ctx.value();
                    if (text == null) {
                        ctx.statement().setNull(ctx.index(), java.sql.Types.CLOB);
                    } else if (ctx.family() == org.jooq.SQLDialect.POSTGRES) {
                        ctx.statement().setString(ctx.index(), text.toString());
                    } else {
                        ctx.statement().setCharacterStream(ctx.index(), text.reader(), text.size());
                    }
                } catch (SQLException e) {
                    throw new DataAccessException("a large column could not be bound", e);
                }
            }));

    /** The whole content of {@code blob} (null for SQL NULL), in one array of its length. */
    static byte[] bytes(Blob blob) throws SQLException, IOException {
        if (blob == null) {
            return null;
        }
        try {
            long length = blob.length();
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException("a column of " + length + " bytes");
            }
            byte[] out = new byte[(int) length];
            try (InputStream in = blob.getBinaryStream()) {
                if (in.readNBytes(out, 0, out.length) != out.length || in.read() != -1) {
                    throw new IOException("a column not of its stated length");
                }
            }
            return out;
        } finally {
            blob.free();
        }
    }
}
