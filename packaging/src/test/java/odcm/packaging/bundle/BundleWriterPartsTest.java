package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.ReleaseSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3: the writer writes the variables part on another core while it writes the other parts and encrypts the
 * secrets. The bundle is what writing them in order makes: the same entries in the same order, the variables part the
 * canonical JSON of the content (no sensitive value in it), the signed manifest the same bytes each time; and a bundle is
 * written even when no other thread is free.
 */
class BundleWriterPartsTest {
    @Test
    void thePartsAreTheCanonicalJsonOfTheContentWhicheverThreadWroteThem() {
        BundleContent content = large();
        byte[] first = write(content, DEV_EC, PROD_EC);
        byte[] second = write(content, DEV_EC, PROD_EC);
        Map<String, byte[]> a = unzip(first);
        Map<String, byte[]> b = unzip(second);

        List<String> order = new ArrayList<>(List.of(BundleFormat.MANIFEST, BundleFormat.SIGNATURE));
        order.addAll(BundleFormat.HASHED);
        assertEquals(order, List.copyOf(a.keySet()));
        for (String name : a.keySet()) {
            if (!name.equals(BundleFormat.SIGNATURE) && !name.equals(BundleFormat.SECRETS) && !name.equals(BundleFormat.MANIFEST)) {
                assertArrayEquals(a.get(name), b.get(name), name);
            }
        }
        List<Dto.Variable> expected = content.snapshot().variables().stream()
                .map(v -> new Dto.Variable(v.name(), v.sensitive(), v.scope().environments(), v.sensitive() ? null : v.value())).toList();
        assertArrayEquals(Json.write(new Dto.VariablesPart(content.bundleId().toString(), expected)), a.get(BundleFormat.VARIABLES));
        assertFalse(new String(a.get(BundleFormat.VARIABLES), java.nio.charset.StandardCharsets.UTF_8).contains("secret-"));
        // The manifests differ only in the hash of the (randomly keyed) secrets.
        String ma = new String(a.get(BundleFormat.MANIFEST), java.nio.charset.StandardCharsets.UTF_8);
        String mb = new String(b.get(BundleFormat.MANIFEST), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(ma.replaceAll("\"secrets.cms\",\"sha256\":\"[0-9a-f]{64}\"", ""), mb.replaceAll("\"secrets.cms\",\"sha256\":\"[0-9a-f]{64}\"", ""));
        assertEquals(BundleWriter.sha256(a.get(BundleFormat.VARIABLES)), hashListed(ma, BundleFormat.VARIABLES));

        VerificationOutcome o = BundleVerifier.verify(first, prodTrusting(PROD_EC, DEV_EC));
        assertInstanceOf(VerificationOutcome.Genuine.class, o, o.sentence());
        assertEquals(content.snapshot().variables().stream().map(v -> v.sensitive() ? v.name() : v.name() + "=" + v.value()).toList(),
                ((VerificationOutcome.Genuine) o).content().snapshot().variables().stream()
                        .map(v -> v.sensitive() ? v.name() : v.name() + "=" + v.value()).toList());
    }

    @Test
    void aBundleIsWrittenWhenNoOtherThreadIsFree() throws Exception {
        int workers = ForkJoinPool.commonPool().getParallelism();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            busy.await();
            byte[][] written = new byte[1][];
            Thread writer = new Thread(() -> written[0] = write(large(), DEV_EC, PROD_EC));
            writer.start();
            writer.join(600_000); // a guard against a hang, not a measure of speed
            assertFalse(writer.isAlive(), "the writer waited for a busy pool instead of writing the part itself");
            assertInstanceOf(VerificationOutcome.Genuine.class, BundleVerifier.verify(written[0], prodTrusting(PROD_EC, DEV_EC)));
        } finally {
            release.countDown();
        }
    }

    private static String hashListed(String manifest, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\":\"" + java.util.regex.Pattern.quote(name) + "\",\"sha256\":\"([0-9a-f]{64})\"")
                .matcher(manifest);
        assertTrue(m.find(), manifest);
        return m.group(1);
    }

    /** The fixture's release with 3,000 more variables, one in ten sensitive, some with two environments. */
    private static BundleContent large() {
        ReleaseSnapshot s = snapshot();
        List<Variable> vars = new ArrayList<>(s.variables());
        for (int i = 0; i < 3000; i++) {
            boolean sensitive = i % 10 == 0;
            vars.add(new Variable("Var" + i, (sensitive ? "secret-" : "value-ü-") + i, sensitive,
                    i % 3 == 0 ? Scope.of(List.of("Production", "Test")) : i % 3 == 1 ? Scope.ALL : Scope.of(List.of("Test"))));
        }
        return new BundleContent(UUID.randomUUID(), "Dev Space", "Prod Space", 1, NOW, NOW.plus(Duration.ofDays(30)), "Acme", "1.2.3",
                "First cut", "Default", new ReleaseSnapshot(s.process(), vars, s.templates(), s.packages()), List.of());
    }
}
