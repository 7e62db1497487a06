package odcm.app.ui.space;

import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;

/** The New space dialog; binds to {@link NewSpaceViewModel}. */
public final class NewSpaceDialog {
    private NewSpaceDialog() {
    }

    public static FormDialog create(Window owner, NewSpaceViewModel vm, Consumer<Space> onCreated) {
        TextField name = new TextField();
        name.setId("new-space-name");
        name.setPromptText("e.g. Prod Space");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextArea description = new TextArea();
        description.setId("new-space-description");
        description.setPromptText("What this space is for (optional)");
        description.setPrefRowCount(3);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        ComboBox<KeyAlgorithm> algorithm = new ComboBox<>();
        algorithm.setId("new-space-algorithm");
        algorithm.getItems().setAll(KeyAlgorithm.values());
        algorithm.setConverter(new StringConverter<>() {
            @Override
            public String toString(KeyAlgorithm a) {
                return a == null ? "" : a == KeyAlgorithm.EC_P256 ? "EC P-256 (recommended)" : "RSA 3072 bits";
            }

            @Override
            public KeyAlgorithm fromString(String s) {
                return null;
            }
        });
        algorithm.valueProperty().bindBidirectional(vm.algorithmProperty());

        GridPane grid = Forms.grid();
        Forms.row(grid, "_Name", name);
        Forms.row(grid, "_Description", description);
        Forms.row(grid, "_Key", algorithm);
        Label problem = Forms.problem("new-space-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, grid, problem,
                Forms.hint("The space gets its own key pair and a self-signed certificate; the private key never leaves this console."));

        FormDialog dialog = new FormDialog(owner, "new-space", "New space", "Create", content, vm.validProperty().not(), vm.form(),
                close -> vm.submit(created -> {
                    close.run();
                    onCreated.accept(created);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> name.requestFocus());
        return dialog;
    }
}
