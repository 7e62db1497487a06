package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.VariableTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Environment templates travel signed in templates.json (decision 0058), a bundle without them is as before; receipts name
 * the signer's instances the same way (receipt.json's optional {@code instances}).
 */
class CarriedTemplatesBundleTest {
    static final EnvironmentTemplate FEATURE = EnvironmentTemplate.draft("Feature", "A branch's own stack",
            List.of(new VariableTemplate("Size", "Size", "", TemplateType.SELECT, List.of("small", "large"), false, "small"),
                    new VariableTemplate("Token", "Token", "", TemplateType.SENSITIVE, List.of(), true, "")),
            List.of(new DeploymentStep("Stack up", "Run a script", Map.of("Script", "up.sh"), Scope.ALL, List.of())),
            List.of(new DeploymentStep("Stack down", "Run a script", Map.of(), Scope.ALL, List.of())),
            "feature-#{Release.Number}", EnvironmentTemplate.OnExisting.REPROVISION, true, 7);

    static VerificationOutcome verify(byte[] bundle) {
        return BundleVerifier.verify(bundle, prodTrusting(PROD_EC, DEV_EC).withPrivateKey(PROD_EC.privateKeyPkcs8()));
    }

    @Test
    void aTemplateArrivesSignedAsItsSourceDefinedItAndABundleWithoutOneIsAsBefore() {
        BundleContent sent = content("Dev Space", "Prod Space", 1).withEnvironmentTemplates(List.of(FEATURE));
        byte[] bundle = write(sent, DEV_EC, PROD_EC);

        var genuine = assertInstanceOf(VerificationOutcome.Genuine.class, verify(bundle));
        assertEquals(sent, genuine.content());
        assertEquals(List.of(FEATURE), genuine.content().environmentTemplates());
        String templates = new String(unzip(bundle).get(BundleFormat.TEMPLATES), StandardCharsets.UTF_8);
        assertTrue(templates.contains("\"name\":\"Token\"") && templates.contains("\"defaultValue\":null"), templates);

        String earlier = new String(unzip(bundle(DEV_EC, PROD_EC)).get(BundleFormat.TEMPLATES), StandardCharsets.UTF_8);
        assertFalse(earlier.contains("environmentTemplates"), earlier);
        assertEquals(List.of(), assertInstanceOf(VerificationOutcome.Genuine.class, verify(bundle(DEV_EC, PROD_EC))).content().environmentTemplates());
    }

    static String template(String name, String expression, String parameters) {
        return "{\"deprovisionAfterDays\":0,\"deprovisionWhenProgressed\":true,\"deprovisioning\":[],\"description\":\"\",\"name\":\"" + name
                + "\",\"nameExpression\":\"" + expression + "\",\"onExisting\":\"SKIP\",\"parameters\":[" + parameters + "],\"provisioning\":[]}";
    }

    static final String SECRET = "{\"defaultValue\":null,\"helpText\":\"\",\"label\":\"Token\",\"mandatory\":true,\"name\":\"Token\",\"options\":[],\"type\":\"SENSITIVE\"}";

