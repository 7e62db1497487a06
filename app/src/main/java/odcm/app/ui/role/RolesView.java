package odcm.app.ui.role;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;

/** People & roles screen: who holds which role in which local space; Grant… and Revoke… for administrators (decision 0041). */
public final class RolesView {
    private final RolesViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<RoleGrant> table = Tables.table("roles-table");

    public RolesView(RolesViewModel vm) {
        this.vm = vm;
        Button grant = Forms.button("grant-role", "_Grant…", "Grant a role in a local space to a person or a group (Ctrl+N)", this::grant);
        Node grantBox = vm.gate().gate(grant, new javafx.beans.property.SimpleBooleanProperty(false),
                p -> vm.refusal(null));
        Button revoke = Forms.button("revoke-role", "_Revoke…", "Revoke the selected grant (Delete)", this::revoke);
        Node revokeBox = vm.gate().gate(revoke, vm.selectedProperty().isNull(),
                p -> Optional.ofNullable(vm.selectedProperty().get()).flatMap(g -> vm.refusal(g.spaceName())), vm.selectedProperty());
        ComboBox<String> space = new ComboBox<>(vm.spaceChoices());
        space.setId("roles-space");
        space.valueProperty().bindBidirectional(vm.spaceProperty());
        space.setTooltip(new javafx.scene.control.Tooltip("Show the roles of one local space, or of all"));
        Label spaceLabel = new Label("_Space");
        spaceLabel.setMnemonicParsing(true);
        spaceLabel.setLabelFor(space);
        Label who = Forms.hint("");
        who.setId("roles-who");
        who.setWrapText(true);
        who.textProperty().bind(vm.whoProperty());
        ScreenHeader.place(root, "roles-screen", ScreenHeader.create("People & roles",
                        "Who may do what in each local space: roles granted to people (their login on a team store) or to groups (its database roles).",
                        grantBox, revokeBox, null, spaceLabel, space),
                new VBox(4, who, new MessageLine("roles-message", vm.message())));

        table.getColumns().setAll(List.of(
                Tables.<RoleGrant>column("Space", 150, RoleGrant::spaceName),
                Tables.<RoleGrant>fixed("Role", 150, g -> g.role().words()),
                Tables.<RoleGrant>fixed("Environment", 150, g -> g.role() != Role.DEPLOYER ? "" : g.environment() == null ? "every environment" : g.environment()),
                Tables.<RoleGrant>column("Held by", 220, g -> g.grantee().group() ? "group " + g.grantee().name() : g.grantee().name()),
                Tables.<RoleGrant>column("Granted", 200, g -> Formats.minutes(g.grantedAt()) + " by " + g.grantedBy())));
        table.setItems(vm.shown());
        table.setPlaceholder(Forms.emptyState("roles-empty",
                "No roles granted here. The maker of a space holds its roles; an administrator grants them with Grant… (Ctrl+N)."));
        Tables.bindSelection(table, vm.selectedProperty());
        Tables.onDelete(table, this::revoke);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setCenter(new VBox(10, table, duties(), legend()));
    }

    /**
     * The separation of duties of the space chosen (decision 0043), and Duties… for its administrator: whether an approver may
     * not approve a release they made, how many distinct approvals, whether a trust needs a second administrator.
     */
    private Node duties() {
        Label text = new Label();
        text.setId("duties-text");
        text.setWrapText(true);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        text.textProperty().bind(Bindings.createStringBinding(() -> vm.dutiesProperty().get() == null
                ? "Choose one local space above to see and change its separation of duties."
                : "Separation of duties in '" + vm.spaceProperty().get() + "': " + vm.dutiesProperty().get().sentence() + ".",
                vm.dutiesProperty(), vm.spaceProperty()));
        Button edit = Forms.button("duties-edit", "D_uties…", "Change the separation of duties of this space", this::editDuties);
        Node editBox = vm.gate().gate(edit, vm.dutiesProperty().isNull(), p -> vm.dutiesRefusal(), vm.spaceProperty());
        Label title = new Label("Separation of duties");
        title.getStyleClass().add(Css.SUBSECTION);
        HBox head = new HBox(12, title, editBox);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(6, head, text, pendingDuties(), gates(), acceptance());
        box.setId("duties-box");
        box.getStyleClass().add(Css.DETAIL);
        return box;
    }

