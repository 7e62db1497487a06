package odcm.app.ui.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import odcm.app.service.AppContext;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.audit.AuditVerification;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's side of a full disk, for real: the store on a small tmpfs (mounted by this test, so only where it runs
 * as root; skipped with a message elsewhere), the disk filled, and a new environment submitted from the form. The form
 * shows the one sentence (the disk is full, nothing was changed), not an exception; the store afterwards holds nothing
 * of it and its audit log verifies.
 */
class FullDiskFormTest {
    @TempDir
    Path tmp;
    Path mnt;
    AppContext ctx;

    @AfterEach
    void unmount() throws Exception {
        if (ctx != null) {
            ctx.close();
        }
        if (mnt != null) {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskIsTheFormsSentenceAndChangesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mnt"));
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && run("mount", "-t", "tmpfs", "-o", "size=8m", "odcm-ui-full", dir.toString()),
                "mounting a small tmpfs needs root; the console's full-disk test is skipped (FullDiskTest covers the command line)");
        mnt = dir;
        StoreLocation location = new StoreLocation(mnt.resolve("store"), tmp.resolve("keys"));
        ctx = AppContext.open(location);
        ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
        Path filler = mnt.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the disk is full now
        }

        CurrentSpace current = new CurrentSpace();
        current.choose("DevTest Space");
        EnvironmentsViewModel vm = new EnvironmentsViewModel(ctx.environments(), ctx.templates(), ctx.remoteTemplates(), ctx.spaces(), new SameThreadTaskRunner(), current);
        // The store file has room inside it at first: environments go in until a commit needs the disk.
        int made = 0;
        String error = "";
        while (error.isEmpty() && made < 2000) {
            EnvironmentFormViewModel form = vm.newEnvironment();
            form.nameProperty().set("Env " + made);
            form.descriptionProperty().set("x".repeat(500));
            form.submit(e -> { });
            error = form.form().error();
            made += error.isEmpty() ? 1 : 0;
        }
        assertEquals("The disk holding the store (" + location.storeDir() + ") is full: nothing was changed. Free some space and try again.",
                error);

        ctx.close();
        Files.delete(filler);
        ctx = AppContext.open(location);
        assertEquals(made, ctx.environments().list("DevTest Space").size(), "what was saved before stays, the failed one is not there");
        AuditVerification audit = ctx.audit().verify();
        assertTrue(audit.isIntact(), audit.sentence());
        try (var files = Files.list(location.storeDir())) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".trace.db")), "no H2 trace file");
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
