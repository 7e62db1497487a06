package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.model.audit.AuditFilter;
import odcm.model.project.Project;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TestStores#demo}: the demo organisation copied from one made once per test JVM (decision 0025) holds what
 * {@link Demo#create} makes in a new store, its audit log intact, and each copy is a store of its own.
 */
class DemoCopiesTest {
    @TempDir
    Path tmp;

    @Test
    void aCopyHoldsWhatTheDemoMakesAndChangesStayInTheirCopy() {
        try (AppContext made = TestStores.open(tmp, "made");
             AppContext one = AppContext.open(TestStores.demo(tmp, "one"));
             AppContext two = AppContext.open(TestStores.demo(tmp, "two"))) {
            new Demo(made).create();
            for (AppContext copy : List.of(one, two)) {
                assertEquals(names(made), names(copy), "the same spaces, projects and releases");
                assertTrue(copy.audit().verify().isIntact(), copy.audit().verify().sentence());
                assertTrue(copy.audit().list(AuditFilter.ALL).size() >= made.audit().list(AuditFilter.ALL).size(), "the demo's audit entries");
            }
            one.spaces().create("Only In One", "", KeyAlgorithm.EC_P256);
            assertTrue(one.spaces().list().stream().anyMatch(s -> s.name().equals("Only In One")));
            assertFalse(two.spaces().list().stream().anyMatch(s -> s.name().equals("Only In One")), "a change in one copy is not in another");
        }
    }

    private static List<String> names(AppContext ctx) {
        List<String> names = new java.util.ArrayList<>();
        for (Space s : ctx.spaces().list()) {
            names.add(s.kind() + " " + s.name());
        }
        for (Space s : ctx.spaces().locals()) {
            for (Project p : ctx.projects().list(s.name())) {
                names.add(s.name() + "/" + p.name() + " " + p.process().size() + " steps " + p.variables().size() + " variables");
                ctx.releases().list(s.name(), p.name()).forEach(r -> names.add(s.name() + "/" + p.name() + "/" + r.version()));
            }
        }
        return names;
    }
}
