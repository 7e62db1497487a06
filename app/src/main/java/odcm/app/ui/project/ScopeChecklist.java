package odcm.app.ui.project;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Forms;

/**
 * The environments and remote environments something is scoped to, one check box each; none checked means
 * every environment. Shows one row's scope at a time ({@link #show}).
 */
final class ScopeChecklist extends VBox {
    private final String id;
    private final ObservableList<String> choices;
    private final FlowPane boxes = new FlowPane(16, 6);
    private final Label summary = Forms.hint("");
    private ObservableList<String> target = FXCollections.observableArrayList();
    private final ListChangeListener<String> targetChanged = c -> rebuild();

    ScopeChecklist(String id, ObservableList<String> choices) {
        super(6);
        this.id = id;
        this.choices = choices;
        setId(id);
        summary.setId(id + "-summary");
        choices.addListener((ListChangeListener<String>) c -> rebuild());
        getChildren().addAll(boxes, summary);
        rebuild();
    }

    /** Edits {@code scope} from now on (null: nothing, disabled). */
    void show(ObservableList<String> scope) {
        target.removeListener(targetChanged);
        target = scope == null ? FXCollections.observableArrayList() : scope;
        target.addListener(targetChanged);
        setDisable(scope == null);
        rebuild();
    }

    private void rebuild() {
        boxes.getChildren().clear();
        java.util.List<String> all = new java.util.ArrayList<>(choices);
        target.stream().filter(s -> !all.contains(s)).forEach(all::add); // a scope naming something gone stays visible
        for (int i = 0; i < all.size(); i++) {
            String env = all.get(i);
            CheckBox box = new CheckBox(env);
            box.setId(id + "-" + i);
            box.setMnemonicParsing(false);
            odcm.app.ui.common.Tables.tooltipOnHover(box, box.textProperty()); // whole, where a narrow column cuts it
            box.setSelected(target.contains(env));
            box.selectedProperty().addListener((o, was, now) -> {
                if (now && !target.contains(env)) {
                    target.add(env);
                } else if (!now) {
                    target.remove(env);
                }
            });
            boxes.getChildren().add(box);
        }
        summary.setText(all.isEmpty() ? "This space has no environments yet; without a scope this applies to every environment."
                : target.isEmpty() ? "None checked: applies to every environment." : "Applies to " + String.join(", ", target) + " only.");
    }
}
