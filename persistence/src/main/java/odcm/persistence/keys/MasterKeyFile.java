package odcm.persistence.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import odcm.model.Refusal;

/** The master key at rest: 32 random bytes in a file of its own, readable by the owner only. */
public final class MasterKeyFile {
    public static final int LENGTH = 32;

    private MasterKeyFile() {
    }

    /** Creates a new key file; never overwrites one (an existing key may be the only copy). */
    public static byte[] create(Path file) {
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        Path dir = file.getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Refusal("The key folder " + dir + " is a file, not a folder; point ODCM_KEY_DIR at a folder.");
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, ownerOnly("rwx------", dir));
            }
            Files.createFile(file, ownerOnly("rw-------", dir));
            Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            return key;
        } catch (FileAlreadyExistsException e) {
            throw new Refusal("A master key file already exists at " + file + "; it was left as it is and no new store was created.");
        } catch (IOException e) {
            throw new Refusal("The master key file " + file + " could not be written (" + odcm.persistence.FileProblems.describe(e) + ").", e);
        }
    }

    /** The key, or empty if there is no key file. A file of the wrong length is returned as is (it will not open the check). */
    public static Optional<byte[]> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            keepOwnerOnly(file);
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new Refusal("The master key file " + file + " cannot be read (" + odcm.persistence.FileProblems.describe(e) + ").", e);
        }
    }

    /** A restored or copied key file often arrives readable by others; it is put back to owner-only before use. */
    private static void keepOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            var perms = Files.getPosixFilePermissions(file);
            var ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (!perms.equals(ownerOnly) && Files.isWritable(file.getParent())) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        }
    }

    // Owner-only permissions where the file system knows POSIX permissions; elsewhere (Windows) the user profile protects it.
    private static FileAttribute<?>[] ownerOnly(String perms, Path near) {
        Path probe = near;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        boolean posix = probe != null && probe.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }
}
