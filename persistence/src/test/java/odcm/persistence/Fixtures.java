package odcm.persistence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import odcm.model.Secret;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;
import odcm.persistence.space.NewCertificate;

/** Stores in a temporary folder, a clock that ticks, and hand-made certificates (persistence never parses them). */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-03-01T09:15:30.123456789Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private Fixtures() {
    }

    /** The tests' team stores (with -Dodcm.test.engine=postgresql): the shared database, emptied for each test's folder. */
    private static final Map<Path, StoreLocation> TEAM = new java.util.concurrent.ConcurrentHashMap<>();

    static StoreLocation location(Path tmp) {
        if (TestDatabases.onTeamStore()) {
            return TEAM.computeIfAbsent(tmp, t -> new StoreLocation(t.resolve("store"), t.resolve("keys"), TestDatabases.emptied()));
        }
        return StoreLocation.resolve(tmp.resolve("store").toString(), Map.of("ODCM_KEY_DIR", tmp.resolve("keys").toString()), tmp.toString());
    }

    static Store open(Path tmp) {
        return Store.open(location(tmp), new TickingClock(T0), "alice");
    }

    static NewCertificate cert(String cn) {
        byte[] der = ("fake DER of " + cn + " #" + SERIAL.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        CertificateInfo info = new CertificateInfo("CN=" + cn, "CN=" + cn, Long.toString(SERIAL.get()),
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"), "EC", "secp256r1",
                Fingerprint.ofDigest(sha256(der)));
        return new NewCertificate(der, info);
    }

    static Space local(Store store, String name) {
        return store.write(tx -> tx.spaces().insertLocal(SpaceName.of(name), "local " + name, cert(name), "EC",
                new byte[] {1, 2, 3}));
    }

    static Space remote(Store store, String name) {
        return store.write(tx -> tx.spaces().insertRemote(SpaceName.of(name), "remote " + name, cert(name)));
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String fileHash(Path file) throws java.io.IOException {
        return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
    }

    static Secret secret(byte[] b) {
        return new Secret(b);
    }

    /** Advances by 1.000001 seconds per reading: sub-millisecond parts exercise the store's millisecond truncation. */
    static final class TickingClock extends Clock {
        private Instant now;

        TickingClock(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusNanos(1_000_001_000L);
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
