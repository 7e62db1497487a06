package odcm.app.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import odcm.app.io.UserFiles;
import odcm.model.Refusal;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;

/**
 * A signed file written together with the row that records it, as one action: the file is written (atomically) inside the
 * store transaction, after the content is built and before it is recorded; if anything after fails, the transaction rolls
 * back and the file is removed. Refuses to replace an existing file unless asked to.
 */
final class RecordedFile {
    private RecordedFile() {
    }

    /** The work inside the transaction: build the bytes, hand them to {@code writeFile}, then record them. */
    interface Work<T> {
        T run(StoreTx tx, Consumer<byte[]> writeFile);
    }

    static <T> T write(Store store, Path out, boolean replace, Work<T> work) {
        Path file = out.toAbsolutePath();
        if (Files.exists(file) && !replace) {
            throw new Refusal(file + " already exists; choose another file name, or replace it on purpose (--force).");
        }
        boolean[] written = {false};
        try {
            return store.write(tx -> work.run(tx, bytes -> {
                UserFiles.write(file, bytes);
                written[0] = true;
            }));
        } catch (RuntimeException e) {
            if (written[0]) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // The refusal is what the user needs; the file names something no row vouches for.
                }
            }
            throw e;
        }
    }
}
