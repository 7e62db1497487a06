package odcm.app.ui.project;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Forms;

/** The deployment process: steps in order (add, remove, move with buttons or Alt+Up/Down) and the selected step. */
final class ProcessTab {
    private final ProjectEditor editor;
    private final ListView<StepRow> list = new ListView<>();
    private final TextField name = new TextField();
    private final TextField action = new TextField();
    private final TableView<PropertyRow> properties = new TableView<>();
    private final TextField packages = new TextField();
    private final ScopeChecklist scope;
    private final Binder binder = new Binder();

    ProcessTab(ProjectEditor editor, ObservableList<String> scopeChoices) {
        this.editor = editor;
        this.scope = new ScopeChecklist("step-scope", scopeChoices);
    }

    Tab create() {
        Tab tab = new Tab("Process", new HBox());
        HBox body = new HBox(16, steps(), stepForm());
        body.setPadding(new javafx.geometry.Insets(12));
        tab.setContent(body);
        tab.setId("tab-process");
        tab.setClosable(false);
        editor.selectedStepProperty().addListener((o, was, now) -> show(now));
        show(editor.selectedStepProperty().get());
        return tab;
    }

    private VBox steps() {
        list.setId("steps-list");
        list.setItems(editor.steps());
        list.setPrefWidth(250);
        list.setPlaceholder(Forms.emptyState("steps-empty", "No steps yet. Add the first step of the deployment process."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StepRow item, boolean empty) {
                super.updateItem(item, empty);
                textProperty().unbind();
                if (empty || item == null) {
                    setText(null);
                } else {
                    textProperty().bind(Bindings.concat((getIndex() + 1) + ". ", item.nameProperty()));
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                editor.selectedStepProperty().set(now);
            }
        });
        list.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                editor.moveStep(e.getCode() == KeyCode.UP ? -1 : 1);
                e.consume();
            }
        });
        Button add = Forms.button("step-add", "_Add step", "Add a step after the selected one", editor::addStep);
        Button remove = Forms.button("step-remove", "_Remove", "Remove the selected step", editor::removeStep);
        Button up = Forms.button("step-up", "Move _up", "Move the selected step up (Alt+Up)", () -> editor.moveStep(-1));
        Button down = Forms.button("step-down", "Move do_wn", "Move the selected step down (Alt+Down)", () -> editor.moveStep(1));
        remove.disableProperty().bind(editor.selectedStepProperty().isNull());
        Runnable moves = () -> {
            up.setDisable(!editor.canMove(-1));
            down.setDisable(!editor.canMove(1));
        };
        editor.selectedStepProperty().addListener((o, was, now) -> moves.run());
        editor.steps().addListener((javafx.collections.ListChangeListener<StepRow>) c -> moves.run());
        moves.run();
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(6, 6, add, remove, up, down);
        bar.setPrefWrapLength(250);
        VBox box = new VBox(8, list, bar);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private VBox stepForm() {
        name.setId("step-name");
        action.setId("step-action");
        action.setPromptText("e.g. Octopus.Script, Octopus.Package");
        packages.setId("step-packages");
        packages.setPromptText("Package ids, separated by commas, e.g. Acme.Web");
        properties.setId("step-properties");
        properties.setEditable(true);
        properties.setPrefHeight(150);
        properties.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        odcm.app.ui.common.Tables.fitsContent(properties);
        properties.setPlaceholder(Forms.emptyState("step-properties-empty", "No properties."));
        TableColumn<PropertyRow, String> key = new TableColumn<>("Property");
        key.setCellValueFactory(c -> c.getValue().keyProperty());
        key.setCellFactory(TextFieldTableCell.forTableColumn());
        key.setPrefWidth(160);
        TableColumn<PropertyRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().valueProperty());
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        properties.getColumns().setAll(java.util.List.of(key, value));
        Button addProperty = Forms.button("property-add", "Add propert_y", "Add a property to this step", () -> {
            StepRow s = editor.selectedStepProperty().get();
            if (s != null) {
                PropertyRow p = new PropertyRow("Name", "");
                s.properties().add(p);
                properties.getSelectionModel().select(p);
                properties.edit(s.properties().size() - 1, key);
            }
        });
        Button removeProperty = Forms.button("property-remove", "Remove propert_y", "Remove the selected property", () -> {
            StepRow s = editor.selectedStepProperty().get();
            PropertyRow p = properties.getSelectionModel().getSelectedItem();
            if (s != null && p != null) {
                s.properties().remove(p);
            }
        });
        removeProperty.disableProperty().bind(properties.getSelectionModel().selectedItemProperty().isNull());
        GridPane grid = Forms.grid();
        Forms.row(grid, "Step _name", name);
        Forms.row(grid, "Action _type", action);
        Forms.row(grid, "Pac_kages", packages);
        VBox props = new VBox(6, properties, new HBox(8, addProperty, removeProperty),
                Forms.hint("Double-click a cell to edit it; Enter keeps the change."));
        Forms.row(grid, "Properties", props);
        Forms.row(grid, "Scope", scope);
        VBox form = new VBox(10, grid);
        form.getStyleClass().add(Css.DETAIL);
        HBox.setHgrow(form, Priority.ALWAYS);
        return form;
    }

    private void show(StepRow row) {
        binder.clear();
        if (row == null) {
            name.setText("");
            action.setText("");
            packages.setText("");
            properties.setItems(javafx.collections.FXCollections.observableArrayList());
            scope.show(null);
        } else {
            binder.bind(name.textProperty(), row.nameProperty());
            binder.bind(action.textProperty(), row.actionTypeProperty());
            binder.bind(packages.textProperty(), row.packagesProperty());
            properties.setItems(row.properties());
            scope.show(row.scope());
            if (list.getSelectionModel().getSelectedItem() != row) {
                list.getSelectionModel().select(row);
            }
            list.scrollTo(row);
        }
        name.setDisable(row == null);
        action.setDisable(row == null);
        packages.setDisable(row == null);
        properties.setDisable(row == null);
    }
}
