package odcm.app.ui.release;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.release.Release;

/** Releases screen: a project's releases, newest first, "Create release…", and the selected release's frozen snapshot. */
public final class ReleasesView {
    private final ReleasesViewModel vm;
    private final FilePicker files;
    private final BorderPane root = new BorderPane();
    private final TableView<Release> table = Tables.table("releases-table");

    private final odcm.app.ui.common.RoleGate gate;
    private final odcm.app.service.PackageTransferService packages;

    public ReleasesView(ReleasesViewModel vm, FilePicker files, odcm.app.ui.common.RoleGate gate, odcm.app.service.PackageTransferService packages) {
        this.gate = gate;
        this.packages = packages;
        this.vm = vm;
        this.files = files;
        Label projectLabel = new Label("_Project");
        projectLabel.setMnemonicParsing(true);
        ComboBox<String> project = new ComboBox<>(vm.projectNames());
        project.setId("release-project");
        project.setPromptText("Choose a project");
        project.valueProperty().bindBidirectional(vm.projectProperty());
        projectLabel.setLabelFor(project);
        Button create = Forms.button("new-release", "_Create release…", "Freeze the project as it is now in a new release (Ctrl+N)", this::create);
        javafx.beans.binding.StringBinding createRefusal = orElse(mayNot(odcm.model.role.Action.CREATE_RELEASE), vm.createProblemProperty());
        create.disableProperty().bind(vm.projectProperty().isNull().or(createRefusal.isNotEmpty()));
        Button promote = Forms.button("promote-release", "_Promote to space…", "Write a release bundle of the selected release for a space "
                + "its lifecycle promotes to", this::promote);
        javafx.beans.binding.StringBinding why = orElse(mayNot(odcm.model.role.Action.PROMOTE),
                javafx.beans.binding.Bindings.createStringBinding(vm::promoteProblem, vm.selectedProperty(), vm.targets()));
        promote.disableProperty().bind(why.isNotEmpty());
        Node promoteBox = odcm.app.ui.common.RoleGate.explained(promote, why);
        Node createBox = odcm.app.ui.common.RoleGate.explained(create, createRefusal);
        Button deploy = Forms.button("deploy", "_Deploy…", "Record a deployment of the selected release to an environment", this::deploy);
        // A deployer of any one environment of the space may open it; the service checks the environment chosen.
        Node deployBox = gate.gate(deploy, vm.selectedProperty().isNull(), p -> p.refusal(odcm.model.role.Action.DEPLOY, vm.space().name(), null),
                vm.space().nameProperty());
        Button accept = Forms.button("accept-import", "Acc_ept…", "Review the selected imported release's changes against the previous"
                + " import and accept it for deployment here (or decline it)", this::accept);
        Node acceptBox = gate.gate(accept, vm.acceptanceProperty().isEmpty(), p -> p.refusal(odcm.model.role.Action.APPROVE, vm.space().name(), null),
                vm.space().nameProperty());
        Button update = Forms.button("update-variables", "_Update variables…", "Make a new revision of the selected release with the project's"
                + " current variables; its process, templates and packages stay as frozen", this::updateVariables);
        // As a new release: not for a project imported from another space (its variables come from there), nor without the role.
        Node updateBox = odcm.app.ui.common.RoleGate.gated(update, vm.selectedProperty().isNull(), createRefusal);
        Button compare = Forms.button("compare-releases", "Co_mpare…",
                "Compare the selected release with the one before it, side by side; approve or reject it there", this::compare);
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(vm.all()).lessThan(2));
        TextField filter = new TextField();
        filter.setId("releases-filter");
        filter.setPromptText("Search by version, channel or notes");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        // The project and the search on one row, the actions on the next: in one row at the window's first size (1100 px)
        // the picker was squeezed to nothing and the search pushed out of the window.
        projectLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        project.setMinWidth(220);
        javafx.scene.layout.VBox header = ScreenHeader.create("Releases",
                "Versions of a project, each with the process, variables and packages it froze when it was created.",
                projectLabel, project, null, filter);
        // Wraps rather than widening the screen past the window (six buttons with their icons are wider than 1100 px less the navigation).
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 8, createBox, updateBox, promoteBox, deployBox, acceptBox, compare,
                packagesMenu());
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        header.getChildren().add(actions);
        ScreenHeader.place(root, "releases-screen", header, new javafx.scene.layout.VBox(4, createWhy(), acceptance(),
                new MessageLine("releases-message", vm.message())));

        table.getColumns().setAll(List.of(
                Tables.<Release>fixed("Version", 150, vm::version),
                Tables.<Release>fixed("Channel", 100, Release::channel),
                Tables.<Release>fixed("Created", 140, r -> Formats.minutes(r.createdAt())),
                Tables.<Release>fixed("Approval", 150, vm::approval),
                Tables.<Release>column("Notes", 300, r -> r.notes().replace('\n', ' '))));
        table.setItems(vm.shown());
        table.setPlaceholder(emptyList());
        vm.shown().predicateProperty().addListener((o, was, now) -> table.setPlaceholder(emptyList()));
        vm.projectProperty().addListener((o, was, now) -> table.setPlaceholder(emptyList()));
        Tables.bindSelection(table, vm.selectedProperty());
        // The list, the snapshot and the deployments each in a pane of their own whose dividers move: at the window's first
        // size (1100×720) their least heights added up to more than the window and pushed the status line out.
        table.setMinHeight(130); // its header and two releases
        javafx.scene.control.SplitPane split = Forms.aboveBelow(table, snapshot(), 0.28);
        Node deployments = deploymentsTable();
        deployments.visibleProperty().bind(vm.selectedProperty().isNotNull());
        split.getItems().add(deployments);
        split.setDividerPositions(0.34, 0.75); // the last pane: its titles, a header and one line at 1100×720
        javafx.scene.control.SplitPane.setResizableWithParent(deployments, false);
        root.setCenter(split);
    }

    /** Said inline too, not only in a tooltip: why a remote project has no "Create release…". */
    private Label createWhy() {
        Label l = Forms.hint("");
        l.setId("create-release-why");
        l.setWrapText(true);
        l.textProperty().bind(vm.createProblemProperty());
        // Hidden while the message line says the same (after Ctrl+N), so the sentence is never shown twice.
        l.visibleProperty().bind(vm.createProblemProperty().isNotEmpty().and(vm.createProblemProperty().isNotEqualTo(vm.message().textProperty())));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** What is said of the selected imported release's acceptance (decision 0047): awaiting it, accepted or declined. */
    private Label acceptance() {
        Label l = Forms.hint("");
        l.setId("release-acceptance");
        l.getStyleClass().add(odcm.app.ui.common.Css.WARNING);
        l.setWrapText(true);
        l.textProperty().bind(vm.acceptanceProperty());
        l.visibleProperty().bind(vm.acceptanceProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private void accept() {
        vm.startAccept(model -> AcceptDialog.create(root.getScene().getWindow(), model, vm::decided).show());
    }

    private Label emptyList() {
        return Forms.emptyState("releases-empty", !vm.space().isChosen() ? "Choose a space to see its releases."
                : vm.projectProperty().get() == null ? "This space has no projects yet; create one on the Projects screen."
                : vm.all().isEmpty() ? "No releases of this project yet. Create the first with Create release (Ctrl+N)."
                : "No release matches the search.");
    }

    private Node snapshot() {
        ReleaseSnapshotView view = new ReleaseSnapshotView();
        vm.snapshotProperty().addListener((o, was, now) -> view.showPrepared(now));
        vm.packageStatusProperty().addListener((o, was, now) -> view.packageStatus(now));
        Label none = Forms.emptyState("snapshot-none", "Select a release to see its frozen snapshot.");
        none.visibleProperty().bind(vm.selectedProperty().isNull().and(javafx.beans.binding.Bindings.isNotEmpty(vm.all())));
        view.visibleProperty().bind(vm.selectedProperty().isNotNull());
        view.note("Read-only: frozen when the release was created. To change it, edit the project and create a release (or Update variables…).");
        // Scrolls rather than squeezing the snapshot's tabs to a sliver when its pane is made small (issue 16).
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(new javafx.scene.layout.StackPane(view, none));
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    /** "Packages…": the selected release's packages exported for a space (decision 0060), or a package archive imported here. */
    private Node packagesMenu() {
        javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem("_Export packages for…");
        export.setId("packages-export");
        export.setOnAction(e -> openPackages(true));
        javafx.beans.binding.StringBinding mayNotExport = mayNot(odcm.model.role.Action.PROMOTE);
        export.disableProperty().bind(vm.selectedProperty().isNull().or(mayNotExport.isNotEmpty())
                .or(javafx.beans.binding.Bindings.isEmpty(vm.targets())));
        javafx.scene.control.MenuItem importer = new javafx.scene.control.MenuItem("_Import packages…");
        importer.setId("packages-import");
        importer.setOnAction(e -> openPackages(false));
        importer.disableProperty().bind(mayNot(odcm.model.role.Action.CHANGE_PROJECTS).isNotEmpty());
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton("Pac_kages…", null, export, importer);
        menu.setId("packages-menu");
        menu.setMnemonicParsing(true);
        menu.setTooltip(new javafx.scene.control.Tooltip("Carry the selected release's packages to a space as a signed archive, or import one"));
        return menu;
    }

    private void openPackages(boolean export) {
        Release r = vm.selectedProperty().get();
        PackagesViewModel model = new PackagesViewModel(packages, vm.runner(), vm.space().name(), r == null ? null : vm.projectProperty().get(),
                r == null ? null : r.version(), vm.targets().stream().map(odcm.app.service.BundleService.Target::name).toList());
        javafx.stage.Window owner = root.getScene().getWindow();
        (export ? PackagesDialog.exporter(owner, model, files) : PackagesDialog.importer(owner, model, files)).show();
    }

    private void deploy() {
        vm.startDeploy(form -> DeployDialog.create(root.getScene().getWindow(), form, vm::deployed).show());
    }

    private javafx.scene.Node deploymentsTable() {
        TableView<odcm.model.deployment.Deployment> t = Tables.table("deployments-table");
        t.getColumns().setAll(List.of(
                Tables.<odcm.model.deployment.Deployment>fixed("Environment", 160, odcm.model.deployment.Deployment::environment),
                Tables.<odcm.model.deployment.Deployment>fixed("Outcome", 100, odcm.model.deployment.Deployment::outcome),
                Tables.<odcm.model.deployment.Deployment>fixed("When", 150, d -> Formats.minutes(d.deployedAt())),
                Tables.<odcm.model.deployment.Deployment>column("By", 160, odcm.model.deployment.Deployment::deployedBy)));
        t.setItems(vm.deployments());
        t.setPlaceholder(Forms.emptyState("deployments-empty", "Not deployed here yet: Deploy… records one."));
        t.setPrefHeight(120);
        t.setMinHeight(70);
        Label title = new Label("Deployments of the selected release");
        title.getStyleClass().add(odcm.app.ui.common.Css.SUBSECTION);
        // its approval decisions, each with what it covered and whether a new revision voided it (decision 0046)
        javafx.scene.control.ListView<String> decisions = new javafx.scene.control.ListView<>(vm.decisions());
        decisions.setId("decisions-list");
        decisions.setPlaceholder(Forms.emptyState("decisions-empty", "No decisions yet: Compare… approves or rejects."));
        decisions.setPrefHeight(120);
        decisions.setMinHeight(70);
        Label decided = new Label("Approval decisions on it");
        decided.getStyleClass().add(odcm.app.ui.common.Css.SUBSECTION);
        javafx.scene.layout.VBox left = new javafx.scene.layout.VBox(6, title, t);
        javafx.scene.layout.VBox right = new javafx.scene.layout.VBox(6, decided, decisions);
        javafx.scene.layout.HBox.setHgrow(left, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox.setHgrow(right, javafx.scene.layout.Priority.ALWAYS);
        left.setPrefWidth(500);
        right.setPrefWidth(500);
        javafx.scene.layout.VBox.setVgrow(t, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.VBox.setVgrow(decisions, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(12, left, right); // side by side: the list of releases keeps its height
        row.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return row;
    }

    private void create() {
        vm.startCreate(model -> CreateReleaseDialog.create(root.getScene().getWindow(), model, vm::created).show());
    }

    /** Asks with what changes (read on the task runner), then makes the new revision; a refusal stays in the dialog or message line. */
    private void updateVariables() {
        vm.startUpdateVariables(c -> odcm.app.ui.common.ConfirmDialog.create(root.getScene().getWindow(), vm.runner(), "update-variables",
                "Update the variables of release " + c.version(), c.question(), "Make revision " + c.revision(),
                "Making revision " + c.revision() + " of release " + c.version(), () -> vm.updateVariables(c), () -> vm.variablesUpdated(c)).show());
    }

    private void promote() {
        javafx.stage.Window owner = root.getScene().getWindow();
        vm.startPromote(java.nio.file.Path.of(System.getProperty("user.home", ".")), model ->
                odcm.app.ui.bundle.PromoteDialog.create(owner, model, files, r -> {
                    vm.promoted(r);
                    odcm.app.ui.bundle.PromoteDialog.result(owner, r).show();
                }).show());
    }

    private void compare() {
        // The window's content is made and styled on the worker; the FX thread makes the window and lays it out (0033).
        vm.startCompare().ifPresent(model -> model.runner().run("Opening the comparison", () -> new CompareView(model, files, gate),
                view -> {
                    view.show(root.getScene().getWindow());
                    view.stage().setOnHidden(e -> vm.refresh()); // its decisions show in the list's Approval column
                }, vm.message()::error));
    }

    /** Why the person may not take {@code action} in the current space (the service's sentence naming the role), or "". */
    private javafx.beans.binding.StringBinding mayNot(odcm.model.role.Action action) {
        return gate.why(p -> p.refusal(action, vm.space().name(), null), vm.space().nameProperty());
    }

    /** {@code first}, or {@code then} where {@code first} says nothing. */
    private static javafx.beans.binding.StringBinding orElse(javafx.beans.binding.StringBinding first,
            javafx.beans.value.ObservableStringValue then) {
        return javafx.beans.binding.Bindings.createStringBinding(() -> first.get().isEmpty() ? then.get() : first.get(), first, then);
    }

    public Screen screen() {
        return new Screen("Releases", root, () -> {
            gate.refresh();
            vm.refresh();
        }, this::create);
    }
}
