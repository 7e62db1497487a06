package odcm.app.ui.trust;

import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FormDialog;
import odcm.app.ui.common.Forms;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;

/** Add trust and Revoke trust dialogs; they bind to their view models. */
public final class TrustDialogs {
    private TrustDialogs() {
    }

    static StringConverter<Space> spaceNames() {
        return new StringConverter<>() {
            @Override
            public String toString(Space s) {
                return s == null ? "" : s.name() + (s.isLocal() ? "" : "  (remote)");
            }

            @Override
            public Space fromString(String text) {
                return null;
            }
        };
    }

    /** {@code onProposed}: where the space needs a second administrator, a proposal was made instead (decision 0043). */
    public static FormDialog add(Window owner, AddTrustViewModel vm, Consumer<Trust> onAdded,
                                 Consumer<odcm.app.service.TrustService.Added> onProposed) {
        ComboBox<Space> truster = new ComboBox<>(vm.trusters());
        truster.setId("add-trust-truster");
        truster.setConverter(spaceNames());
        truster.setPromptText("Local space");
        truster.setMaxWidth(Double.MAX_VALUE);
        truster.valueProperty().bindBidirectional(vm.trusterProperty());
        ComboBox<TrustKind> kind = new ComboBox<>();
        kind.setId("add-trust-kind");
        kind.getItems().setAll(TrustKind.values());
        kind.setMaxWidth(Double.MAX_VALUE);
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        ComboBox<Space> trusted = new ComboBox<>(vm.trustedOptions());
        trusted.setId("add-trust-trusted");
        trusted.setConverter(spaceNames());
        trusted.setPromptText("Any other space");
        trusted.setMaxWidth(Double.MAX_VALUE);
        trusted.valueProperty().bindBidirectional(vm.trustedProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Space", truster);
        Forms.row(grid, "_Accepts", kind);
        Forms.row(grid, "_From", trusted);
        Label preview = new Label();
        preview.setId("add-trust-preview");
        preview.getStyleClass().add(Css.PREVIEW);
        preview.setWrapText(true);
        preview.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        preview.setMaxWidth(Double.MAX_VALUE);
        preview.textProperty().bind(vm.previewProperty());
        VBox content = new VBox(12, grid, preview);
        FormDialog dialog = new FormDialog(owner, "add-trust", "Add trust", "Add trust", content, vm.validProperty().not(), vm.form(),
                close -> vm.submit(added -> {
                    close.run();
                    onAdded.accept(added);
                }, proposed -> {
                    close.run();
                    onProposed.accept(proposed);
                }));
        vm.previewProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> truster.requestFocus());
        return dialog;
    }

    public static FormDialog revoke(Window owner, RevokeTrustViewModel vm, Consumer<Trust> onRevoked) {
        Label what = new Label("Revoke the trust " + vm.trust().sentence() + "? From now on nothing of this kind crosses on it.");
        what.setId("revoke-trust-what");
        what.setWrapText(true);
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextArea reason = new TextArea();
        reason.setId("revoke-trust-reason");
        reason.setPromptText("Why is the trust revoked? The reason goes into the audit log.");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.textProperty().bindBidirectional(vm.reasonProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "_Reason", reason);
        // "Give a reason" is a hint while nothing was typed; a reason that cannot be used is an error.
        Label problem = Forms.problem("revoke-trust-problem", vm.problemProperty(), Css.HINT);
        Forms.styleWhen(problem, vm.reasonProperty().map(r -> !r.isBlank()).orElse(false), Css.ERROR, Css.HINT);
        VBox content = new VBox(12, what, grid, problem);
        FormDialog dialog = new FormDialog(owner, "revoke-trust", "Revoke trust", "Revoke", content, vm.validProperty().not(), vm.form(),
                close -> vm.submit(revoked -> {
                    close.run();
                    onRevoked.accept(revoked);
                }));
        vm.problemProperty().addListener((o, was, now) -> dialog.fit());
        dialog.dialog().setOnShown(e -> reason.requestFocus());
        return dialog;
    }
}
