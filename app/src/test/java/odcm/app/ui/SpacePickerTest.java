package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import odcm.app.service.AppContext;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The current space: kept while it exists, else the first local space, else none. */
class SpacePickerTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage(); // the picker is a control: the toolkit must be up, though nothing is shown
    }

    @Test
    void keepsTheCurrentSpaceWhileItExists() {
        assertEquals("QA Space", SpacePicker.keep("qa space", List.of("DevTest Space", "QA Space")));
        assertEquals("DevTest Space", SpacePicker.keep("Gone", List.of("DevTest Space", "QA Space")));
        assertEquals("DevTest Space", SpacePicker.keep("", List.of("DevTest Space")));
        assertEquals("", SpacePicker.keep("Gone", List.of()));
    }

    @Test
    void followsTheStoreLocalSpacesOnly() {
        try (AppContext ctx = TestStores.open(tmp, "store")) {
            CurrentSpace current = new CurrentSpace();
            SpacePicker picker = new SpacePicker(ctx.spaces(), new SameThreadTaskRunner(), current);
            picker.refresh();
            assertEquals("", current.name(), "no local space: none chosen");
            ctx.remotes().add("Prod Space", "", TestStores.foreignCertificatePem("Prod Space"), null);
            ctx.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
            picker.refresh();
            assertEquals("QA Space", current.name(), "remote spaces are not offered");
            ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
            picker.refresh();
            assertEquals("QA Space", current.name(), "a new space does not take the place of the current one");
            ctx.spaces().delete("QA Space");
            picker.refresh();
            assertEquals("DevTest Space", current.name());
        }
    }
}
