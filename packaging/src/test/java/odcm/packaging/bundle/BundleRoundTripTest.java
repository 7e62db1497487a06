package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import odcm.model.project.Variable;
import odcm.packaging.cert.SpaceIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BundleRoundTripTest {
    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of("EC to EC", DEV_EC, PROD_EC), Arguments.of("RSA to RSA", DEV_RSA, PROD_RSA),
                Arguments.of("EC to RSA", DEV_EC, PROD_RSA), Arguments.of("RSA to EC", DEV_RSA, PROD_EC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theTargetVerifiesAndOpensTheSecrets(String label, SpaceIdentity source, SpaceIdentity target) {
        BundleContent sent = content("Dev Space", "Prod Space", 1);
        byte[] bundle = write(sent, source, target);

        VerificationOutcome outcome = BundleVerifier.verify(bundle, prodTrusting(target, source).withPrivateKey(target.privateKeyPkcs8()));

        VerificationOutcome.Genuine genuine = assertInstanceOf(VerificationOutcome.Genuine.class, outcome, outcome.sentence());
        assertTrue(genuine.secretsOpened());
        assertEquals(sent, genuine.content());
        assertEquals(fp(source), genuine.source());
    }

    @Test
    void withoutThePrivateKeyTheSecretsStaySealed() {
        byte[] bundle = bundle(DEV_EC, PROD_EC);

        var genuine = assertInstanceOf(VerificationOutcome.Genuine.class, BundleVerifier.verify(bundle, prodTrusting(PROD_EC, DEV_EC)));

        assertFalse(genuine.secretsOpened());
        assertTrue(genuine.content().snapshot().variables().stream().filter(Variable::sensitive).allMatch(v -> v.value().isEmpty()));
        assertEquals("Info", genuine.content().snapshot().variables().stream().filter(v -> v.name().equals("LogLevel")).findFirst().orElseThrow().value());
        assertTrue(genuine.sentence().contains("secrets stay sealed"), genuine.sentence());
    }

    @Test
    void noSensitiveValueAppearsInClearAnywhereInTheFile() {
        var entries = unzip(bundle(DEV_EC, PROD_EC));

        for (var e : entries.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("hunter2") || text.contains("t3st"), e.getKey());
        }
        assertEquals(java.util.List.of("manifest.json", "manifest.sig", "release.json", "process.json", "variables.json", "templates.json",
                "packages.json", "history.json", "secrets.cms"), java.util.List.copyOf(entries.keySet()));
    }

    @Test
    void theManifestIsCanonicalJson() {
        String manifest = new String(unzip(bundle(DEV_EC, PROD_EC)).get("manifest.json"), StandardCharsets.UTF_8);

        assertTrue(manifest.startsWith("{\"bundleId\":\""), manifest);
        assertFalse(manifest.contains("\": ") || manifest.contains(", ") || manifest.contains("\n"), manifest);
        assertTrue(manifest.contains("\"schemaVersion\":1"), manifest);
    }
}
