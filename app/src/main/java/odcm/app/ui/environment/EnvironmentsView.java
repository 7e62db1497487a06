package odcm.app.ui.environment;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.ConfirmDialog;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.NoSpaceState;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.RemoteEnvironment;

/** Environments screen: the current space's environments beside its remote environments. */
public final class EnvironmentsView {
    private final EnvironmentsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<Environment> locals = Tables.table("environments-table");
    private final TableView<RemoteEnvironment> remotes = Tables.table("remote-environments-table");
    private final TableView<EnvironmentTemplate> templates = Tables.table("templates-table");
    private final Label title = new Label();

    /** Why the person may not change the current space's environments (the service's sentence naming the role), or "". */
    private final javafx.beans.binding.StringBinding mayNot;
    private final odcm.app.ui.common.RoleGate gate;

    public EnvironmentsView(EnvironmentsViewModel vm, CurrentSpace current, Runnable goToSpaces, odcm.app.ui.common.RoleGate gate) {
        this.vm = vm;
        this.gate = gate;
        this.mayNot = gate.why(p -> p.refusal(odcm.model.role.Action.CHANGE_ENVIRONMENTS, current.name(), null), current.nameProperty());
        TextField filter = new TextField();
        filter.setId("environments-filter");
        filter.setPromptText("Filter by name or description");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Button create = Forms.button("new-environment", "_New environment…", "Create an environment in the current space (Ctrl+N)", this::create);
        Button addRemote = Forms.button("new-remote-environment", "_Add remote environment…",
                "Add a placeholder for an environment that another space owns", this::addRemote);
        filter.disableProperty().bind(current.nameProperty().isEmpty()); // nothing to act on without a space
        VBox header = ScreenHeader.create("Environments",
                "Where the current space deploys: its own environments (some instances of a template), remote environments standing for environments of other spaces, and templates that make environments on demand.",
                gated(create, current.nameProperty().isEmpty()), gated(addRemote, current.nameProperty().isEmpty()), null, filter);
        ((Label) header.getChildren().get(0)).textProperty().bind(current.nameProperty().map(s -> s.isEmpty() ? "Environments" : "Environments of '" + s + "'"));
        ScreenHeader.place(root, "environments-screen", header, new MessageLine("environments-message", vm.message()));

        locals.getColumns().setAll(List.of(
                Tables.<Environment>column("Name", 140, Environment::name),
                Tables.<Environment>column("Template", 100, e -> e.isInstance() ? e.templateName() : ""),
                Tables.<Environment>column("Description", 220, Environment::description)));
        locals.setItems(vm.shown());
        placeholders();
        vm.shown().predicateProperty().addListener((o, was, now) -> placeholders());
        vm.all().addListener((javafx.collections.ListChangeListener<Environment>) c -> placeholders());
        vm.allRemotes().addListener((javafx.collections.ListChangeListener<RemoteEnvironment>) c -> placeholders());
        Tables.bindSelection(locals, vm.selectedProperty());
        Tables.onDelete(locals, this::delete);

        remotes.getColumns().setAll(List.of(
                Tables.<RemoteEnvironment>column("Remote environment", 200, RemoteEnvironment::displayName),
                Tables.<RemoteEnvironment>column("Owned by", 140, RemoteEnvironment::ownerSpaceName)));
        remotes.setItems(vm.shownRemotes());
        Tables.bindSelection(remotes, vm.selectedRemoteProperty());
        Tables.onDelete(remotes, this::deleteRemote);

        Button rename = Forms.button("rename-environment", "_Rename…", "Give the selected environment another name", this::rename);
        Button delete = Forms.button("delete-environment", "_Delete…", "Delete the selected environment (refused while a lifecycle or project uses it)", this::delete);
        Button deleteRemote = Forms.button("delete-remote-environment", "D_elete…",
                "Delete the selected remote environment (refused while a lifecycle or project uses it)", this::deleteRemote);
        Button deprovision = Forms.button("deprovision-environment", "De-_provision…",
                "De-provision the selected instance of a template (confirmed; its process may be skipped)", this::deprovision);
        SplitPane split = new SplitPane(section("Environments", locals, gated(rename, vm.selectedProperty().isNull()),
                gated(delete, vm.selectedProperty().isNull()), gated(deprovision, javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> vm.selectedProperty().get() == null || !vm.selectedProperty().get().isInstance(), vm.selectedProperty()))),
                section("Remote environments", remotes, gated(deleteRemote, vm.selectedRemoteProperty().isNull())));
        split.setDividerPositions(0.6);

