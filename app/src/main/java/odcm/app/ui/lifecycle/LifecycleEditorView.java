package odcm.app.ui.lifecycle;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Forms;

/** The lifecycle editor: its fields, the phases in order with their buttons, the selected phase, and Save. */
final class LifecycleEditorView extends VBox {
    private final LifecycleEditorViewModel vm;
    private final ListView<PhaseEditor> phases;
    private Button saveButton;
    private PhaseEditorView phaseEditor;
    private Runnable picked = () -> { };
    private final HBox head;
    private final HBox lacking;

    /** {@code mayNot}: why the person may not change lifecycles here (the service's sentence naming the role), or "". */
    LifecycleEditorView(LifecycleEditorViewModel vm, Runnable save, Runnable discard, Runnable delete, javafx.beans.binding.StringBinding mayNot) {
        super(12);
        this.vm = vm;
        setId("lifecycle-editor");
        getStyleClass().add(Css.DETAIL);
        Label title = Forms.sectionTitle("lifecycle-editor-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.editing() == null ? "New lifecycle" : vm.editing(),
                vm.editingProperty()));
        Label unsaved = new Label("Unsaved changes");
        unsaved.setId("lifecycle-unsaved");
        unsaved.getStyleClass().add(Css.UNSAVED);
        unsaved.visibleProperty().bind(vm.dirtyProperty());
        unsaved.managedProperty().bind(unsaved.visibleProperty());
        unsaved.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        saveButton = Forms.button("lifecycle-save", "_Save", "Save this lifecycle (Ctrl+S)", save);
        saveButton.setDefaultButton(false);
        saveButton.disableProperty().bind(vm.dirtyProperty().not().or(vm.problemProperty().isNotEmpty()).or(vm.form().submittingProperty())
                .or(mayNot.isNotEmpty()));
        Button discardButton = Forms.button("lifecycle-discard", "Discard changes", "Go back to the lifecycle as it was saved", discard);
        discardButton.disableProperty().bind(vm.dirtyProperty().not());
        Button deleteButton = Forms.button("lifecycle-delete", "_Delete…", "Delete this lifecycle (refused while a project uses it)", delete);
        deleteButton.disableProperty().bind(vm.editingProperty().isNull().or(mayNot.isNotEmpty()));
        HBox head = Forms.detailHead(new VBox(2, title, unsaved), odcm.app.ui.common.RoleGate.explained(saveButton, mayNot), discardButton,
                odcm.app.ui.common.RoleGate.explained(deleteButton, mayNot));

        TextField name = new TextField();
        name.setId("lifecycle-name");
        name.setPromptText("e.g. Test then Prod");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextField description = new TextField();
        description.setId("lifecycle-description");
        description.setPromptText("What this lifecycle is for (optional)");
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        CheckBox isDefault = new CheckBox("The space's _default lifecycle");
        isDefault.setId("lifecycle-default");
        isDefault.setMnemonicParsing(true);
        isDefault.selectedProperty().bindBidirectional(vm.defaultProperty());
        isDefault.disableProperty().bind(vm.wasDefaultProperty());
        isDefault.setTooltip(new Tooltip("Used for projects the space does not know by name. The default stays until another lifecycle becomes the default."));
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Name", name);
        Forms.row(grid, "D_escription", description);
        Forms.row(grid, "", isDefault);

        Label problem = Forms.problem("lifecycle-problem", vm.problemProperty(), Css.WARNING);
        Label refused = Forms.problem("lifecycle-error", vm.form().errorProperty(), Css.ERROR);
        // Informational, after a save that added environments: kept in sight above the scrolling editor.
        Label lackingText = Forms.problem("lifecycle-lacking", vm.lackingProperty(), Css.WARNING);
        Button dismiss = Forms.button("lifecycle-lacking-dismiss", "Dismiss", "Hide this note; the project listing says the same"
                + " ('odcm project missing-values')", vm::dismissLacking);
        HBox.setHgrow(lackingText, Priority.ALWAYS);
        lacking = new HBox(8, lackingText, dismiss);
        lacking.setId("lifecycle-lacking-panel");
        lacking.setPadding(new javafx.geometry.Insets(4, 12, 4, 12));
        lacking.visibleProperty().bind(lackingText.visibleProperty());
        lacking.managedProperty().bind(lacking.visibleProperty());

