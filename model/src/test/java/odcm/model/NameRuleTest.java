package odcm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import odcm.model.environment.Environment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.project.Channel;
import odcm.model.project.Project;
import odcm.model.project.Variable;
import odcm.model.space.SpaceName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Point 7 of issue 11: one name rule; look-alikes are the same name, mixed-script and invisible names are refused. */
class NameRuleTest {
    /** Pairs that read the same on screen: each must have the key of the plain name. */
    static Stream<Arguments> lookAlikes() {
        return Stream.of(
                Arguments.of("fullwidth", "\uFF34est", "Test"),
                Arguments.of("all fullwidth", "\uFF24\uFF45\uFF56", "Dev"),
                Arguments.of("Cyrillic е in a Cyrillic-only name", "\u0422\u0435\u0441\u0442", "Tect"),
                Arguments.of("Greek capitals", "\u0391\u0392\u0395", "ABE"),
                Arguments.of("ligature fi", "Con\uFB01g", "Config"),
                Arguments.of("combining acute", "Cafe\u0301", "Caf\u00e9"),
                Arguments.of("mixed case", "DEVTEST", "devtest"),
                Arguments.of("trailing and inner spaces", "  Dev   Test  ", "Dev Test"),
                Arguments.of("no-break and ideographic spaces", "Dev\u00A0\u3000Test", "Dev Test"),
                Arguments.of("sharp s", "Stra\u00dfe", "STRASSE"),
                Arguments.of("circled letters", "\u24C9est", "Test"),
                Arguments.of("mathematical bold", "\uD835\uDC13est", "Test"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void lookAlikesShareTheKeyOfThePlainName(String what, String lookAlike, String plain) {
        String checked = Names.check("An environment", lookAlike, 60);
        assertEquals(Names.key(plain), Names.key(checked), what);
        assertTrue(Names.same(lookAlike, plain), what);
    }

    /** The keys a store compares for uniqueness: look-alikes differing by invisible or foreign letters collide. */
    @ParameterizedTest
    @ValueSource(strings = {"DevT\u0435st", "D\u0435vT\u0435st", "DevTe\u200Bst", "DevTe\u200Dst", "DevTest\u2060", "Dev\u00ADTest",
            "Dev\uFE0FTest", "DevT\u03B5st", "\uFF24ev\uFF34est"})
    void keysOfDisguisedNamesEqualThePlainName(String disguised) {
        assertEquals(Names.key("DevTest"), Names.key(disguised), disguised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DevT\u0435st", "Pr\u043Educt", "\u0391lpha Team", "Payments \u03B1", "T\u0435st \u0394"})
    void mixedScriptNamesAreRefused(String name) {
        Refusal r = assertThrows(Refusal.class, () -> Names.check("An environment", name, 60));
        assertTrue(r.getMessage().contains("mixes"), r.getMessage());
        assertTrue(r.getMessage().contains("one alphabet"), r.getMessage());
    }

    /** Latin small capitals and other phonetic letters look like plain letters that NFKC does not fold (De\u1D20elopment, Web S\u029Cop). */
    @ParameterizedTest
    @ValueSource(strings = {"De\u1D20elopment", "Web S\u029Cop", "\u0280elease", "Prod\u02B0", "\uA731pace", "Te\u1D9Ct"})
    void phoneticLettersAndSmallCapitalsAreRefused(String name) {
        Refusal r = assertThrows(Refusal.class, () -> Names.check("An environment", name, 100));
        assertTrue(r.getMessage().contains("phonetic letters or small capitals"), r.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dev\u200BTest", "Dev\u200DTest", "Dev\u200CTest", "\uFEFFDev", "Dev\u2060Test", "Dev\u00ADTest", "Dev\u202ETest",
            "Dev\u2066Test\u2069", "Dev\u202ATest", "Dev\u001B[31mTest", "Dev\u0007", "Dev\u009BTest", "Dev\u007FTest", "Dev\u0000Test",
            "Dev\nTest", "Dev\rTest", "Dev\u2028Test", "Dev\u034FTest", "Dev\u3164Test", "Dev\uFE0FTest", "Dev\uDB40\uDC01Test",
            "\u0301Dev"})
    void invisibleControlAndDirectionCharactersAreRefused(String name) {
        assertThrows(Refusal.class, () -> Names.check("An environment", name, 60), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Production", "Café", "Прод", "Παραγωγή", "本番環境", "Prod 2", "Prod-EU (west)", "Ελλάδα 1", "Ünïcödé"})
    void plainNamesInOneAlphabetAreKept(String name) {
        assertEquals(name, Names.check("An environment", name, 60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Test", "Prod"})
    void differentNamesStayDifferent(String name) {
        assertNotEquals(Names.key(name), Names.key(name + "2"));
        assertNotEquals(Names.key("Caf\u00e9"), Names.key("Cafe"), "an accent makes another name");
    }

    /** Every named thing uses the one rule: each refuses the same disguised names. */
    static Stream<Arguments> namedThings() {
        return Stream.<Function<String, Object>>of(SpaceName::of, n -> Environment.checkName(n), n -> Lifecycle.checkName(n),
                n -> new Phase(n, java.util.List.of(), null), n -> Project.checkName(n), n -> new Channel(n, true),
                n -> new Variable(n, "v", false, odcm.model.project.Scope.ALL)).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("namedThings")
    void everyNamedThingRefusesLookAlikeTricks(Function<String, Object> make) {
        for (String bad : new String[] {"DevT\u0435st", "Dev\u202ETest", "Dev\u200BTest", "Dev\u001BTest", "Dev\u009BTest"}) {
            assertThrows(Refusal.class, () -> make.apply(bad), bad);
        }
    }
}
