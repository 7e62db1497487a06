package odcm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Names#check}, {@link Names#key} and {@link Names#value} take a short cut for plain ASCII (decision 0023); the
 * short cut must give what the full rule gives. The full rule is reached with the same name padded so the short
 * cut does not apply: a leading space (tidied away by check), an invisible character (dropped by key).
 */
class NamesFastPathTest {
    @Test
    void plainAsciiNamesCheckAndCompareAsTheFullRuleDoes() {
        Random random = new Random(23);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                sb.append((char) (0x20 + random.nextInt(0x5f))); // printable ASCII, spaces included
            }
            String raw = sb.toString();
            if (raw.isBlank()) {
                continue;
            }
            String tidy = Names.check("A step", " " + raw, 100); // the full rule: strip, collapse spaces, checks
            assertEquals(tidy, Names.check("A step", tidy, 100), raw);
            assertEquals(Names.key(tidy + "\u200B"), Names.key(tidy), raw);
            assertEquals(Names.key(raw + "\u200B"), Names.key(raw), raw);
            assertEquals(raw, Names.value("A value", raw, false));
        }
    }

    @Test
    void theShortCutStillRefusesWhatTheRuleRefuses() {
        assertEquals("A step name can be at most 5 characters; this one has 6.",
                assertThrows(Refusal.class, () -> Names.check("A step", "Deploy", 5)).getMessage());
        assertThrows(Refusal.class, () -> Names.check("A step", "   ", 100));
        assertThrows(Refusal.class, () -> Names.check("A step", "Dev\u0000Test", 100));
        assertThrows(Refusal.class, () -> Names.check("A step", "DevT\u0435st", 100)); // Cyrillic е among Latin letters
        assertThrows(Refusal.class, () -> Names.value("A value", "a\u007fb", false));
        assertEquals("Dev Test", Names.check("A step", "  Dev   Test ", 100));
        // An ASCII name's key is as long as the name, so its length is not worked out from a second copy: the limit still holds.
        assertEquals("A step name uses characters that expand too much when names are compared; choose a plainer name.",
                assertThrows(Refusal.class, () -> Names.check("A step", "a".repeat(Names.MAX_KEY_LENGTH + 1), 1000)).getMessage());
        assertEquals(Names.MAX_KEY_LENGTH, Names.check("A step", "a".repeat(Names.MAX_KEY_LENGTH), 1000).length());
        assertEquals("devtest", Names.key("DevT\u0435st"));
        assertEquals(Names.key("DEV TEST"), Names.key("dev  test"));
    }

    @Test
    void aValueRefusedNamesWhatHeldIt() { // the words are made only for a refusal now, still the same words
        assertEquals("The value of variable 'Db Host' cannot contain control characters (it holds U+0007).",
                assertThrows(Refusal.class, () -> new odcm.model.project.Variable("Db Host", "a\u0007b", false,
                        odcm.model.project.Scope.ALL)).getMessage());
        assertEquals("A property name of step 'Deploy' cannot contain control characters (it holds U+0001).",
                assertThrows(Refusal.class, () -> step("Ro\u0001le", "web")).getMessage());
        assertEquals("Property 'Role' of step 'Deploy' cannot contain control characters (it holds U+001B).",
                assertThrows(Refusal.class, () -> step("Role", "web\u001b")).getMessage());
        assertEquals("web\nup", step("Role", "web\nup").properties().get("Role"));
    }

    private static odcm.model.project.DeploymentStep step(String key, String value) {
        return new odcm.model.project.DeploymentStep("Deploy", "Run a script", java.util.Map.of(key, value), odcm.model.project.Scope.ALL,
                java.util.List.of());
    }
}
