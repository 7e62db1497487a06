package odcm.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import odcm.model.Refusal;
import odcm.model.cert.CertificateFormat;

/** File reading and writing for commands, with I/O failures turned into one clear sentence. */
final class Files2 {
    /** Certificate files are small; anything larger is not one. */
    static final int MAX_CERTIFICATE_FILE = 1 << 20;

    private Files2() {
    }

    /** Apply documents describe a space's configuration, not data: 16 MiB is far beyond any real one. */
    static final int MAX_DOCUMENT_FILE = 16 << 20;

    /** Reads a certificate file, or standard input for "-" (for pasted PEM). */
    static byte[] read(String file, InputStream stdin) {
        return read(file, stdin, MAX_CERTIFICATE_FILE);
    }

    /** Reads a file, or standard input for "-", refusing more than {@code max} bytes. */
    static byte[] read(String file, InputStream stdin, int max) {
        String limit = (max >> 20) + " MiB";
        try {
            if ("-".equals(file)) {
                byte[] bytes = stdin.readNBytes(max + 1);
                if (bytes.length > max) {
                    throw new Refusal("The input on standard input is larger than " + limit + "; that is not what this command reads.");
                }
                return bytes;
            }
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                throw new Refusal("There is no file " + p.toAbsolutePath() + ".");
            }
            if (Files.size(p) > max) {
                throw new Refusal("The file " + p + " is larger than " + limit + "; that is not what this command reads.");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new Refusal("Cannot read " + file + ": " + e.getMessage() + ".");
        }
    }

    /** Writes via a temporary file and a move, so a failed write leaves no half-written file behind. */
    static void write(Path out, byte[] bytes) {
        try {
            Path abs = out.toAbsolutePath();
            Path dir = abs.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new Refusal("The folder " + dir + " does not exist.");
            }
            if (Files.isDirectory(abs)) {
                throw new Refusal(abs + " is a folder; give a file name to write to.");
            }
            Path tmp = Files.createTempFile(dir, ".odcm-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new Refusal("Cannot write " + out + ": " + e.getMessage() + ".");
        }
    }

    static CertificateFormat format(String text) {
        try {
            return CertificateFormat.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusal("The certificate format is 'pem' or 'der', not '" + text + "'.");
        }
    }
}
