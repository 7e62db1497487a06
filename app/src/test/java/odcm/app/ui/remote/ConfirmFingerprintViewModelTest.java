package odcm.app.ui.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.space.Space;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote space added before the phone call is confirmed later; until then it cannot be trusted. */
class ConfirmFingerprintViewModelTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    Space prod;

    @BeforeEach
    void open() {
        ctx = TestStores.open(tmp, "b");
        ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
        prod = ctx.remotes().add("Prod Space", "", TestStores.foreignCertificatePem("Prod Space"), null);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void theScreenSaysItIsUnconfirmedUntilTheRightFingerprintIsTyped() {
        RemoteSpacesViewModel screen = new RemoteSpacesViewModel(ctx.remotes(), ctx.keys(), ctx.spaces(), runner);
        screen.refresh();
        assertEquals("Prod Space", screen.selectedProperty().get().name());
        assertFalse(screen.confirmedProperty().get());

        ConfirmFingerprintViewModel wrong = screen.confirm(prod);
        wrong.typedProperty().set("12AB");
        assertFalse(wrong.validProperty().get());
        assertTrue(wrong.problemProperty().get().contains("64 hexadecimal digits"));
        wrong.typedProperty().set("AB".repeat(32));
        assertFalse(wrong.validProperty().get(), "Confirm stays disabled on a mismatch");
        assertTrue(wrong.problemProperty().get().contains("Does not match"), wrong.problemProperty().get());
        wrong.submit(s -> {
            throw new AssertionError("a wrong fingerprint must not confirm");
        });
        assertFalse(ctx.remotes().isConfirmed("Prod Space"));

        ConfirmFingerprintViewModel right = screen.confirm(prod);
        right.typedProperty().set(prod.certificate().fingerprint().grouped().toLowerCase());
        Space[] confirmed = new Space[1];
        right.submit(s -> confirmed[0] = s);
        assertEquals("Prod Space", confirmed[0].name());
        screen.changed("Confirmed.", confirmed[0]);
        assertTrue(screen.confirmedProperty().get());
        assertEquals("'DevTest Space' accepts release bundles from 'Prod Space'",
                ctx.trusts().add("DevTest Space", "Prod Space", TrustKind.RELEASE_BUNDLES).sentence());
    }
}
