package odcm.persistence.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import odcm.model.Refusal;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import odcm.persistence.Json;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3: a release snapshot (and a project's process) is written token by token, not through DTOs and data
 * binding; the stored text, which the release's hash covers, must stay the same, character for character.
 */
class DocumentsTest {
    private static final String[] TEXTS = {"", "a", "Web", "é", "€", "𝄞", "line\nbreak", "tab\there", "quote \" and \\ slash", "<&>", "\u2028",
            "\u0001", "日本", "  spaced  ", "/path/", "ﬁ"};

    private static final Documents.Sealer SEALER = (variable, value) -> (variable + "=" + value).getBytes(StandardCharsets.UTF_8);

    @Test
    void aSnapshotIsWrittenAsTheDataBindingWroteIt() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            ReleaseSnapshot s = snapshot(random);
            String expected = Json.write(Documents.snapshotDto(s, SEALER));
            assertEquals(expected, Documents.snapshot(s, SEALER));
            assertEquals(expected, Documents.snapshotText(s, SEALER).chars().toString());
            assertEquals(Json.write(Documents.snapshotDto(s, SEALER).process()), Documents.process(s.process()));
        }
    }

    @Test
    void anEmptySnapshotToo() {
        ReleaseSnapshot s = new ReleaseSnapshot(List.of(), List.of(), List.of(), List.of());
        assertEquals("{\"process\":[],\"variables\":[],\"templates\":[],\"packages\":[]}", Documents.snapshot(s, SEALER));
        assertEquals(Json.write(Documents.snapshotDto(s, SEALER)), Documents.snapshot(s, SEALER));
    }

    @Test
    void theBufferIsMadeAtAboutTheSizeOfTheTextSoItNeverGrows() {
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            variables.add(new Variable("Var" + i, (i % 10 == 0 ? "secret-" : "value-") + i + "-" + Integer.toHexString(i * 7919), i % 10 == 0,
                    i % 4 == 0 ? Scope.ALL : Scope.of(List.of(i % 2 == 0 ? "Test" : "Prod Space: Production"))));
        }
        List<DeploymentStep> steps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            steps.add(new DeploymentStep("Step " + i, "Run a script", Map.of("Role", "web-" + i % 10, "Script", "echo step " + i
                    + "\nsystemctl restart web\ncurl -f http://localhost/health\n"), Scope.ALL, List.of(new PackageReference("Pkg" + i % 100))));
        }
        List<PackageVersion> packages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            packages.add(new PackageVersion("Pkg" + i, "1.0." + i, "%064x".formatted(i * 104729L)));
        }
        ReleaseSnapshot s = new ReleaseSnapshot(steps, variables, List.of(), packages);
        // Sealed as the store seals: a version byte, a 12-byte nonce, the UTF-8, a 16-byte tag.
        Documents.Sealer sealer = (variable, value) -> new byte[29 + value.getBytes(StandardCharsets.UTF_8).length];
        int length = Documents.snapshot(s, sealer).length();
        int size = Documents.size(s);
        assertTrue(size >= length && size < length * 3 / 2, "estimated " + size + " chars for " + length);
    }

    private static ReleaseSnapshot snapshot(Random random) {
        List<DeploymentStep> steps = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            Map<String, String> p = new LinkedHashMap<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                p.put("P" + random.nextInt(50) + text(random).strip(), text(random));
            }
            steps.add(attempt(() -> new DeploymentStep("Step " + random.nextInt(1000) + text(random).strip(), "Run a script", p, scope(random),
                    random.nextBoolean() ? List.of() : List.of(new PackageReference("Pkg" + random.nextInt(9)), new PackageReference("Other")))));
        }
        List<Variable> variables = new ArrayList<>();
        for (int i = random.nextInt(8); i > 0; i--) {
            variables.add(attempt(() -> new Variable("V" + random.nextInt(100) + text(random).strip(), text(random), random.nextBoolean(), scope(random))));
        }
        List<VariableTemplate> templates = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            boolean select = random.nextBoolean();
            templates.add(attempt(() -> new VariableTemplate("T" + random.nextInt(100), random.nextBoolean() ? "" : "Label " + text(random).strip(),
                    text(random).strip(), select ? TemplateType.SELECT : TemplateType.MULTI_LINE, select ? List.of("a", "b é") : List.of(),
                    random.nextBoolean(), select ? "a" : text(random))));
        }
        List<PackageVersion> packages = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            packages.add(new PackageVersion("Pkg" + i, "1.0." + i, "%064x".formatted(i * 7919L)));
        }
        steps.removeIf(java.util.Objects::isNull);
        variables.removeIf(java.util.Objects::isNull);
        templates.removeIf(java.util.Objects::isNull);
        return new ReleaseSnapshot(steps, variables, templates, packages);
    }

    private static <T> T attempt(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (Refusal notValid) {
            return null; // the model refuses it, so no snapshot holds it
        }
    }

    private static Scope scope(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Scope.ALL;
            case 1 -> Scope.of(List.of("Production"));
            default -> Scope.of(List.of("Test", "Prod Space: Production"));
        };
    }

    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            sb.append(TEXTS[random.nextInt(TEXTS.length)]);
        }
        return sb.toString();
    }
}