        templates.getColumns().setAll(List.of(
                Tables.<EnvironmentTemplate>column("Template", 140, vm::name),
                Tables.<EnvironmentTemplate>column("Instances named", 200, t -> t.nameExpression().text()),
                Tables.<EnvironmentTemplate>column("Live instances", 200, vm::instancesOf),
                Tables.<EnvironmentTemplate>column("Description", 200, EnvironmentTemplate::description)));
        templates.setItems(vm.templates());
        templates.setPlaceholder(Forms.emptyState("templates-empty", "No environment templates yet. A template makes environments on demand"
                + " (a feature branch, a tester): by hand, or for each release reaching a lifecycle phase that holds it."));
        Tables.bindSelection(templates, vm.selectedTemplateProperty());
        Button newTemplate = Forms.button("new-template", "New _template…", "Create an environment template in the current space", this::createTemplate);
        Button newInstance = Forms.button("new-instance", "New _instance…", "Provision an instance of the selected template by hand", this::createInstance);
        Button editTemplate = Forms.button("edit-template", "Edit…", "Change the selected template (its live instances keep their names); Enter or a double-click on it too",
                this::editTemplate);
        templates.setOnKeyPressed(e -> { // Edit… has no mnemonic left on this screen: Enter on a template opens it (review L4)
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && !editTemplate.isDisabled()) {
                e.consume();
                editTemplate();
            }
        });
        templates.setRowFactory(t -> {
            javafx.scene.control.TableRow<EnvironmentTemplate> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null && !editTemplate.isDisabled()) {
                    editTemplate();
                }
            });
            return row;
        });
        Button deleteTemplate = Forms.button("delete-template", "De_lete…", "Delete the selected template (refused once it had instances or"
                + " while a lifecycle or project uses it)", this::deleteTemplate);
        var ownOnly = javafx.beans.binding.Bindings.createBooleanBinding(() -> vm.selectedTemplateProperty().get() == null
                || vm.isRemote(vm.selectedTemplateProperty().get()), vm.selectedTemplateProperty()); // a remote one is only listed and deleted
        SplitPane both = new SplitPane(split, section("Environment templates", templates, gated(newTemplate, current.nameProperty().isEmpty()),
                gated(newInstance, ownOnly), gated(editTemplate, ownOnly),
                gated(deleteTemplate, vm.selectedTemplateProperty().isNull())));
        both.setOrientation(javafx.geometry.Orientation.VERTICAL);
        both.setDividerPositions(0.6);
        root.setCenter(NoSpaceState.wrap("environments", both, current, "Environments", goToSpaces));
    }

    private void placeholders() {
        boolean none = vm.all().isEmpty() && vm.allRemotes().isEmpty();
        boolean filtered = !vm.filterProperty().get().isBlank();
        locals.setPlaceholder(Forms.emptyState("environments-empty", filtered && !vm.all().isEmpty() ? "No environment matches the filter."
                : "No environments yet. Create the places this space deploys to, such as Development and Test, with New environment (Ctrl+N)."));
        remotes.setPlaceholder(Forms.emptyState("remote-environments-empty", filtered && !vm.allRemotes().isEmpty()
                ? "No remote environment matches the filter."
                : none ? "No remote environments yet. When a lifecycle hands releases to another space, add that space's environments here, such as 'Prod Space: Production'."
                : "No remote environments yet. Add one for an environment another space owns, such as 'Prod Space: Production'."));
    }

    /** {@code button}, disabled while {@code otherwise} holds or the person may not change environments here, saying why. */
    private Node gated(Button button, javafx.beans.value.ObservableBooleanValue otherwise) {
        return odcm.app.ui.common.RoleGate.gated(button, otherwise, mayNot);
    }

    /** Whether a change may be asked for (a shortcut or the Delete key, too); otherwise the reason is said on the screen. */
    private boolean permitted() {
        return odcm.app.ui.common.RoleGate.permitted(mayNot, vm.message());
    }

    private static Node section(String name, TableView<?> table, Node... actions) {
        Label t = new Label(name);
        t.getStyleClass().add(Css.SUBSECTION);
        t.setMinWidth(Label.USE_PREF_SIZE);
        Node head;
        if (actions.length > 2) { // three actions beside the title clip it at 1100 wide: they go on their own row
            HBox buttons = new HBox(8, actions);
            buttons.setAlignment(Pos.CENTER_LEFT);
            head = new VBox(6, t, buttons);
        } else {
            HBox row = Forms.detailHead(t, actions);
            row.setAlignment(Pos.CENTER_LEFT);
            head = row;
        }
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, head, table);
        box.setPadding(new javafx.geometry.Insets(0, 8, 0, 8));
        return box;
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void create() {
        if (!vm.space().isEmpty() && permitted()) {
            EnvironmentDialogs.environment(window(), vm.space(), vm.newEnvironment(),
                    e -> vm.changed("Created environment '" + e.name() + "' in '" + vm.space() + "'.", e.name(), null)).show();
        }
    }

    private void rename() {
        Environment e = vm.selectedProperty().get();
        if (e != null && permitted()) {
            EnvironmentDialogs.environment(window(), vm.space(), vm.rename(e),
                    r -> vm.changed("Renamed environment '" + e.name() + "' to '" + r.name() + "'.", r.name(), null)).show();
        }
    }

    private void delete() {
        Environment e = vm.selectedProperty().get();
        if (e != null && permitted()) {
            String what = "environment '" + e.name() + "' of '" + vm.space() + "'";
            ConfirmDialog.create(window(), vm.runner(), "delete-environment", "Delete environment '" + e.name() + "'",
                    "Delete the " + what + "? Deployments to it are no longer possible from this console.", "Delete",
                    "Deleting the " + what, () -> vm.delete(e), () -> vm.changed("Deleted the " + what + ".", null, null)).show();
        }
    }

    private void createTemplate() {
        if (!vm.space().isEmpty() && permitted()) {
            TemplateFormViewModel form = vm.newTemplate();
            EnvironmentDialogs.template(window(), vm.space(), form, t -> vm.changed("Created environment template '" + (form.remoteOwner() == null
                    ? t.name() : odcm.model.environment.RemoteTemplate.displayName(form.remoteOwner(), t.name())) + "' in '" + vm.space() + "'.", null, null)).show();
        }
    }

    private void editTemplate() {
        EnvironmentTemplate t = vm.selectedTemplateProperty().get();
        if (t != null && permitted()) {
            EnvironmentDialogs.template(window(), vm.space(), vm.editTemplate(t),
                    e -> vm.changed("Saved environment template '" + e.name() + "'.", null, null)).show();
        }
    }

    private void deleteTemplate() {
        EnvironmentTemplate t = vm.selectedTemplateProperty().get();
        if (t != null && permitted()) {
            String what = (vm.isRemote(t) ? "remote template '" : "environment template '") + vm.name(t) + "' of '" + vm.space() + "'";
            ConfirmDialog.create(window(), vm.runner(), "delete-template", "Delete " + (vm.isRemote(t) ? "remote" : "environment") + " template '" + vm.name(t) + "'",
                    "Delete the " + what + "? No instance can be made from it afterwards.", "Delete", "Deleting the " + what,
                    () -> vm.deleteTemplate(t), () -> vm.changed("Deleted the " + what + ".", null, null)).show();
        }
    }

    private void createInstance() {
        EnvironmentTemplate t = vm.selectedTemplateProperty().get();
        if (t != null && permitted()) {
            EnvironmentDialogs.instance(window(), vm.space(), vm.newInstance(t),
                    e -> vm.changed("Provisioned '" + e.name() + "' from template '" + t.name() + "' (recorded).", e.name(), null)).show();
        }
    }

    private void deprovision() {
        Environment e = vm.selectedProperty().get();
        if (e != null && e.isInstance() && permitted()) {
            EnvironmentDialogs.deprovision(window(), vm, e, () -> vm.changed("De-provisioned '" + e.name() + "' of template '" + e.templateName() + "'.",
                    null, null)).show();
        }
    }

    private void addRemote() {
        if (!vm.space().isEmpty() && permitted()) {
            EnvironmentDialogs.remote(window(), vm.newRemote(),
                    r -> vm.changed("Added remote environment '" + r.displayName() + "' to '" + vm.space() + "'.", null, r.displayName())).show();
        }
    }

    private void deleteRemote() {
        RemoteEnvironment r = vm.selectedRemoteProperty().get();
        if (r != null && permitted()) {
            String what = "remote environment '" + r.displayName() + "' of '" + vm.space() + "'";
            ConfirmDialog.create(window(), vm.runner(), "delete-remote-environment", "Delete remote environment '" + r.displayName() + "'",
                    "Delete the " + what + "? The environment itself stays with '" + r.ownerSpaceName() + "'.", "Delete",
                    "Deleting the " + what, () -> vm.deleteRemote(r), () -> vm.changed("Deleted the " + what + ".", null, null)).show();
        }
    }

    public Screen screen() {
        return new Screen("Environments", root, () -> {
            gate.refresh();
            vm.refresh();
        }, this::create);
    }
}
