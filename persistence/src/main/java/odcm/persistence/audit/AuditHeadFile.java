package odcm.persistence.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import odcm.model.audit.AuditHead;
import odcm.model.audit.AuditKey;

/**
 * {@code <key dir>/<store id>-<folder>.audit-head}: the last committed audit entry's sequence number and hash and,
 * while a write is being committed, the last entry that write appends ({@code pending}), with a MAC under the audit
 * key bound to the head's identity (store id and folder). Written before each commit that appends entries (with the
 * pending entry) and again after it (without), by writing a temporary file (owner-only, like the key file) and moving
 * it over the old one, so a reader sees the old record or the new one, never half of one.
 */
public final class AuditHeadFile {
    private static final String FIRST_LINE = "odcm audit head v1";

    /** What is in the file. */
    sealed interface Read {
        /** {@code head}: the last committed entry (null before the first); {@code pending}: a write being committed, or null. */
        record Recorded(AuditHead head, AuditHead pending) implements Read {
        }

        record Missing() implements Read {
        }

        /** The file is there but does not verify: edited, damaged, or another store's. */
        record Altered() implements Read {
        }

        record Unreadable(String why) implements Read {
        }
    }

    private final Path file;
    private final String storeId;

    AuditHeadFile(Path file, String storeId) {
        this.file = file;
        this.storeId = storeId;
    }

    Path path() {
        return file;
    }

    void write(AuditHead head, AuditHead pending, AuditKey key) throws IOException {
        String text = FIRST_LINE + "\n"
                + "store=" + storeId + "\n"
                + (head == null ? "" : "seq=" + head.seq() + "\n" + "hash=" + head.hash() + "\n")
                + (pending == null ? "" : "pending-seq=" + pending.seq() + "\n" + "pending-hash=" + pending.hash() + "\n")
                + "mac=" + mac(head, pending, key) + "\n";
        Path dir = file.getParent();
        Path tmp = temporary(file);
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, ownerOnly(dir));
        try {
            Files.write(tmp, text.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    Read read(AuditKey key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return new Read.Missing();
        } catch (IOException e) {
            return new Read.Unreadable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (lines.isEmpty() || !FIRST_LINE.equals(lines.get(0))) {
            return new Read.Altered();
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            AuditHead head = fields.containsKey("seq") ? new AuditHead(Long.parseLong(fields.get("seq")), fields.getOrDefault("hash", "")) : null;
            AuditHead pending = fields.containsKey("pending-seq")
                    ? new AuditHead(Long.parseLong(fields.get("pending-seq")), fields.getOrDefault("pending-hash", "")) : null;
            String mac = fields.getOrDefault("mac", "");
            boolean fits = (head != null || pending != null) && storeId.equals(fields.get("store")) && MessageDigest.isEqual(
                    mac(head, pending, key).getBytes(StandardCharsets.US_ASCII), mac.getBytes(StandardCharsets.US_ASCII));
            return fits ? new Read.Recorded(head, pending) : new Read.Altered();
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return new Read.Altered();
        }
    }

    // Without a pending entry the MAC is the head's own (as written by earlier versions); with one, it covers both.
    private String mac(AuditHead head, AuditHead pending, AuditKey key) {
        if (pending == null) {
            return head.mac(key, storeId);
        }
        return key.mac(FIRST_LINE, storeId, head == null ? "" : Long.toString(head.seq()), head == null ? "" : head.hash(),
                "pending", Long.toString(pending.seq()), pending.hash());
    }

    // Owner-only where the file system knows POSIX permissions (as the master key file); elsewhere the user profile protects it.
    private static FileAttribute<?>[] ownerOnly(Path dir) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /**
     * Where the head is written before it is moved into place: one name per process and thread, since the consoles of one
     * user on one machine share the head of a team store (decision 0035); one left by a kill is replaced when that
     * process number writes again.
     */
    public static Path temporary(Path head) {
        return head.resolveSibling(head.getFileName() + "." + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".tmp");
    }
}
