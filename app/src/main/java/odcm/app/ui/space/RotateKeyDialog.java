package odcm.app.ui.space;

import java.util.function.Consumer;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.service.KeyService;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;

/** The Rotate key dialog; binds to {@link RotateKeyViewModel}. Names the consequences before anything is done. */
public final class RotateKeyDialog {
    private RotateKeyDialog() {
    }

    public static FormDialog create(Window owner, RotateKeyViewModel vm, Consumer<KeyService.Rotated> onRotated) {
        Label consequences = new Label(vm.consequences());
        consequences.setId("rotate-key-consequences");
        consequences.setWrapText(true);
        consequences.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Spinner<Integer> overlap = new Spinner<>(0, KeyService.MAX_OVERLAP_DAYS, vm.overlapDaysProperty().get());
        overlap.setId("rotate-key-overlap");
        overlap.setEditable(true);
        overlap.setPrefWidth(110);
        // A cleared field is no overlap of 0 days (the old key retired at once): the last value comes back.
        overlap.valueProperty().addListener((o, was, now) -> {
            if (now == null) {
                overlap.getValueFactory().setValue(vm.overlapDaysProperty().get());
            } else {
                vm.overlapDaysProperty().set(now);
            }
        });
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Overlap (days)", overlap);
        VBox content = new VBox(10, consequences, grid);
        FormDialog dialog = new FormDialog(owner, "rotate-key", "Rotate the key of " + vm.space().describe(), "Rotate key", content,
                new SimpleBooleanProperty(false), vm.form(), close -> vm.submit(rotated -> {
                    close.run();
                    onRotated.accept(rotated);
                }));
        dialog.dialog().setOnShown(e -> overlap.requestFocus());
        return dialog;
    }
}
