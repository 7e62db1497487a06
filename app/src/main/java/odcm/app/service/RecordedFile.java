package odcm.app.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import odcm.app.io.UserFiles;
import odcm.model.Refusal;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;

/**
 * A signed file written together with the row that records it, so that no file at its name goes without its row and no
 * sequence number is used twice, whenever the process dies (decision 0016):
 * <ol>
 * <li>the sequence number is reserved in a transaction of its own, committed before anything is signed ("file-reserved");</li>
 * <li>inside the recording transaction the content is built and signed with that number and written to a temporary name
 * in the destination folder; while the row and its audit entry are recorded, the file is synced to the disk on a thread of
 * its own, and the commit waits for that ("file-written"); the row and entry are committed ("file-recorded"); a failure
 * before the commit (the sync's too) removes the temporary file and leaves the number unused;</li>
 * <li>only then is the file moved atomically to its name ("file-moved"), replacing an existing file only when asked to.</li>
 * </ol>
 * A kill before the move leaves at most a hidden temporary file and a skipped number, which the receiving side accepts.
 * The quoted names are the points of the test-only pause hook ({@link ImportPause}).
 */
final class RecordedFile {
    private RecordedFile() {
    }

    /** The first step: checks what it needs and reserves the sequence number (committed on its own). */
    interface Reserve {
        long run(StoreTx tx);
    }

    /** The work inside the recording transaction: build the bytes with {@code sequence}, hand them to {@code writeFile}, record them. */
    interface Work<T> {
        T run(StoreTx tx, long sequence, Consumer<byte[]> writeFile);
    }

    static <T> T write(Store store, Path out, boolean replace, Reserve reserve, Work<T> work) {
        Path file = out.toAbsolutePath();
        Path dir = file.getParent();
        refuseExisting(file, replace);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Refusal("The folder " + dir + " does not exist.");
        }
        long sequence = store.write(reserve::run);
        ImportPause.at("file-reserved");
        Path[] tmp = {null};
        FutureTask<?>[] syncing = {null};
        T result;
        try {
            result = store.write(tx -> {
                T recorded = work.run(tx, sequence, bytes -> {
                    FileChannel written = write(dir, file, bytes, tmp);
                    syncing[0] = syncAndClose(written); // the disk's time overlaps recording the row and its audit entry
                    refuseExisting(file, replace); // appeared meanwhile: refused before anything is recorded
                });
                awaitSynced(syncing[0], file); // never committed before the file is on the disk
                ImportPause.at("file-written");
                return recorded;
            });
        } catch (RuntimeException e) {
            awaitQuietly(syncing[0]);
            deleteQuietly(tmp[0]);
            throw e;
        }
        ImportPause.at("file-recorded");
        try {
            try {
                Files.move(tmp[0], file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp[0], file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new Refusal("The file was signed and recorded, but it could not be moved to " + file + ": " + UserFiles.reason(e)
                    + "; it is at " + tmp[0] + ", rename it to hand it on.");
        }
        syncQuietly(dir);
        ImportPause.at("file-moved");
        return result;
    }

    private static void refuseExisting(Path file, boolean replace) {
        if (Files.isDirectory(file)) {
            throw new Refusal(file + " is a folder; give a file name to write to.");
        }
        if (Files.exists(file) && !replace) {
            throw new Refusal(file + " already exists; choose another file name, or replace it on purpose (--force).");
        }
    }

    /**
     * Writes {@code bytes} to a new hidden temporary file next to {@code file} (its path put in {@code tmp[0]}), readable
     * by all; returns its channel, still open, for {@link #syncAndClose}.
     */
    private static FileChannel write(Path dir, Path file, byte[] bytes, Path[] tmp) {
        FileChannel ch = null;
        try {
            tmp[0] = Files.createTempFile(dir, ".odcm-", ".partial");
            if (tmp[0].getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp[0], java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            ch = FileChannel.open(tmp[0], StandardOpenOption.WRITE);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            throw cannotWrite(file, e);
        }
    }

    /** Syncs the written file to the disk and closes it, on a thread of its own (what waits there is the disk, not a CPU). */
    private static FutureTask<Void> syncAndClose(FileChannel ch) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            try (ch) {
                ch.force(true);
            }
            return null;
        });
        Thread t = new Thread(task, "odcm-file-sync");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** Waits for {@link #syncAndClose}; a file that could not be synced is refused as one that could not be written. */
    private static void awaitSynced(FutureTask<?> syncing, Path file) {
        if (syncing == null) {
            return; // nothing was written
        }
        try {
            syncing.get();
        } catch (ExecutionException e) {
            throw cannotWrite(file, e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal("Writing " + file + " was interrupted; nothing was recorded.");
        }
    }

    /** Before the temporary file is removed after a failure: its sync is over (it holds the file open until then). */
    private static void awaitQuietly(FutureTask<?> syncing) {
        if (syncing != null) {
            try {
                syncing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
                // the failure being handled is what the user hears about
            }
        }
    }

    private static Refusal cannotWrite(Path file, IOException e) {
        return new Refusal("Cannot write " + file + ": " + UserFiles.reason(e) + ".");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the write failed already; that is what the user hears about
            }
        }
    }

    /** Makes the rename durable where the system allows syncing a folder; elsewhere the move stands as the system keeps it. */
    private static void syncQuietly(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported here (e.g. Windows); the file is complete either way
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The refusal is what the user needs; a hidden temporary file names no row and no later number.
            }
        }
    }
}
