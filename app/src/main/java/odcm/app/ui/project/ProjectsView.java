package odcm.app.ui.project;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.ConfirmDialog;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.project.Project;

/** Projects screen: the projects of the current space and an editor in tabs for the selected or a new one. */
public final class ProjectsView {
    private final ProjectsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<Project> table = Tables.table("projects-table");
    private TabPane tabs;

    private final odcm.app.ui.common.RoleGate gate;

    public ProjectsView(ProjectsViewModel vm, odcm.app.ui.common.RoleGate gate) {
        this.gate = gate;
        this.vm = vm;
        Button create = Forms.button("new-project", "_New project", "Start a new project in the current space (Ctrl+N)", this::newProject);
        create.disableProperty().bind(vm.space().nameProperty().isEmpty());
        TextField filter = new TextField();
        filter.setId("projects-filter");
        filter.setPromptText("Search by name, description or lifecycle");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Label space = new Label();
        space.setId("projects-space");
        space.textProperty().bind(vm.space().nameProperty().map(n -> n.isEmpty() ? "No space chosen" : "Space: " + n));
        ScreenHeader.place(root, "projects-screen", ScreenHeader.create("Projects",
                "What a project deploys, in which steps, with which variables; releases freeze it.", create, space, null, filter),
                new MessageLine("projects-message", vm.message()));

        table.getColumns().setAll(List.of(
                Tables.<Project>column("Name", 180, Project::name),
                Tables.<Project>column("Lifecycle", 140, Project::lifecycleName),
                Tables.<Project>fixed("Steps", 60, p -> String.valueOf(p.process().size()))));
        table.setItems(vm.shown());
        table.setPlaceholder(emptyList());
        vm.shown().predicateProperty().addListener((o, was, now) -> table.setPlaceholder(emptyList()));
        vm.space().nameProperty().addListener((o, was, now) -> table.setPlaceholder(emptyList()));
        Tables.bindSelection(table, vm.selectedProperty());
        Tables.onDelete(table, this::delete);
        SplitPane split = new SplitPane(table, editor());
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(table, false);
        root.setCenter(split);
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e) && vm.editor().activeProperty().get()) {
                vm.save();
                e.consume();
            }
        });
    }

    private Label emptyList() {
        return Forms.emptyState("projects-empty", !vm.space().isChosen() ? "Choose a space to see its projects."
                : vm.all().isEmpty() ? "No projects in this space yet. Start one with New project (Ctrl+N)." : "No project matches the search.");
    }

    private Node editor() {
        ProjectEditor editor = vm.editor();
        Label title = Forms.sectionTitle("project-editor-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> editor.isNew() ? "New project"
                : "Project '" + editor.originalNameProperty().get() + "'", editor.originalNameProperty()));
        Button save = Forms.button("project-save", "_Save", "Save the project (Ctrl+S); a release made afterwards freezes it", vm::save);
        javafx.scene.Node saveBox = gate.gate(save, vm.saveState().submittingProperty(),
                p -> p.refusal(odcm.model.role.Action.CHANGE_PROJECTS, vm.space().name(), null), vm.space().nameProperty());
        Button revert = Forms.button("project-revert", "Re_vert", "Discard the changes and read the project again as stored now", vm::revert);
        Button delete = Forms.button("project-delete", "_Delete…", "Delete this project (refused while it has releases)", this::delete);
        delete.disableProperty().bind(vm.selectedProperty().isNull());
        tabs = new TabPane(GeneralTab.create(vm), readOnlyWhenImported(new ProcessTab(editor, vm.scopeChoices()).create(), "process"),
                VariablesTab.create(editor, vm.scopeChoices()), readOnlyWhenImported(TemplatesTab.create(editor), "variable templates"),
                ChannelsTab.create(editor));
        Label imported = new Label();
        imported.setId("project-imported");
        imported.getStyleClass().add(Css.PREVIEW);
        imported.setWrapText(true);
        imported.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        imported.textProperty().bind(Bindings.createStringBinding(() -> "Imported from '" + editor.importedFromProperty().get()
                + "': its name, process and variable templates are what built its releases and are read-only here; its variable values"
                + " (per environment of this space) stay editable.", editor.importedFromProperty()));
        imported.visibleProperty().bind(editor.importedFromProperty().isNotEmpty());
        imported.managedProperty().bind(imported.visibleProperty());
        tabs.setId("project-tabs");
        Forms.contentWhenChosen(tabs); // General first; the process, variables, templates and channels when chosen
        Label error = Forms.problem("project-error", vm.saveState().errorProperty(), Css.ERROR);
        VBox filled = new VBox(10, Forms.detailHead(title, saveBox, revert, delete), imported, error, tabs);
        VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);
        filled.getStyleClass().add(Css.DETAIL);
        filled.visibleProperty().bind(editor.activeProperty());
        Label none = Forms.emptyState("project-editor-none", "Select a project to edit it, or start a new one.");
        none.visibleProperty().bind(editor.activeProperty().not().and(Bindings.isNotEmpty(vm.all())));
        return new StackPane(filled, none);
    }

    /** A tab whose content is disabled, with the reason above it, while the project is a remote one. */
    private javafx.scene.control.Tab readOnlyWhenImported(javafx.scene.control.Tab tab, String what) {
        Node content = tab.getContent();
        content.disableProperty().bind(vm.editor().importedFromProperty().isNotEmpty());
        if (what.equals("process")) {
            // The steps' scopes name the source's environments, which the scope checklist here cannot show: read-only boxes instead.
            var scroll = odcm.app.ui.release.ReleaseSnapshotView.stepList("project-process-read-only");
            vm.selectedProperty().addListener((o, was, now) -> scroll.setItems(now == null ? javafx.collections.FXCollections.emptyObservableList()
                    : javafx.collections.FXCollections.observableList(now.process())));
            scroll.visibleProperty().bind(vm.editor().importedFromProperty().isNotEmpty());
            content.visibleProperty().bind(scroll.visibleProperty().not());
            content = new StackPane(content, scroll);
        }
        Label why = new Label("Read-only: the " + what + " came with the imported release.");
        why.setId("project-read-only-" + what.replace(' ', '-'));
        why.getStyleClass().add(Css.HINT);
        why.visibleProperty().bind(vm.editor().importedFromProperty().isNotEmpty());
        why.managedProperty().bind(why.visibleProperty());
        VBox box = new VBox(6, why, content);
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        tab.setContent(box);
        return tab;
    }

    /** A new project starts on the General tab with the cursor in its name. */
    private void newProject() {
        vm.newProject();
        if (vm.editor().isNew() && vm.editor().activeProperty().get()) {
            tabs.getSelectionModel().selectFirst();
            javafx.application.Platform.runLater(() -> tabs.lookup("#project-name").requestFocus());
        }
    }

    private void delete() {
        Project p = vm.selectedProperty().get();
        if (p != null) {
            ConfirmDialog.create(root.getScene().getWindow(), vm.runner(), "delete-project", "Delete project '" + p.name() + "'",
                    "Delete project '" + p.name() + "' of '" + vm.space().name() + "'? Its process, variables and templates go with it. "
                            + "A project with releases cannot be deleted.",
                    "Delete", "Deleting project '" + p.name() + "'", () -> vm.delete(p), () -> vm.deleted(p)).show();
        }
    }

    public Screen screen() {
        return new Screen("Projects", root, () -> {
            gate.refresh();
            vm.refresh();
        }, this::newProject);
    }
}
