package odcm.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import odcm.model.Refusal;

/**
 * An exclusive OS lock on {@code <store>/odcm.lock}, held while the store is open, with the holder's pid in it
 * so a refusal can say which process has the store.
 */
final class StoreLock {
    // Stores held by this JVM. Checked before touching the lock file: on POSIX, closing any channel of a file
    // drops all of the process's locks on it, so a second in-JVM open must not even open the file.
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path storeDir;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path storeDir, FileChannel channel, FileLock lock) {
        this.storeDir = storeDir;
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path storeDir) {
        if (!HELD.add(storeDir)) {
            throw inUse(storeDir, Long.toString(ProcessHandle.current().pid()));
        }
        Path file = storeDir.resolve("odcm.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw inUse(storeDir, readPid(file));
            }
            channel.truncate(0);
            // Not forced to disk: only a process that finds the lock held reads the pid, and the OS lock dies with a crash.
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new StoreLock(storeDir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(storeDir);
            throw new Refusal("The store at " + storeDir + " cannot be locked (" + FileProblems.describe(e) + ").", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(storeDir);
            throw e;
        }
    }

    /** No lock: a team store on a server is shared by many consoles at once (docs/decisions/0035). */
    static StoreLock none() {
        return new StoreLock(null, null, null);
    }

    void release() {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
        HELD.remove(storeDir);
    }

    private static String readPid(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return s.matches("\\d+") ? s : "unknown";
        } catch (IOException e) {
            return "unknown"; // Windows does not let others read a locked file
        }
    }

    private static Refusal inUse(Path storeDir, String pid) {
        return new Refusal("The store at " + storeDir + " is in use by another ODCM Console or command (process " + pid
                + "); close it and try again.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
