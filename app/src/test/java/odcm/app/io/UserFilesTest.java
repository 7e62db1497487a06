package odcm.app.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import odcm.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a user names: capped reads, whole-or-nothing writes, folders refused, failures in one sentence. */
class UserFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsCappedAndRefusesFoldersMissingFilesAndOversizedOnes() throws Exception {
        Path f = Files.write(tmp.resolve("a.pem"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, UserFiles.read(f, 3, "a certificate"));
        assertEquals("The file " + f.toAbsolutePath() + " is larger than 2 bytes; it is not a certificate.",
                assertThrows(Refusal.class, () -> UserFiles.read(f, 2, "a certificate")).getMessage());
        assertEquals(tmp.toAbsolutePath() + " is a folder; choose a file.",
                assertThrows(Refusal.class, () -> UserFiles.readCertificate(tmp)).getMessage());
        assertEquals("There is no file " + tmp.resolve("nope.pem").toAbsolutePath() + ".",
                assertThrows(Refusal.class, () -> UserFiles.readCertificate(tmp.resolve("nope.pem"))).getMessage());
        assertEquals("The input on standard input is larger than 1 MiB; it is not a certificate.", assertThrows(Refusal.class,
                () -> UserFiles.readFileOrInput("-", new ByteArrayInputStream(new byte[(1 << 20) + 1]), UserFiles.MAX_CERTIFICATE_FILE,
                        "a certificate")).getMessage());
    }

    @Test
    void writesWholeOrNotAtAllAndLeavesNoTemporaryFile() throws Exception {
        Path out = Files.writeString(tmp.resolve("out.csv"), "earlier");
        UserFiles.write(out, "new".getBytes());
        assertEquals("new", Files.readString(out));
        Refusal r = assertThrows(Refusal.class, () -> UserFiles.write(out, stream -> {
            stream.write("half".getBytes());
            throw new IOException("No space left on device");
        }));
        assertEquals("Cannot write " + out.toAbsolutePath() + ": no space left on device.", r.getMessage());
        assertEquals("new", Files.readString(out), "a failed write leaves the earlier file as it was");
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
        assertEquals(tmp.toAbsolutePath() + " is a folder; give a file name to write to.",
                assertThrows(Refusal.class, () -> UserFiles.write(tmp, new byte[0])).getMessage());
        assertTrue(assertThrows(Refusal.class, () -> UserFiles.write(tmp.resolve("x").resolve("y"), new byte[0]))
                .getMessage().endsWith(" does not exist."));
    }

    @Test
    void failuresReadAsAFewWords() {
        assertEquals("permission denied", UserFiles.reason(new AccessDeniedException("/x")));
        assertEquals("no such file or folder", UserFiles.reason(new NoSuchFileException("/x")));
        assertEquals("read-only file system", UserFiles.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("input/output error", UserFiles.reason(new IOException("Input/output error")));
        assertEquals("the operating system refused, without saying why", UserFiles.reason(new IOException()), "never a class name");
    }
}
