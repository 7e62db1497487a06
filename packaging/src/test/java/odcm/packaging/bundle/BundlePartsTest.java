package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import odcm.model.project.Variable;
import odcm.model.release.ReleaseSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3 (decision 0030): the parts of a release, made once and kept, put around any bundle's id, are byte for
 * byte the canonical JSON of the whole parts (what the writer wrote before), the secrets' plaintext too; kept bytes that
 * are not what {@link BundleParts#stored()} wrote are refused.
 */
class BundlePartsTest {
    @Test
    void keptPartsAroundAnyBundleIdAreTheCanonicalJsonOfTheWholeParts() {
        ReleaseSnapshot s = snapshot();
        BundleParts kept = BundleParts.fromStored(BundleParts.of(s).stored(), BundleParts.of(s).secretsJson());
        String id = "0b7d9a52-3f0e-4c3a-9f1e-6a2b8c4d5e6f";
        assertArrayEquals(Json.write(new Dto.ProcessPart(id, s.process().stream().map(p -> new Dto.Step(p.name(), p.actionType(), p.properties(),
                p.scope().environments(), p.packages().stream().map(r -> new Dto.PackageRef(r.packageId())).toList())).toList())), Slice.join(kept.processPart(id)));
        assertArrayEquals(Json.write(new Dto.VariablesPart(id, s.variables().stream().map(v -> new Dto.Variable(v.name(), v.sensitive(),
                v.scope().environments(), v.sensitive() ? null : v.value())).toList())), Slice.join(kept.variablesPart(id)));
        List<Dto.Template> templates = s.templates().stream().map(t -> new Dto.Template(t.name(), t.label(), t.helpText(),
                t.type().name(), t.options(), t.mandatory(), t.defaultValue())).toList();
        assertArrayEquals(Json.write(new Dto.TemplatesPart(id, null, templates)), Slice.join(kept.templatesPart(id, null)));
        List<Dto.EnvironmentTemplate> carried = List.of(new Dto.EnvironmentTemplate("Feature", "", List.of(), "f-#{Release.Number}", "SKIP", true, 0,
                List.of(), List.of())); // decision 0058: the carried templates stand before the variable templates, which stay last
        assertArrayEquals(Json.write(new Dto.TemplatesPart(id, carried, templates)), Slice.join(kept.templatesPart(id, carried)));
        assertArrayEquals(Json.write(new Dto.PackagesPart(id, s.packages().stream().map(p -> new Dto.Package(p.packageId(), p.version(),
                p.sha256())).toList())), Slice.join(kept.packagesPart(id)));
        List<Dto.SecretValue> secrets = s.variables().stream().filter(Variable::sensitive)
                .map(v -> new Dto.SecretValue(v.name(), v.scope().environments(), v.value())).toList();
        for (String version : List.of("1.2.3", "2.0.0-rc.1+\"ü\"")) { // the version is the field after the values
            assertArrayEquals(Json.write(new Dto.Secrets(id, "Acme \"Shop\" ✓", version, "Prod Space", "ab".repeat(32), secrets)),
                    kept.secretsPart(id, "Acme \"Shop\" ✓", version, "Prod Space", "ab".repeat(32)), version);
        }
        assertFalse(new String(kept.stored(), StandardCharsets.UTF_8).contains("hunter2"), "no sensitive value in the stored parts");
    }

    @Test
    void aBundleOfKeptPartsIsGenuineAndCarriesTheSnapshot() throws Exception {
        BundleContent content = content("Dev Space", "Prod Space", 1);
        BundleParts parts = BundleParts.of(content.snapshot());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BundleContent empty = new BundleContent(content.bundleId(), content.sourceSpace(), content.targetSpace(), 1, content.created(),
                content.expires(), content.project(), content.version(), content.notes(), content.channel(),
                new ReleaseSnapshot(List.of(), List.of(), List.of(), List.of()), content.history(), content.releaseCreated());
        BundleWriter.write(empty, BundleParts.fromStored(parts.stored(), parts.secretsJson()),
                new SourceKey(DEV_EC.certificateDer(), DEV_EC.privateKeyPkcs8()), PROD_EC.certificateDer(), out);
        byte[] fromSnapshot = write(content, DEV_EC, PROD_EC);
        for (String name : List.of(BundleFormat.RELEASE, BundleFormat.PROCESS, BundleFormat.VARIABLES, BundleFormat.TEMPLATES,
                BundleFormat.PACKAGES, BundleFormat.HISTORY)) {
            assertArrayEquals(unzip(fromSnapshot).get(name), unzip(out.toByteArray()).get(name), name);
        }
        VerificationContext prod = prodTrusting(PROD_EC, DEV_EC).withPrivateKey(PROD_EC.privateKeyPkcs8());
        VerificationOutcome o = BundleVerifier.verify(out.toByteArray(), prod);
        VerificationOutcome.Genuine g = assertInstanceOf(VerificationOutcome.Genuine.class, o, o.sentence());
        assertTrue(g.secretsOpened());
        assertEquals(content.snapshot(), g.content().snapshot());
        // Written into one array of its computed size (what bundle create does): the same entries, genuine, every byte used.
        byte[] exact = BundleWriter.write(empty, BundleParts.fromStored(parts.stored(), parts.secretsJson()),
                new SourceKey(DEV_EC.certificateDer(), DEV_EC.privateKeyPkcs8()), PROD_EC.certificateDer());
        for (String name : List.of(BundleFormat.RELEASE, BundleFormat.PROCESS, BundleFormat.VARIABLES, BundleFormat.TEMPLATES,
                BundleFormat.PACKAGES, BundleFormat.HISTORY)) {
            assertArrayEquals(unzip(out.toByteArray()).get(name), unzip(exact).get(name), name);
        }
        assertInstanceOf(VerificationOutcome.Genuine.class, BundleVerifier.verify(exact, prod));
    }

    @Test
    void keptBytesThatAreNotFourListsAreRefused() {
        BundleParts parts = BundleParts.of(snapshot());
        byte[] stored = parts.stored();
        String secrets = parts.secretsJson();
        byte[] longer = Arrays.copyOf(stored, stored.length + 1);
        byte[] lengthTooLarge = stored.clone();
        ByteBuffer.wrap(lengthTooLarge).putInt(stored.length);
        byte[] notAnArray = stored.clone();
        notAnArray[Integer.BYTES] = '{';
        for (byte[] bad : List.of(Arrays.copyOf(stored, stored.length - 1), Arrays.copyOf(stored, 3), longer, lengthTooLarge, notAnArray,
                new byte[0])) {
            assertThrows(IllegalArgumentException.class, () -> BundleParts.fromStored(bad, secrets));
        }
        assertThrows(IllegalArgumentException.class, () -> BundleParts.fromStored(stored, "{}"));
        assertArrayEquals(stored, BundleParts.fromStored(stored, secrets).stored());
    }
}
