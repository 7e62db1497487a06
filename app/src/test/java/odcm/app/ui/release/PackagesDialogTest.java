package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import odcm.app.apply.Demo;
import org.junit.jupiter.api.Test;

/**
 * The Releases screen's Packages… (decision 0060): Export packages for… opens on the selected release with its one target
 * chosen; written with the file chosen, a refusal (the example's packages are in no store) shows inline, in one sentence,
 * and no file is left. An inventory chosen can be taken back (Clear). The successful path and Cancel are PackageTransferTest's (the same view model, two stores).
 */
class PackagesDialogTest extends DemoScreensTest {
    @Test
    void exportPackagesForOpensOnTheSelectedReleaseAndARefusalIsOneSentenceInline() throws Exception {
        selectRelease("Web Shop", "2.0.0");
        MenuButton menu = ui.node("#packages-menu");
        ui.clickOn(menu);
        ui.idle();
        assertTrue(menu.isShowing());
        assertFalse(menu.getItems().get(0).isDisable(), "a release is selected and its lifecycle promotes to Prod Space");
        ui.shoot("packages-menu");
        ScreensHarness.fx(() -> {
            menu.hide();
            menu.getItems().get(0).fire();
            return null;
        });
        ui.idle();
        ComboBox<String> target = ui.node("#packages-for");
        assertEquals(Demo.PROD, target.getValue());
        Button clear = ui.node("#packages-have-clear");
        assertTrue(clear.isDisabled(), "no inventory chosen yet: nothing to clear");
        Path inventory = Files.writeString(tmp.resolve("prod.odcminventory"), "chosen, then cleared");
        ui.files.next(inventory);
        ui.clickOn("#packages-have");
        ui.idle();
        javafx.scene.control.TextField have = ui.node("#packages-have-file");
        assertEquals(inventory.toAbsolutePath().toString(), have.getText());
        ui.clickOn(clear);
        ui.idle();
        assertEquals("", have.getText(), "the inventory chosen is taken back: the export assumes the releases sent before");
        assertTrue(clear.isDisabled());
        Path file = Files.createDirectories(tmp.resolve("out")).resolve("web-2.0.0.odcmpackages");
        ui.files.next(file);
        ui.clickOn("#packages-choose-file");
        ui.idle();
        Button write = ui.node("#packages-export-ok");
        assertFalse(write.isDisabled());
        ui.clickOn(write);
        ui.idle();
        Label refused = ui.node("#packages-export-error");
        assertTrue(refused.getText().startsWith("✖ REFUSED — Package ") && refused.getText().endsWith(" is in neither the store nor a feed."
                + " Nothing was written."), refused.getText());
        ui.shootDialog("packages-export", "packages-export-refused");
        try (var left = Files.list(file.getParent())) {
            assertEquals(0, left.count(), "no file, no temporary file");
        }
        DialogPane d = ui.node("#packages-export-dialog");
        ui.clickOn(d.lookupButton(ButtonType.CLOSE));
        ui.idle();
    }
    @Test
    void importPackagesRefusesAFileThatIsNoArchiveInOneSentenceInlineAndChangesNothing() throws Exception {
        selectRelease("Web Shop", "2.0.0");
        MenuButton menu = ui.node("#packages-menu");
        ScreensHarness.fx(() -> {
            menu.getItems().get(1).fire();
            return null;
        });
        ui.idle();
        Path notes = Files.writeString(tmp.resolve("notes.odcmpackages"), "not an archive");
        ui.files.next(notes);
        ui.clickOn("#packages-open");
        ui.idle();
        Label refused = ui.node("#packages-import-error");
        assertTrue(refused.getText().startsWith("✖ REFUSED — ") && refused.getText().endsWith("Nothing was changed."), refused.getText());
        Label done = ui.node("#packages-import-result");
        assertEquals("", done.getText(), "nothing imported");
        ui.shootDialog("packages-import", "packages-import-refused");
        DialogPane d = ui.node("#packages-import-dialog");
        ui.clickOn(d.lookupButton(ButtonType.CLOSE));
        ui.idle();
    }
}
