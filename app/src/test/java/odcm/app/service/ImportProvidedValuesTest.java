package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.deployment.DeploymentRules;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.ReleaseSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The values an import's form starts with come from a lookup over only the bundle's variables that may bear a template's
 * name ({@link ImportService#provided}): every lookup must give what the lookup over all of them gives, for names that
 * differ by case, spaces and Unicode forms (whose keys may be plain ASCII).
 */
class ImportProvidedValuesTest {
    private static final String[] PIECES = {"db", "DB", "Db", " ", "  ", "host", "Host", "HOST", "é", "É", "e\u0301", "ﬁ", "fi", "Ｄ", "x", "1",
            "-", "_", "\u00a0", "ß", "ss", "İ", "i"};
    private static final String[] SCOPES = {"Prod Space: Production", "prod space: production", "Prod Space: Staging"};

    @Test
    void aLookupOverTheCandidatesGivesWhatALookupOverEveryVariableGives() {
        Random random = new Random(12);
        int matched = 0;
        for (int round = 0; round < 300; round++) {
            List<VariableTemplate> templates = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = name(random);
                try {
                    VariableTemplate t = new VariableTemplate(name, "", "", TemplateType.SINGLE_LINE, List.of(), false, "");
                    if (templates.stream().noneMatch(x -> Names.key(x.name()).equals(Names.key(t.name())))) {
                        templates.add(t);
                    }
                } catch (Refusal notAName) {
                    // names the model refuses are never in a bundle
                }
            }
            List<Variable> variables = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                try {
                    variables.add(new Variable(name(random), "v" + i, false,
                            random.nextBoolean() ? Scope.ALL : Scope.of(List.of(SCOPES[random.nextInt(SCOPES.length)]))));
                } catch (Refusal notAName) {
                    // as above
                }
            }
            ReleaseSnapshot snapshot = new ReleaseSnapshot(List.of(), variables, templates, List.of());
            DeploymentRules.Values all = new DeploymentRules.Values(variables);
            DeploymentRules.Values candidates = ImportService.provided(snapshot);
            for (VariableTemplate t : templates) {
                for (String env : List.of("Production", "Staging", "Other")) {
                    var expected = all.value(t.name(), "Prod Space: " + env);
                    assertEquals(expected, candidates.value(t.name(), "Prod Space: " + env), t.name() + " in " + env + " of " + variables);
                    matched += expected.isPresent() ? 1 : 0;
                }
            }
        }
        assertTrue(matched > 300, "the names met often enough to test the lookup: " + matched);
    }

    @Test
    void foldIgnoresCaseAndSpacesOfAsciiNames() {
        assertEquals(ImportService.fold("dbhost"), ImportService.fold("DB  Host"));
        assertEquals(ImportService.fold(Names.key(" Db Host ")), ImportService.fold("dbHOST"));
    }

    private static String name(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }
}