    /** Acceptance before import (decision 0047): whether the space chosen requires it, and its administrator's switch. */
    private Node acceptance() {
        var required = vm.acceptanceRequiredProperty();
        Label text = new Label();
        text.setId("acceptance-text");
        text.setWrapText(true);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        text.textProperty().bind(Bindings.createStringBinding(() -> required.get() == null ? "" : "'" + vm.spaceProperty().get() + "' "
                + (required.get() ? "requires" : "does not require") + " an imported release to be accepted by an approver, after reviewing"
                + " its changes against the previous import, before any deployment of it there.", required, vm.spaceProperty()));
        Button toggle = Forms.button("acceptance-toggle", "", "Change whether imported releases are accepted before deployment here",
                vm::toggleAcceptance);
        toggle.textProperty().bind(Bindings.when(Bindings.equal(Boolean.TRUE, required)).then("Stop requiring acceptance")
                .otherwise("Require acceptance of imports"));
        Node toggleBox = vm.gate().gate(toggle, required.isNull(), p -> vm.acceptanceRefusal(), vm.spaceProperty());
        HBox line = new HBox(12, text, toggleBox);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        line.visibleProperty().bind(required.isNotNull());
        line.managedProperty().bind(line.visibleProperty());
        return line;
    }

    /**
     * A loosening of the rules waiting for a second administrator (decision 0043), as the Trusts screen shows trust proposals:
     * Confirm (disabled, saying why, for its proposer and for whoever is not the space's administrator) and Decline (its
     * proposer withdraws). Shown only while there is one.
     */
    private Node pendingDuties() {
        var pending = vm.pendingDutiesProperty();
        Label line = new Label();
        line.setId("duties-proposal");
        line.setWrapText(true);
        line.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        line.textProperty().bind(Bindings.createStringBinding(() -> pending.get() == null ? "" : pending.get().line(), pending));
        Button confirm = Forms.button("duties-confirm", "C_onfirm", "Apply the proposed rules: you are the second administrator",
                () -> { if (pending.get() != null) vm.confirmDuties(pending.get()); });
        Button decline = Forms.button("duties-decline", "Dec_line", "Decline the proposal (or withdraw your own); the rules stay",
                () -> { if (pending.get() != null) vm.declineDuties(pending.get()); });
        Node confirmBox = vm.gate().gate(confirm, pending.isNull(), p -> Optional.ofNullable(pending.get())
                .flatMap(x -> p.refusal(odcm.model.role.Action.SET_DUTIES, x.proposal().spaceName(), null)
                        .or(() -> Optional.of(x.refusal()).filter(w -> !w.isEmpty()))), pending);
        Node declineBox = vm.gate().gate(decline, pending.isNull(), p -> Optional.ofNullable(pending.get())
                .flatMap(x -> p.refusal(odcm.model.role.Action.SET_DUTIES, x.proposal().spaceName(), null)), pending);
        HBox buttons = new HBox(12, confirmBox, declineBox);
        VBox box = new VBox(6, line, buttons);
        box.setId("duties-proposal-box");
        box.visibleProperty().bind(pending.isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** The approval gates of the space chosen (decision 0046) and Approval gates… for its administrator. */
    private Node gates() {
        Label line = new Label();
        line.setId("gates-text");
        line.setWrapText(true);
        line.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        line.textProperty().bind(Bindings.createStringBinding(() -> vm.gatesProperty().get() == null ? "" : vm.gatesProperty().get().line(),
                vm.gatesProperty()));
        Button edit = Forms.button("gates-edit", "Approval _gates…", "Choose the environments where a release needs approval before its"
                + " first deployment, and how many approvals", this::editGates);
        Node editBox = vm.gate().gate(edit, vm.gatesProperty().isNull(), p -> vm.gatesRefusal(), vm.spaceProperty());
        HBox box = new HBox(12, line, editBox);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.visibleProperty().bind(vm.gatesProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void editGates() {
        RolesViewModel.Gates g = vm.gatesProperty().get();
        if (g == null || vm.gatesRefusal().isPresent()) {
            vm.gatesRefusal().ifPresent(vm.message()::error);
            return;
        }
        javafx.scene.control.CheckBox every = new javafx.scene.control.CheckBox("_Every environment, also ones added later");
        every.setId("gates-every");
        every.setSelected(g.gates().every());
        VBox each = new VBox(6);
        each.setId("gates-environments");
        List<javafx.scene.control.CheckBox> boxes = new java.util.ArrayList<>();
        for (String e : g.environments()) {
            javafx.scene.control.CheckBox b = new javafx.scene.control.CheckBox(e);
            b.setMnemonicParsing(false);
            b.setUserData(e);
            b.setSelected(g.gates().environments().contains(e));
            b.disableProperty().bind(every.selectedProperty());
            boxes.add(b);
            each.getChildren().add(b);
        }
        if (boxes.isEmpty()) {
            each.getChildren().add(Forms.hint("This space has no environments yet: add them on the Environments screen."));
        }
        javafx.scene.control.Spinner<Integer> approvals = new javafx.scene.control.Spinner<>(1, odcm.model.role.Duties.MAX_APPROVALS, g.gates().approvals());
        approvals.setId("gates-approvals");
        approvals.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label approvalsLabel = new Label("Distinct _approvals a gate needs (as in Duties…)");
        approvalsLabel.setMnemonicParsing(true);
        approvalsLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        approvalsLabel.setMaxHeight(Double.MAX_VALUE);
        approvalsLabel.setLabelFor(approvals);
        Label what = Forms.hint("A release needs approval before its first deployment to each environment chosen; an approval covers the"
                + " revision approved, and a new revision needs its own. A rejection stops deployments everywhere until a later approval.");
        what.setWrapText(true);
        FormState form = new FormState(vm.runner());
        FormDialog dialog = new FormDialog(window(), "gates", "Approval gates in '" + vm.spaceProperty().get() + "'", "Save",
                new VBox(12, what, every, each, new HBox(12, approvalsLabel, approvals)), new javafx.beans.property.SimpleBooleanProperty(false), form,
                close -> vm.saveGates(form, every.isSelected(), boxes.stream().filter(javafx.scene.control.CheckBox::isSelected)
                        .map(b -> (String) b.getUserData()).toList(), approvals.getValue(), close));
        dialog.show();
    }

    private void editDuties() {
        odcm.model.role.Duties d = vm.dutiesProperty().get();
        if (d == null || vm.dutiesRefusal().isPresent()) {
            vm.dutiesRefusal().ifPresent(vm.message()::error);
            return;
        }
        javafx.scene.control.CheckBox notMaker = new javafx.scene.control.CheckBox("An approver may not approve a release they _created or imported");
        notMaker.setId("duties-approver-not-maker");
        notMaker.setSelected(d.approverNotMaker());
        javafx.scene.control.Spinner<Integer> approvals = new javafx.scene.control.Spinner<>(1, odcm.model.role.Duties.MAX_APPROVALS, d.approvals());
        approvals.setId("duties-approvals");
        javafx.scene.control.CheckBox twoAdmin = new javafx.scene.control.CheckBox("A trust needs a _second administrator to confirm it");
        twoAdmin.setId("duties-two-admin-trust");
        twoAdmin.setSelected(d.twoAdminTrust());
        Label approvalsLabel = new Label("Distinct _approvals needed (at each approval gate)");
        approvalsLabel.setMnemonicParsing(true);
        approvalsLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        approvalsLabel.setMaxHeight(Double.MAX_VALUE);
        approvalsLabel.setLabelFor(approvals);
        FormState form = new FormState(vm.runner());
        FormDialog dialog = new FormDialog(window(), "duties", "Separation of duties in '" + vm.spaceProperty().get() + "'", "Save",
                new VBox(12, notMaker, new HBox(12, approvalsLabel, approvals), twoAdmin), new javafx.beans.property.SimpleBooleanProperty(false), form,
                close -> vm.saveDuties(form, new odcm.model.role.Duties(notMaker.isSelected(), approvals.getValue(), twoAdmin.isSelected()), close));
        dialog.show();
    }

    /** What each role permits, always in sight: the words a grant's reader needs. */
    private static Node legend() {
        GridPane grid = new GridPane();
        grid.setId("roles-legend");
        grid.setHgap(16);
        grid.setVgap(2);
        for (Role r : Role.values()) {
            Label name = new Label(r.words());
            name.getStyleClass().add(Css.FIELD_NAME);
            Label permits = new Label(r.permits());
            permits.setWrapText(true);
            grid.addRow(grid.getRowCount(), name, permits);
        }
        Label title = new Label("What each role permits");
        title.getStyleClass().add(Css.SUBSECTION);
        VBox box = new VBox(6, title, grid);
        box.getStyleClass().add(Css.DETAIL);
        return box;
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void grant() {
        Optional<String> refused = vm.refusal(null);
        if (refused.isPresent()) {
            vm.message().error(refused.get()); // Ctrl+N on a disabled Grant…
            return;
        }
        grantDialog(window(), vm.grant(), g -> vm.changed("Granted: " + g.sentence() + ".")).show();
    }

    private void revoke() {
        RoleGrant g = vm.selectedProperty().get();
        if (g == null) {
            return;
        }
        Optional<String> refused = vm.refusal(g.spaceName());
        if (refused.isPresent()) {
            vm.message().error(refused.get());
            return;
        }
        Label what = new Label("Revoke: " + g.sentence() + "? The grant goes; the audit log keeps who had it.");
        what.setId("revoke-role-what");
        what.setWrapText(true);
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        FormState form = new FormState(vm.runner());
        FormDialog dialog = new FormDialog(window(), "revoke-role", "Revoke role", "Revoke", new VBox(12, what),
                new javafx.beans.property.SimpleBooleanProperty(false), form, close -> vm.revoke(form, g, revoked -> {
                    close.run();
                    vm.changed("Revoked: " + revoked.sentence() + " no longer.");
                }));
        dialog.show();
    }

    static FormDialog grantDialog(Window owner, GrantRoleViewModel vm, Consumer<RoleGrant> onGranted) {
        ComboBox<String> space = new ComboBox<>(vm.spaces());
        space.setId("grant-role-space");
        space.setPromptText("Local space");
        space.setMaxWidth(Double.MAX_VALUE);
        space.valueProperty().bindBidirectional(vm.spaceProperty());
        ComboBox<Role> role = new ComboBox<>();
        role.setId("grant-role-role");
        role.getItems().setAll(Role.values());
        role.setPromptText("Role");
        role.setMaxWidth(Double.MAX_VALUE);
        role.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : r.words();
            }

            @Override
            public Role fromString(String text) {
                return null;
            }
        });
        role.valueProperty().bindBidirectional(vm.roleProperty());
        ComboBox<String> environment = new ComboBox<>(vm.environmentChoices());
        environment.setId("grant-role-environment");
        environment.setMaxWidth(Double.MAX_VALUE);
        environment.valueProperty().bindBidirectional(vm.environmentProperty());
        environment.disableProperty().bind(vm.roleProperty().isNotEqualTo(Role.DEPLOYER));
        ToggleGroup kind = new ToggleGroup();
        RadioButton person = new RadioButton("_Person");
        person.setId("grant-role-person");
        person.setToggleGroup(kind);
        RadioButton group = new RadioButton("Gr_oup");
        group.setId("grant-role-group");
        group.setToggleGroup(kind);
        person.setSelected(!vm.groupProperty().get());
        group.setSelected(vm.groupProperty().get());
        group.selectedProperty().addListener((o, was, now) -> vm.groupProperty().set(now));
        TextField name = new TextField();
        name.setId("grant-role-name");
        name.setPromptText("A login, or a group's database role");
        name.textProperty().bindBidirectional(vm.granteeProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Space", space);
        Forms.row(grid, "_Role", role);
        Forms.row(grid, "_Environment", environment);
        Forms.row(grid, "Held by", new HBox(16, person, group));
        Forms.row(grid, "_Name", name);
        Label preview = new Label();
        preview.setId("grant-role-preview");
        preview.getStyleClass().add(Css.PREVIEW);
        preview.setWrapText(true);
        preview.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        preview.setMaxWidth(Double.MAX_VALUE);
        preview.textProperty().bind(vm.previewProperty());
        FormDialog dialog = new FormDialog(owner, "grant-role", "Grant role", "Grant", new VBox(12, grid, preview), vm.validProperty().not(), vm.form(),
                close -> vm.submit(granted -> {
                    close.run();
                    onGranted.accept(granted);
                }));
        vm.previewProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> (vm.spaceProperty().get() == null ? space : role).requestFocus());
        return dialog;
    }

    public Screen screen() {
        return new Screen("People & roles", root, vm::refresh, this::grant);
    }
}
