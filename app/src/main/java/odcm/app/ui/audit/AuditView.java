package odcm.app.ui.audit;

import java.util.List;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Formats;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.MessageLine;
import odcm.app.ui.common.Screen;
import odcm.app.ui.common.ScreenHeader;
import odcm.app.ui.common.Tables;
import odcm.model.audit.AuditEntry;

/** Audit log screen: every change, newest first; verification of the chain; CSV export. */
public final class AuditView {
    private final AuditViewModel vm;
    private final FilePicker files;
    private final BorderPane root = new BorderPane();

    public AuditView(AuditViewModel vm, FilePicker files) {
        this.vm = vm;
        this.files = files;
        TextField filter = new TextField();
        filter.setId("audit-filter");
        filter.setPromptText("Filter by action, subject, detail or person");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        TextField person = new TextField();
        person.setId("audit-person");
        person.setPromptText("Person (exact name)");
        person.setPrefColumnCount(13); // its prompt whole at the window's first size
        person.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        person.textProperty().bindBidirectional(vm.personProperty());
        MessageLine outcome = new MessageLine("audit-outcome", vm.outcome());
        ScreenHeader.place(root, "audit-screen", ScreenHeader.create("Audit log",
                        "Every change made in this console, newest first. Each entry is chained to the one before it and sealed with this store's master key, so tampering shows.",
                        Forms.button("verify-audit", "_Verify", "Check that no entry was changed, removed or reordered", vm::verify),
                        Forms.button("export-audit", "_Export CSV…", "Save the entries shown as a CSV file", this::export),
                        null, new javafx.scene.layout.HBox(8, person, filter)),
                outcome);

        TableView<AuditEntry> table = Tables.table("audit-table");
        table.getColumns().setAll(List.of(
                Tables.<AuditEntry>fixed("#", 48, e -> Long.toString(e.seq())),
                Tables.<AuditEntry>fixed("Time", 178, e -> Formats.dateTime(e.at())),
                Tables.<AuditEntry>fixed("Person", 80, AuditEntry::person),
                Tables.<AuditEntry>fixed("Action", 150, AuditEntry::action),
                Tables.<AuditEntry>column("Subject", 260, AuditEntry::subject),
                Tables.<AuditEntry>column("Detail", 300, AuditEntry::detail)));
        table.setItems(vm.entries());
        table.setPlaceholder(Forms.emptyState("audit-empty", "No entries. Every change made in this console is recorded here."));
        // The selected entry in full: subjects and details are sentences, too long for a cell.
        javafx.scene.control.Label entry = new javafx.scene.control.Label();
        entry.setId("audit-entry");
        entry.setWrapText(true);
        entry.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        entry.getStyleClass().add(odcm.app.ui.common.Css.PREVIEW);
        entry.setMaxWidth(Double.MAX_VALUE);
        entry.textProperty().bind(table.getSelectionModel().selectedItemProperty().map(e -> "#" + e.seq() + "  "
                + Formats.dateTime(e.at()) + "  " + e.osUser() + "  " + e.action() + "\n" + e.subject() + "\n" + e.detail())
                .orElse("Select an entry to read it in full."));
        VBox center = new VBox(8, table, entry);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        root.setCenter(center);
        odcm.app.ui.common.ProgressDialog.follow(vm.runningProperty(), () -> root.getScene() == null ? null : root.getScene().getWindow(),
                "Exporting the audit log");
    }

    private void export() {
        files.save(root.getScene().getWindow(), "Export the audit log", "odcm-audit.csv",
                List.of(new ExtensionFilter("CSV file (*.csv)", "*.csv"))).ifPresent(vm::exportCsv);
    }

    public Screen screen() {
        return new Screen("Audit log", root, vm::refresh);
    }
}