    static Stream<Arguments> hostile() {
        String ok = template("Feature", "f-#{Release.Number}", "");
        return Stream.of(Arguments.of("null", "null"),
                Arguments.of("none", "[]"),
                Arguments.of("a name expression naming what it does not know", "[" + template("Feature", "f-#{Release.Numbr}", "") + "]"),
                Arguments.of("an expression never closed", "[" + template("Feature", "f-#{Release.Number", "") + "]"),
                Arguments.of("a sensitive parameter in the name expression", "[" + template("Feature", "f-#{Token}", SECRET) + "]"),
                Arguments.of("a sensitive default in clear", "[" + template("Feature", "f-#{Release.Number}", SECRET.replace("\"defaultValue\":null",
                        "\"defaultValue\":\"hunter2\"")) + "]"),
                Arguments.of("a name with a colon", "[" + template("Prod: Feature", "f-#{Release.Number}", "") + "]"),
                Arguments.of("an unknown field", "[" + ok.replace("{\"deprovisionAfterDays\"", "{\"extra\":1,\"deprovisionAfterDays\"") + "]"),
                Arguments.of("too many", "[" + String.join(",", java.util.Collections.nCopies(BundleContent.MAX_ENVIRONMENT_TEMPLATES + 1, ok)) + "]"),
                Arguments.of("days out of range", "[" + ok.replace("\"deprovisionAfterDays\":0", "\"deprovisionAfterDays\":99999") + "]"),
                Arguments.of("the same template twice", "[" + ok + "," + template("FEATURE", "g-#{Release.Number}", "") + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aTemplateOutsideTheRulesIsRefusedInOneSentenceEvenWhenSigned(String label, String carried) {
        Map<String, byte[]> entries = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        String templates = new String(entries.get(BundleFormat.TEMPLATES), StandardCharsets.UTF_8);
        entries.put(BundleFormat.TEMPLATES, templates.replace(",\"templates\":", ",\"environmentTemplates\":" + carried + ",\"templates\":")
                .getBytes(StandardCharsets.UTF_8));

        VerificationOutcome outcome = verify(resign(entries, DEV_EC, null));

        assertInstanceOf(VerificationOutcome.InvalidPart.class, outcome, outcome.sentence());
        assertFalse(outcome.sentence().contains("\n"), outcome.sentence());
        if (label.startsWith("a name expression naming")) {
            assertEquals("The bundle's templates.json carries an environment template that is not valid (The name expression"
                    + " 'f-#{Release.Numbr}' uses #{Release.Numbr}, which is not a name it knows; it knows Release.Number, Release.Channel,"
                    + " Project.Name, Template.Name, Space.Name (the template has no parameters)), so the bundle was refused.", outcome.sentence());
        }
        if (label.equals("the same template twice")) { // review 18b L4
            assertEquals("The bundle's templates.json carries environment template 'FEATURE' twice, so the bundle was refused.", outcome.sentence());
        }
    }

    @Test
    void aTemplateAddedBySomeoneElseBreaksTheSignature() {
        Map<String, byte[]> entries = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        String templates = new String(entries.get(BundleFormat.TEMPLATES), StandardCharsets.UTF_8);
        entries.put(BundleFormat.TEMPLATES, templates.replace(",\"templates\":", ",\"environmentTemplates\":["
                + template("Feature", "f-#{Release.Number}", "") + "],\"templates\":").getBytes(StandardCharsets.UTF_8));

        assertFalse(verify(zip(entries)) instanceof VerificationOutcome.Genuine);
    }

    @Test
    void aReceiptNamesTheSignersInstancesAndOneWithoutIsAsBefore() {
        ReceiptContent sent = new ReceiptContent(UUID.randomUUID(), "Prod Space", "Dev Space", 1, NOW, NOW.plus(Duration.ofDays(30)),
                List.of(new ReceiptContent.Deployment(UUID.randomUUID(), "Acme", "1.2.3", "feature-1.2.3", "SUCCEEDED", NOW, "ops")),
                List.of(new ReceiptContent.Instance("feature-1.2.3", "Feature", true), new ReceiptContent.Instance("feature-1.2.2", "Feature", false)));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            ReceiptWriter.write(sent, new SourceKey(PROD_EC.certificateDer(), PROD_EC.privateKeyPkcs8()), DEV_EC.certificateDer(), out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        var genuine = assertInstanceOf(VerificationOutcome.GenuineReceipt.class, ReceiptVerifier.verify(out.toByteArray(), devTrustingReceipts(DEV_EC, PROD_EC)));
        assertEquals(sent, genuine.content());

        byte[] earlier = receipt(PROD_EC, DEV_EC, NOW);
        assertFalse(new String(BundleFiles.unzip(earlier).get(ReceiptFormat.RECEIPT), StandardCharsets.UTF_8).contains("instances"));
        assertEquals(List.of(), assertInstanceOf(VerificationOutcome.GenuineReceipt.class,
                ReceiptVerifier.verify(earlier, devTrustingReceipts(DEV_EC, PROD_EC))).content().instances());
    }

    static Stream<Arguments> hostileInstances() {
        return Stream.of(Arguments.of("null", "null"), Arguments.of("none", "[]"),
                Arguments.of("a name with a colon", "[{\"environment\":\"Prod: f-1\",\"live\":true,\"template\":\"Feature\"}]"),
                Arguments.of("a control character", "[{\"environment\":\"f-1\\u001b[2J\",\"live\":true,\"template\":\"Feature\"}]"),
                Arguments.of("a missing field", "[{\"environment\":\"f-1\",\"template\":\"Feature\"}]"),
                Arguments.of("a template too long", "[{\"environment\":\"f-1\",\"live\":true,\"template\":\"" + "t".repeat(61) + "\"}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInstances")
    void aReceiptsInstanceOutsideTheRulesIsRefusedEvenWhenSigned(String label, String instances) {
        Map<String, byte[]> entries = new LinkedHashMap<>(unzip(receipt(PROD_EC, DEV_EC, NOW)));
        String receipt = new String(entries.get(ReceiptFormat.RECEIPT), StandardCharsets.UTF_8);
        entries.put(ReceiptFormat.RECEIPT, receipt.replace(",\"receiptId\":", ",\"instances\":" + instances + ",\"receiptId\":")
                .getBytes(StandardCharsets.UTF_8));

        VerificationOutcome outcome = ReceiptVerifier.verify(BundleFiles.resignReceipt(entries, PROD_EC.certificateDer(), PROD_EC.privateKeyPkcs8(), null),
                devTrustingReceipts(DEV_EC, PROD_EC));

        assertInstanceOf(VerificationOutcome.InvalidPart.class, outcome, outcome.sentence());
        assertFalse(outcome.sentence().contains("\u001b"), outcome.sentence());
    }
}
