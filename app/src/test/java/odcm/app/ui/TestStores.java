package odcm.app.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.model.cert.CertificateFormat;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;

/** Fresh stores in a test's temporary folder, and certificates of "another network" made with real crypto. */
public final class TestStores {
    private TestStores() {
    }

    public static StoreLocation location(Path tmp, String name) {
        return new StoreLocation(tmp.resolve(name).resolve("store"), tmp.resolve(name).resolve("keys"));
    }

    public static AppContext open(Path tmp, String name) {
        return AppContext.open(location(tmp, name));
    }

    /** The PEM certificate another console would have saved for its space {@code spaceName}. */
    public static byte[] foreignCertificatePem(String spaceName) {
        byte[] der = Certificates.generate(spaceName, KeyAlgorithm.EC_P256, Instant.now()).certificateDer();
        return Certificates.encode(der, CertificateFormat.PEM);
    }

    /**
     * The store {@code name} opened with a clock {@code ahead} of the real one: a certificate added today is then
     * seen as it will be, e.g. expired.
     */
    public static AppContext openAhead(Path tmp, String name, Duration ahead) {
        return new AppContext(Store.open(location(tmp, name), Clock.offset(Clock.systemUTC(), ahead), System.getProperty("user.name"))); // the same person, later (roles, decision 0041)
    }

    /** The PEM certificate of another console's space, valid now and expiring at about {@code notAfter}. */
    public static byte[] foreignCertificatePemUntil(String spaceName, Instant notAfter) {
        // Certificates are made valid for ten years from their "now": start them so they end at notAfter.
        Instant start = notAfter.atZone(ZoneOffset.UTC).minusYears(10).toInstant();
        byte[] der = Certificates.generate(spaceName, KeyAlgorithm.EC_P256, start).certificateDer();
        return Certificates.encode(der, CertificateFormat.PEM);
    }

    /**
     * A file that exists but cannot be read: one without permissions, or, for root (who reads those anyway), a
     * Linux file whose reading fails. The test is skipped where neither is possible.
     */
    public static Path unreadableFile(Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("secret.pem"), "-----BEGIN CERTIFICATE-----\n");
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: fall through to the check below.
        }
        if (!Files.isReadable(f)) {
            return f;
        }
        Path mem = Path.of("/proc/self/mem"); // reading it at offset 0 fails with an I/O error, even for root
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(mem), "no way to make an unreadable file here");
        return mem;
    }

    /** What {@code work} printed on standard error: a user's mistake must not print a stack trace. */
    public static String stderrOf(Runnable work) {
        PrintStream was = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(was);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static StoreLocation demoTemplate;

    /**
     * The store {@code name} in {@code tmp} holding the demo organisation ({@link Demo#create}), as if just made: a copy
     * of one made once per test JVM (decision 0025), each test its own files. It is opened once here, so the copy's
     * acceptance as a copy ("audit.rollback-accepted", decision 0044) is in its audit log before the test looks.
     */
    public static StoreLocation demo(Path tmp, String name) {
        StoreLocation at = location(tmp, name);
        demoAt(at);
        return at;
    }

    /** The demo organisation copied into {@code at}, as {@link #demo}. */
    public static void demoAt(StoreLocation at) {
        StoreLocation template = demoTemplate();
        try {
            copy(template.storeDir(), at.storeDir());
            copy(template.keyDir(), at.keyDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        accepted(at);
    }

    /**
     * A store copied into {@code at} by hand has no audit head there, and is refused until it is accepted (decision 0044):
     * the tests' copies of stores made once are accepted as a person would, recorded in their audit log.
     */
    public static void accepted(StoreLocation at) {
        try (odcm.persistence.Store store = odcm.persistence.Store.open(at)) {
            if (store.auditWarning().isPresent()) {
                store.acceptAuditRollback("a test's copy of a store made once");
            }
        }
    }

    private static synchronized StoreLocation demoTemplate() {
        if (demoTemplate == null) {
            try {
                Path dir = Files.createTempDirectory("odcm-demo-template");
                StoreLocation template = new StoreLocation(dir.resolve("store"), dir.resolve("keys"));
                try (AppContext ctx = AppContext.open(template)) {
                    new Demo(ctx).create();
                }
                demoTemplate = template;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return demoTemplate;
    }

    /** A copy of the folder {@code from} (stores and keys), without lock files. */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().endsWith(".lock")) {
                    Files.copy(f, target);
                }
            }
        }
        if (Files.isDirectory(to.resolve("keys"))) { // a folder of stores (CLI tests' networks): each copied store accepted
            try (Stream<Path> all = Files.walk(to)) {
                for (Path db : all.filter(f -> f.getFileName().toString().equals("odcm.mv.db")).toList()) {
                    accepted(new StoreLocation(db.getParent(), to.resolve("keys")));
                }
            }
        }
        return to;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    /** Adds a remote space with its fingerprint confirmed, as someone would after the phone call; only then can it be trusted. */
    public static odcm.model.space.Space addConfirmedRemote(odcm.app.service.AppContext ctx, String name, byte[] certificate) {
        return ctx.remotes().add(name, "", certificate, ctx.remotes().preview(certificate).info().fingerprint().hex());
    }
}