        phases = new ListView<>(vm.phases());
        phases.setId("phases-list");
        phases.setPrefHeight(140);
        phases.setPrefWidth(300);
        phases.setPlaceholder(Forms.hint("No phases yet: Add phase."));
        phases.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PhaseEditor p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : (getIndex() + 1) + ". " + p.nameProperty().get() + " · " + p.progression().words()
                        + "\n" + p.members());
            }
        });
        // Cells as wide as the list, wrapping long member lists instead of scrolling sideways.
        phases.setCellFactory(wrapping(phases.getCellFactory()));
        phases.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedPhaseProperty().set(now);
                if (phases.isFocused()) {
                    picked.run();
                }
            }
        });
        vm.selectedPhaseProperty().addListener((o, was, now) -> select(now));
        select(vm.selectedPhaseProperty().get());
        PhaseEditorView phase = new PhaseEditorView(vm);
        phaseEditor = phase;
        Button add = Forms.button("phase-add", "_Add phase", "Add a phase after the selected one", () -> {
            vm.addPhase();
            phase.focusName();
            picked.run();
        });
        Button remove = Forms.button("phase-remove", "_Remove phase", "Remove the selected phase", vm::removePhase);
        Button up = Forms.button("phase-up", "Move _up", "Move the selected phase one place earlier (Alt+Up)", () -> vm.move(-1));
        Button down = Forms.button("phase-down", "Move do_wn", "Move the selected phase one place later (Alt+Down)", () -> vm.move(1));
        remove.disableProperty().bind(vm.selectedPhaseProperty().isNull());
        javafx.beans.Observable[] deps = {vm.selectedPhaseProperty(), vm.phases()};
        up.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canMove(-1), deps));
        down.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canMove(1), deps));
        for (Button b : new Button[] {add, remove, up, down}) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        VBox buttons = new VBox(6, add, remove, up, down);
        Label phasesTitle = new Label("Phases, in order");
        phasesTitle.getStyleClass().add(Css.SUBSECTION);
        HBox.setHgrow(phases, Priority.ALWAYS);
        HBox phaseRow = new HBox(8, phases, buttons);

        this.head = head;
        head.getStyleClass().add(Css.DETAIL);
        getChildren().addAll(grid, problem, refused, phasesTitle, phaseRow, phase);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                vm.move(e.getCode() == KeyCode.UP ? -1 : 1);
                e.consume();
            }
        });
    }

    /** The title with Save, Discard and Delete: kept above the scrolling editor, so Save is always in sight. */
    HBox head() {
        return head;
    }

    /** What the environments just added lack, per project (hidden when nothing): placed under {@link #head()}. */
    HBox lacking() {
        return lacking;
    }

    javafx.scene.Node phaseEditor() {
        return phaseEditor;
    }

    /** Called when the user picks or adds a phase, to bring its members into sight. */
    void onPhasePicked(Runnable action) {
        picked = action;
    }

    private static javafx.util.Callback<ListView<PhaseEditor>, ListCell<PhaseEditor>> wrapping(
            javafx.util.Callback<ListView<PhaseEditor>, ListCell<PhaseEditor>> cells) {
        return list -> {
            ListCell<PhaseEditor> cell = cells.call(list);
            cell.setWrapText(true);
            cell.setPrefWidth(0);
            return cell;
        };
    }

    /** Whether Save would do something now: there are changes and nothing to fix. */
    boolean canSave() {
        return !saveButton.isDisabled();
    }

    private void select(PhaseEditor p) {
        if (p == null) {
            phases.getSelectionModel().clearSelection();
        } else if (phases.getSelectionModel().getSelectedItem() != p) {
            phases.getSelectionModel().select(p);
            phases.scrollTo(p);
        }
    }
}
