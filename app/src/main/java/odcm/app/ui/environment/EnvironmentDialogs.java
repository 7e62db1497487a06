package odcm.app.ui.environment;

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
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.space.Space;

/** New environment, Rename environment and Add remote environment; they bind to their view models. */
final class EnvironmentDialogs {
    private EnvironmentDialogs() {
    }

    static FormDialog environment(Window owner, String space, EnvironmentFormViewModel vm, Consumer<Environment> onDone) {
        String id = vm.isRenaming() ? "rename-environment" : "new-environment";
        TextField name = new TextField();
        name.setId(id + "-name");
        name.setPromptText("e.g. Test");
        name.textProperty().bindBidirectional(vm.nameProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Name", name);
        if (!vm.isRenaming()) {
            TextArea description = new TextArea();
            description.setId(id + "-description");
            description.setPromptText("What this environment is for (optional)");
            description.setPrefRowCount(2);
            description.setWrapText(true);
            description.textProperty().bindBidirectional(vm.descriptionProperty());
            Forms.row(grid, "_Description", description);
        }
        Label problem = Forms.problem(id + "-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, grid, problem, Forms.hint(vm.isRenaming()
                ? "Lifecycle phases keep it under its new name; steps and variables scoped to it follow the new name."
                : "An environment of '" + space + "'. Put it in a lifecycle's phase to deploy to it."));
        String title = vm.isRenaming() ? "Rename environment '" + vm.currentName() + "'" : "New environment in '" + space + "'";
        FormDialog dialog = new FormDialog(owner, id, title, vm.isRenaming() ? "Rename" : "Create", content, vm.validProperty().not(), vm.form(),
                close -> vm.submit(done -> {
                    close.run();
                    onDone.accept(done);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> {
            name.requestFocus();
            name.selectAll();
        });
        return dialog;
    }

    static FormDialog remote(Window owner, RemoteEnvironmentFormViewModel vm, Consumer<RemoteEnvironment> onAdded) {
        ComboBox<Space> space = new ComboBox<>(vm.owners());
        space.setId("new-remote-environment-space");
        space.setPromptText("The space that owns the environment");
        space.setMaxWidth(Double.MAX_VALUE);
        space.setConverter(new StringConverter<>() {
            @Override
            public String toString(Space s) {
                return s == null ? "" : s.name() + (s.isLocal() ? "  (local)" : "  (remote)");
            }

            @Override
            public Space fromString(String text) {
                return null;
            }
        });
        space.valueProperty().bindBidirectional(vm.ownerProperty());
        TextField name = new TextField();
        name.setId("new-remote-environment-name");
        name.setPromptText("e.g. Production");
        name.textProperty().bindBidirectional(vm.nameProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Space", space);
        Forms.row(grid, "_Environment", name);
        Label preview = new Label();
        preview.setId("new-remote-environment-preview");
        preview.textProperty().bind(vm.previewProperty());
        Label problem = Forms.problem("new-remote-environment-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, grid, preview, problem, Forms.hint("A local placeholder in '" + vm.space()
                + "' for an environment that another space owns and deploys to. Steps and variable values can be scoped to it,"
                + " and dashboards show it."));
        FormDialog dialog = new FormDialog(owner, "new-remote-environment", "Add remote environment to '" + vm.space() + "'", "Add", content,
                vm.validProperty().not(), vm.form(), close -> vm.submit(added -> {
                    close.run();
                    onAdded.accept(added);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> space.requestFocus());
        return dialog;
    }

    private static TextArea area(String id, String prompt, javafx.beans.property.StringProperty text) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setPrefRowCount(2);
        a.setPrefColumnCount(34);
        a.textProperty().bindBidirectional(text);
        return a;
    }

    /** New environment template, or Edit (decision 0057): what the command line's template create asks, one field each. */
    static FormDialog template(Window owner, String space, TemplateFormViewModel vm, Consumer<EnvironmentTemplate> onDone) {
        String id = vm.id();
        TextField name = new TextField();
        name.setId(id + "-name");
        name.setPromptText("e.g. Feature branch");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextField expression = new TextField();
        expression.setId(id + "-expression");
        expression.textProperty().bindBidirectional(vm.expressionProperty());
        ComboBox<EnvironmentTemplate.OnExisting> onExisting = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(EnvironmentTemplate.OnExisting.values()));
        onExisting.setId(id + "-on-existing");
        onExisting.setConverter(new StringConverter<>() {
            @Override
            public String toString(EnvironmentTemplate.OnExisting o) {
                return o == null ? "" : o == EnvironmentTemplate.OnExisting.SKIP ? "Keep it as it is (skip)" : "Re-provision it for the new release";
            }

            @Override
            public EnvironmentTemplate.OnExisting fromString(String text) {
                return null;
            }
        });
        onExisting.valueProperty().bindBidirectional(vm.onExistingProperty());
        javafx.scene.control.CheckBox progressed = new javafx.scene.control.CheckBox("When its release goes on to the next phase");
        progressed.setId(id + "-when-progressed");
        progressed.selectedProperty().bindBidirectional(vm.whenProgressedProperty());
        TextField days = new TextField();
        days.setId(id + "-days");
        days.setPrefColumnCount(5);
        days.textProperty().bindBidirectional(vm.daysProperty());
        GridPane grid = Forms.grid();
        if (!vm.isEditing()) {
            ComboBox<String> owners = new ComboBox<>(vm.owners());
            owners.setId(id + "-owner");
            owners.setConverter(new StringConverter<>() {
                @Override
                public String toString(String o) {
                    return o == null ? "" : o.equals(space) ? "This space ('" + space + "')" : o + " (a remote template)";
                }

                @Override
                public String fromString(String text) {
                    return null;
                }
            });
            owners.valueProperty().bindBidirectional(vm.ownerProperty());
            Forms.row(grid, "_Owned by", owners);
        }
        Forms.row(grid, "_Name", name);
        Forms.row(grid, "_Description", area(id + "-description", "What its instances are for (optional)", vm.descriptionProperty()));
        Forms.row(grid, "_Instances named", expression); // Alt+N is _Name's
        Forms.row(grid, "_Parameters", area(id + "-parameters", "NAME[:TYPE][=DEFAULT] per line, e.g. Region:select(eu|us)=eu",
                vm.parametersProperty()));
        Forms.row(grid, "P_rovisioning", area(id + "-provisioning", "Steps, one per line: NAME:ACTION, e.g. Stack up:Run a script",
                vm.provisioningProperty()));
        Forms.row(grid, "De-pro_visioning", area(id + "-deprovisioning", "Steps, one per line: NAME:ACTION", vm.deprovisioningProperty()));
        Forms.row(grid, "Name _taken", onExisting);
        Label idle = new Label("without a deployment (0: never)");
        idle.setMinWidth(Label.USE_PREF_SIZE);
        javafx.scene.layout.HBox idleRow = new javafx.scene.layout.HBox(8, days, idle);
        idleRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Forms.row(grid, "De-provision", progressed);
        Forms.row(grid, "Aft_er days", idleRow); // Alt+D is _Description's
        Label problem = Forms.problem(id + "-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, grid, problem, Forms.hint(vm.isEditing() ? "Live instances keep their names and the values they were"
                + " provisioned with; what changes here applies from their next provisioning or de-provisioning. Renamed, the template stays in"
                + " its lifecycles' phases, values and steps scoped to it follow the new name, and a release made before still finds its values"
                + " scoped to the former one. Names in #{…}: Release.Number,"
                + " Release.Channel, Project.Name, Template.Name, Space.Name and the parameters." : "Names in #{…}: Release.Number, Release.Channel, Project.Name, Template.Name,"
                + " Space.Name and the parameters; ##{ writes #{. Put the template in a lifecycle phase (Lifecycles screen): each release"
                + " reaching the phase gets an instance there, which then needs a default for every parameter. The console records"
                + " provisioning; it does not run the steps. Owned by another space, it is a remote template ('Prod Space: Feature (template)')"
                + " for a composite lifecycle: that space must be trusted for deployment receipts, its bundles carry this definition"
                + " there, and its receipts bring the instances back."));
        FormDialog dialog = new FormDialog(owner, id, vm.isEditing() ? "Edit environment template '" + vm.original().name() + "'"
                : "New environment template in '" + space + "'", vm.isEditing() ? "Save" : "Create", content,
                vm.validProperty().not(), vm.form(), close -> vm.submit(done -> {
                    close.run();
                    onDone.accept(done);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> name.requestFocus());
        return dialog;
    }

    /** New instance of a template, by hand. */
    static FormDialog instance(Window owner, String space, InstanceFormViewModel vm, Consumer<Environment> onDone) {
        TextField name = new TextField();
        name.setId("new-instance-name");
        name.setPromptText("Empty: '" + vm.template().nameExpression().text() + "'");
        name.textProperty().bindBidirectional(vm.nameProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Name", name);
        vm.values().forEach((p, value) -> Forms.row(grid, p.label() + (p.mandatory() ? " *" : ""), // a name's _ is no mnemonic
                odcm.app.ui.common.ValueControls.control(p, value, "new-instance-parameter-" + p.name().replaceAll("[^A-Za-z0-9_-]", "_"))).setMnemonicParsing(false));
        Label problem = Forms.problem("new-instance-problem", vm.problemProperty(), Css.ERROR);
        VBox content = new VBox(10, grid, problem, Forms.hint("An environment of '" + space + "' like any other, marked with template '"
                + vm.template().name() + "'. Its provisioning is recorded (and audited), not run"
                + (vm.values().keySet().stream().anyMatch(p -> p.type() == odcm.model.project.TemplateType.SENSITIVE)
                ? "; a sensitive value is neither kept nor shown in the record." : ".")));
        FormDialog dialog = new FormDialog(owner, "new-instance", "New instance of '" + vm.template().name() + "'", "Provision", content,
                vm.problemProperty().isNotEmpty(), vm.form(), close -> vm.submit(done -> {
                    close.run();
                    onDone.accept(done);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> name.requestFocus());
        return dialog;
    }

    /** "De-provision 'X'?", with whether its template's de-provisioning process is recorded as run or as skipped. */
    static FormDialog deprovision(Window owner, EnvironmentsViewModel vm, Environment e, Runnable onDone) {
        odcm.app.ui.common.FormState state = new odcm.app.ui.common.FormState(vm.runner());
        Label question = new Label("De-provision '" + e.name() + "', an instance of template '" + e.templateName() + "'? It is no longer listed"
                + " nor deployable; its record and deployments stay, and instantiating the template under its name brings it back.");
        question.setId("deprovision-question");
        question.setWrapText(true);
        question.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.control.CheckBox run = new javafx.scene.control.CheckBox("Run its de-provisioning process (recorded)");
        run.setId("deprovision-run-process");
        run.setSelected(true);
        boolean hasProcess = vm.templates().stream().filter(t -> t.name().equals(e.templateName())).anyMatch(t -> !t.deprovisioning().isEmpty());
        VBox content = hasProcess ? new VBox(10, question, run) : new VBox(10, question); // nothing to run or skip: not offered
        return new FormDialog(owner, "deprovision", "De-provision '" + e.name() + "'", "De-provision", content,
                new javafx.beans.property.SimpleBooleanProperty(false), state, close -> {
                    boolean process = run.isSelected(); // read on the FX thread, not in the task
                    state.submit("De-provisioning '" + e.name() + "'", () -> {
                        vm.deprovision(e, process);
                        return null;
                    }, r -> {
                        close.run();
                        onDone.run();
                    });
                });
    }
}
