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
 * {@code <key dir>/<store id>.audit-head}: the last audit entry's sequence number and hash, with a MAC under the
 * audit key bound to the store's id. Written after each committed write that appended entries, by writing a
 * temporary file (owner-only, like the key file) and moving it over the old one, so a reader sees the old head or
 * the new one, never half of one.
 */
final class AuditHeadFile {
    private static final String FIRST_LINE = "odcm audit head v1";

    /** What is in the file. */
    sealed interface Read {
        record Recorded(AuditHead head) implements Read {
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

    void write(AuditHead head, AuditKey key) throws IOException {
        String text = FIRST_LINE + "\n"
                + "store=" + storeId + "\n"
                + "seq=" + head.seq() + "\n"
                + "hash=" + head.hash() + "\n"
                + "mac=" + head.mac(key, storeId) + "\n";
        Path dir = file.getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", ownerOnly(dir));
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
            AuditHead head = new AuditHead(Long.parseLong(fields.getOrDefault("seq", "")), fields.getOrDefault("hash", ""));
            String mac = fields.getOrDefault("mac", "");
            boolean fits = storeId.equals(fields.get("store")) && MessageDigest.isEqual(
                    head.mac(key, storeId).getBytes(StandardCharsets.US_ASCII), mac.getBytes(StandardCharsets.US_ASCII));
            return fits ? new Read.Recorded(head) : new Read.Altered();
        } catch (IllegalArgumentException e) { // also NumberFormatException
            return new Read.Altered();
        }
    }

    // Owner-only where the file system knows POSIX permissions (as the master key file); elsewhere the user profile protects it.
    private static FileAttribute<?>[] ownerOnly(Path dir) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
