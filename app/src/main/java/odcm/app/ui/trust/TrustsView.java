package odcm.app.ui.trust;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.space.Space;
import odcm.model.trust.Trust;

/** Trusts screen: who accepts what from whom, revocation with a reason, and a per-space summary. */
public final class TrustsView {
    private final TrustsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<Trust> table = Tables.table("trusts-table");
    private final odcm.app.ui.common.RoleGate gate;

    public TrustsView(TrustsViewModel vm, odcm.app.ui.common.RoleGate gate) {
        this.vm = vm;
        this.gate = gate;
        Button revoke = Forms.button("revoke-trust", "_Revoke…", "Revoke the selected trust, with a reason", this::revoke);
        revoke.disableProperty().bind(vm.selectedProperty().map(t -> !t.isActive()).orElse(true));
        CheckBox showRevoked = new CheckBox("Show _revoked");
        showRevoked.setId("show-revoked");
        showRevoked.setTooltip(new Tooltip("Also list trusts that were revoked, with when and why"));
        showRevoked.selectedProperty().bindBidirectional(vm.showRevokedProperty());
        ScreenHeader.place(root, "trusts-screen", ScreenHeader.create("Trusts",
                        "Nothing crosses between spaces without a trust: a local space accepts release bundles or deployment receipts from another space.",
                        gate.gate(Forms.button("add-trust", "_Add trust…", "Let a local space accept bundles or receipts from another space (Ctrl+N)", this::add),
                                new javafx.beans.property.SimpleBooleanProperty(false), p -> p.refusalInAnySpace(odcm.model.role.Action.TRUST)),
                        revoke, null, showRevoked),
                new MessageLine("trusts-message", vm.message()));

        // A row reads as its sentence: <Space> accepts <release bundles> from <From>.
        table.getColumns().setAll(List.of(
                Tables.<Trust>column("Space", 150, Trust::trusterName),
                Tables.<Trust>fixed("Accepts", 150, t -> t.kind().words()),
                Tables.<Trust>column("From", 150, Trust::trustedName),
                Tables.<Trust>fixed("Link", 120, t -> t.isConnected() ? "connected" : "disconnected"),
                Tables.<Trust>fixed("Granted", 200, t -> Formats.minutes(t.createdAt()) + " by " + t.createdBy()),
                // Why first: when the column is narrow, the reason is what a reader needs.
                Tables.<Trust>column("Revoked", 200, t -> t.isActive() ? "" : t.revokeReason() + " (" + Formats.minutes(t.revokedAt())
                        + " by " + t.revokedBy() + ")")));
        table.setItems(vm.list());
        table.setPlaceholder(Forms.emptyState("trusts-empty",
                "No trusts yet, so nothing crosses between spaces. Add one with Add trust (Ctrl+N)."));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Trust item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(Css.REVOKED), !empty && item != null && !item.isActive());
            }
        });
        Tables.bindSelection(table, vm.selectedProperty());
        Tables.onDelete(table, this::revoke);
        // The selected trust in full under the table: the Revoked column elides a long reason.
        Label detail = new Label();
        detail.setId("trust-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        detail.textProperty().bind(vm.selectedProperty().map(TrustsViewModel::detail)
                .orElse("Select a trust to see when and by whom it was granted, and why it was revoked."));
        Forms.styleWhen(detail, vm.selectedProperty().map(t -> true).orElse(false), Css.PREVIEW, Css.HINT);
        detail.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.list()));
        detail.managedProperty().bind(detail.visibleProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox top = new VBox(8, proposals(), table, detail);
        // The table gets the full width; the per-space summary sits below it.
        root.setCenter(Forms.aboveBelow(top, panel(), 0.6));
    }

    /**
     * Trusts proposed by one administrator, waiting for another (decision 0043): Confirm (disabled, saying why, for the
     * proposer and for whoever is not an administrator of the accepting space) and Decline (the proposer withdraws).
     * Shown only while there are any.
     */
    private Node proposals() {
        ListView<TrustsViewModel.Pending> list = new ListView<>(vm.proposals());
        list.setId("trust-proposals");
        list.setPrefHeight(80);
        list.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the trusts table below grows, never over the proposals
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(TrustsViewModel.Pending item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.line());
            }

            {
                // A proposal's line is long (spaces, fingerprint, who proposed it when): wrapped within the list's width.
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProposalProperty().set(now));
        vm.selectedProposalProperty().addListener((o, was, now) -> {
            if (now != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(now);
            }
        });
        var chosen = vm.selectedProposalProperty();
        Button confirm = Forms.button("confirm-trust", "C_onfirm", "Trust as proposed: the other space's certificate must still be the one"
                + " proposed", () -> { if (chosen.get() != null) vm.confirm(chosen.get()); });
        Button decline = Forms.button("decline-trust", "_Decline", "Decline the proposal (or withdraw your own); nothing is trusted",
                () -> { if (chosen.get() != null) vm.decline(chosen.get()); });
        Node confirmBox = gate.gate(confirm, chosen.isNull(), p -> java.util.Optional.ofNullable(chosen.get())
                .flatMap(x -> p.refusal(odcm.model.role.Action.TRUST, x.proposal().trusterName(), null)
                        .or(() -> java.util.Optional.of(x.refusal()).filter(w -> !w.isEmpty()))), chosen);
        Node declineBox = gate.gate(decline, chosen.isNull(), p -> java.util.Optional.ofNullable(chosen.get())
                .flatMap(x -> p.refusal(odcm.model.role.Action.TRUST, x.proposal().trusterName(), null)), chosen);
        Label title = new Label("Waiting for a second administrator");
        title.getStyleClass().add(Css.SUBSECTION);
        javafx.scene.layout.HBox head = new javafx.scene.layout.HBox(12, title, confirmBox, declineBox);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(6, head, list);
        box.setId("trust-proposals-box");
        box.getStyleClass().add(Css.DETAIL);
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.proposals()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Choose a space: what it accepts, and who accepts what from it. */
    private Node panel() {
        ComboBox<Space> space = new ComboBox<>(vm.allSpaces());
        space.setId("trust-panel-space");
        space.setConverter(TrustDialogs.spaceNames());
        space.setPromptText("Choose a space");
        space.setMaxWidth(Double.MAX_VALUE);
        space.valueProperty().bindBidirectional(vm.panelSpaceProperty());
        ListView<String> accepts = new ListView<>(vm.accepts());
        accepts.setId("trust-panel-accepts");
        accepts.setPlaceholder(Forms.hint("Nothing."));
        ListView<String> acceptedBy = new ListView<>(vm.acceptedBy());
        acceptedBy.setId("trust-panel-accepted-by");
        acceptedBy.setPlaceholder(Forms.hint("Nobody."));
        VBox.setVgrow(accepts, Priority.ALWAYS);
        VBox.setVgrow(acceptedBy, Priority.ALWAYS);
        Label title = new Label("Trusts of one space");
        title.getStyleClass().add(Css.SECTION_TITLE);
        Label a = new Label("It accepts…");
        a.getStyleClass().add(Css.FIELD_NAME);
        Label b = new Label("Accepted by…");
        b.getStyleClass().add(Css.FIELD_NAME);
        space.setMaxWidth(360);
        VBox left = new VBox(6, a, accepts);
        VBox right = new VBox(6, b, acceptedBy);
        javafx.scene.layout.HBox lists = new javafx.scene.layout.HBox(16, left, right);
        javafx.scene.layout.HBox.setHgrow(left, Priority.ALWAYS);
        javafx.scene.layout.HBox.setHgrow(right, Priority.ALWAYS);
        VBox.setVgrow(lists, Priority.ALWAYS);
        javafx.scene.layout.HBox head = new javafx.scene.layout.HBox(16, title, space);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(10, head, lists);
        box.getStyleClass().add(Css.DETAIL);
        return box;
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void add() {
        if (gate.refusal(p -> p.refusalInAnySpace(odcm.model.role.Action.TRUST)).map(why -> { vm.message().error(why); return true; }).orElse(false)) {
            return; // Ctrl+N on a disabled Add trust…
        }
        TrustDialogs.add(window(), vm.add(), added -> vm.changed("Added the trust " + added.sentence() + "."),
                proposed -> vm.changed(proposed.sentence())).show();
    }

    private void revoke() {
        Trust t = vm.selectedProperty().get();
        if (t != null && t.isActive()) {
            TrustDialogs.revoke(window(), vm.revoke(t), revoked -> vm.changed("Revoked the trust " + revoked.sentence() + ".")).show();
        }
    }

    public Screen screen() {
        return new Screen("Trusts", root, () -> {
            gate.refresh();
            vm.refresh();
        }, this::add);
    }
}
