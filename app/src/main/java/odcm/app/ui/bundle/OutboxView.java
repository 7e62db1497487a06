package odcm.app.ui.bundle;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import odcm.app.service.BundleService;
import odcm.app.service.ReceiptService;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.app.ui.receipt.ReceiptDialogs;
import odcm.app.ui.receipt.ReceiptsViewModel;
import odcm.app.ui.task.TaskRunner;
import odcm.model.cert.Fingerprint;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;

/** Outbox screen: the release bundles this space wrote, and "Verify bundle…" for any bundle file. */
public final class OutboxView {
    private final OutboxViewModel vm;
    private final BundleService bundles;
    private final ReceiptService receipts;
    private final TaskRunner runner;
    private final FilePicker files;
    private final BorderPane root = new BorderPane();
    private final TableView<OutboxEntry> table = Tables.table("outbox-table");

    public OutboxView(OutboxViewModel vm, BundleService bundles, ReceiptService receipts, TaskRunner runner, FilePicker files) {
        this.vm = vm;
        this.bundles = bundles;
        this.receipts = receipts;
        this.runner = runner;
        this.files = files;
        Button verify = Forms.button("verify-bundle", "_Verify bundle…", "Check a bundle file as this space sees it (Ctrl+Shift+V)", this::verify);
        verify.disableProperty().bind(vm.space().nameProperty().isEmpty());
        Button receipt = Forms.button("create-receipt", "Create _receipt…",
                "Report how the releases that came from another space went here, as a signed file for that space", this::createReceipt);
        receipt.disableProperty().bind(vm.space().nameProperty().isEmpty());
        ScreenHeader.place(root, "outbox-screen", ScreenHeader.create("Outbox",
                "Release bundles this space wrote, with the fingerprint to read out to the importer. Promote a release from the Releases screen.",
                verify, receipt), new MessageLine("outbox-message", vm.message()));
        table.getColumns().setAll(List.of(
                Tables.<OutboxEntry>column("Project", 130, OutboxEntry::project),
                Tables.<OutboxEntry>fixed("Version", 80, OutboxEntry::version),
                Tables.<OutboxEntry>column("Target", 130, OutboxEntry::targetName),
                Tables.<OutboxEntry>fixed("#", 40, e -> String.valueOf(e.sequence())),
                Tables.<OutboxEntry>fixed("Created", 145, e -> Formats.minutes(e.created())),
                Tables.marked("Expires", 190, e -> (vm.expired(e) ? "expired " : "") + Formats.minutes(e.expires()), vm::expired,
                        Css.CERTIFICATE_INVALID),
                Tables.<OutboxEntry>column("File", 220, e -> e.deliveredDirectly() ? "(delivered directly)" : e.fileName()),
                Tables.<OutboxEntry>column("SHA-256 of the file", 300, e -> new Fingerprint(e.fileSha256()).grouped())));
        table.setItems(vm.entries());
        Label empty = Forms.emptyState("outbox-empty", "No bundles yet. Select a release on the Releases screen and choose "
                + "Promote to space… to write the first.");
        table.setPlaceholder(empty);
        // The selected bundle's whole fingerprint, to read out; the table cell has room for the start only.
        odcm.app.ui.common.FingerprintView fingerprint = new odcm.app.ui.common.FingerprintView("outbox-fingerprint");
        Label which = Forms.hint("");
        which.setId("outbox-selected");
        VBox detail = new VBox(6, which, fingerprint);
        detail.getStyleClass().add(Css.DETAIL);
        detail.setPadding(new javafx.geometry.Insets(10, 0, 0, 0));
        detail.visibleProperty().bind(table.getSelectionModel().selectedItemProperty().isNotNull());
        detail.managedProperty().bind(detail.visibleProperty());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, e) -> {
            fingerprint.show(e == null ? null : new Fingerprint(e.fileSha256()));
            which.setText(e == null ? "" : "SHA-256 of the bundle of " + e.project() + " " + e.version() + " for '" + e.targetName() + "'"
                    + (e.deliveredDirectly() ? " (delivered directly)" : ", " + e.fileName()) + ":");
        });
        root.setCenter(table);
        root.setBottom(detail);
    }

    /** Opens "Verify bundle…" as the current space. */
    public void verify() {
        if (!vm.space().isChosen()) {
            vm.message().error("Choose a local space first: a bundle is checked as a space of this console sees it.");
            return;
        }
        VerifyBundleDialog.create(root.getScene().getWindow(), new VerifyBundleViewModel(bundles, runner, vm.space().name()), files).show();
    }

    /** Opens "Create receipt…" as the current space. */
    public void createReceipt() {
        if (!vm.space().isChosen()) {
            vm.message().error("Choose a local space first: a receipt is written by the space where the releases were deployed.");
            return;
        }
        ReceiptsViewModel model = new ReceiptsViewModel(receipts, runner, vm.space().name());
        javafx.scene.control.Dialog<?> d = ReceiptDialogs.create(root.getScene().getWindow(), model, files);
        model.loadSources();
        d.show();
    }

    public Screen screen() {
        return new Screen("Outbox", root, vm::refresh);
    }
}
