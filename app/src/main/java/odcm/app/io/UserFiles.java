package odcm.app.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import odcm.model.Refusal;

/**
 * Files a user names (certificates, apply documents, exports), for the command line and the console alike:
 * reads capped in size, writes that never leave a half-written file, folders refused, and any I/O failure
 * turned into one clear sentence ({@link Refusal}) such as "Cannot read /x.pem: permission denied.".
 */
public final class UserFiles {
    /** Certificate files are small; anything larger is not one. */
    public static final int MAX_CERTIFICATE_FILE = 1 << 20;

    /** Apply documents describe a space's configuration, not data: 16 MiB is far beyond any real one. */
    public static final int MAX_DOCUMENT_FILE = 16 << 20;

    /** Writes the content of a file to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private UserFiles() {
    }

    /** Reads a certificate file (at most {@link #MAX_CERTIFICATE_FILE}). */
    public static byte[] readCertificate(Path file) {
        return read(file, MAX_CERTIFICATE_FILE, "a certificate");
    }

    /**
     * Reads a file of at most {@code max} bytes.
     *
     * @param what what the file should be, for the sentence when it is too large: "a certificate"
     */
    public static byte[] read(Path file, int max, String what) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new Refusal(abs + " is a folder; choose a file.");
        }
        if (!Files.exists(abs)) {
            throw new Refusal("There is no file " + abs + ".");
        }
        try (InputStream in = Files.newInputStream(abs)) {
            // The size first (nothing read of a file too large), then one byte more than allowed: the file may grow meanwhile.
            if (Files.size(abs) > max) {
                throw new Refusal("The file " + abs + " is larger than " + limit(max) + "; it is not " + what + ".");
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new Refusal("The file " + abs + " is larger than " + limit(max) + "; it is not " + what + ".");
            }
            return bytes;
        } catch (IOException e) {
            throw new Refusal("Cannot read " + abs + ": " + reason(e) + ".");
        }
    }

    /** Reads a file, or standard input for "-" (pasted text), refusing more than {@code max} bytes. */
    public static byte[] readFileOrInput(String file, InputStream stdin, int max, String what) {
        if (!"-".equals(file)) {
            return read(Path.of(file), max, what);
        }
        try {
            byte[] bytes = stdin.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new Refusal("The input on standard input is larger than " + limit(max) + "; it is not " + what + ".");
            }
            return bytes;
        } catch (IOException e) {
            throw new Refusal("Cannot read standard input: " + reason(e) + ".");
        }
    }

    /** Writes {@code bytes} to {@code out}, replacing it whole or not at all. */
    public static void write(Path out, byte[] bytes) {
        write(out, stream -> stream.write(bytes));
    }

    /**
     * Writes via a temporary file in the same folder and a move, so a failed write leaves neither a half-written
     * file nor the temporary one behind, and an existing file is replaced only by a complete one.
     */
    public static void write(Path out, Content content) {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Refusal("The folder " + dir + " does not exist.");
        }
        if (Files.isDirectory(abs)) {
            throw new Refusal(abs + " is a folder; give a file name to write to.");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".odcm-", ".tmp");
            try (OutputStream stream = Files.newOutputStream(tmp)) {
                content.writeTo(stream);
            }
            // A temporary file is owner-only; what is written here (certificates, exports) is meant to be handed on.
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new Refusal("Cannot write " + abs + ": " + reason(e) + ".");
        } catch (java.io.UncheckedIOException e) {
            throw new Refusal("Cannot write " + abs + ": " + reason(e.getCause()) + ".");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write's own outcome is what the user needs to know; a stray temporary file is harmless.
                }
            }
        }
    }

    /** Why an I/O operation failed, in a few words: "permission denied", "no such file or folder". */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "it is a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return lowerFirst(f.getReason().strip());
        }
        String m = e.getMessage();
        if (m == null || m.isBlank() || e instanceof FileSystemException) {
            return "the operating system refused, without saying why";
        }
        return lowerFirst(m.strip().replaceAll("\\.$", ""));
    }

    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    private static String limit(int max) {
        if (max >= 1 << 20 && max % (1 << 20) == 0) {
            return (max >> 20) + " MiB";
        }
        return max >= 1 << 10 && max % (1 << 10) == 0 ? (max >> 10) + " KiB" : max + " bytes";
    }
}
