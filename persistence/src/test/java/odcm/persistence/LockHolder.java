package odcm.persistence;

import java.nio.file.Path;

/** Run as a separate process by a test: holds a store's lock until its stdin closes. */
public final class LockHolder {
    public static void main(String[] args) throws Exception {
        StoreLock lock = StoreLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to let go
        }
        lock.release();
    }
}
