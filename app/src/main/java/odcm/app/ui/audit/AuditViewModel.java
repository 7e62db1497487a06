package odcm.app.ui.audit;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.AuditService;
import odcm.app.ui.task.TaskRunner;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;

/** The audit log: entries matching the filter, verification of the hash chain, CSV export. */
public final class AuditViewModel {
    /**
     * The outcome line's state, so the view can style it ok, danger or warning: WARNING is a verification that could
     * not check everything (no master key, no head file), which is neither intact nor evidence of tampering.
     */
    public enum Outcome { NONE, OK, WARNING, PROBLEM }

    private final AuditService audit;
    private final TaskRunner runner;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Outcome> outcomeState = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    /** Typing queues one query per key; only the newest one's answer is shown. */
    private int generation;

    public AuditViewModel(AuditService audit, TaskRunner runner) {
        this.audit = audit;
        this.runner = runner;
        filter.addListener((o, was, now) -> refresh());
    }

    private AuditFilter currentFilter() {
        return new AuditFilter(filter.get(), null, null);
    }

    public void refresh() {
        int mine = ++generation;
        AuditFilter f = currentFilter();
        runner.run("Reading the audit log", () -> audit.list(f), list -> {
            if (mine == generation) {
                entries.setAll(list);
            }
        }, this::problem);
    }

    public void verify() {
        runner.run("Verifying the audit log", audit::verify, this::verified, this::problem);
    }

    private void verified(AuditVerification v) {
        outcome.set(v.sentence());
        outcomeState.set(v instanceof AuditVerification.Intact ? Outcome.OK
                : v instanceof AuditVerification.PartlyChecked ? Outcome.WARNING : Outcome.PROBLEM);
    }

    public void exportCsv(Path file) {
        AuditFilter f = currentFilter();
        runner.run("Exporting the audit log", () -> {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                audit.exportCsv(f, w);
            }
            return file;
        }, path -> {
            outcome.set("Exported " + (f.text().isBlank() ? "the audit log" : "the entries matching '" + f.text().strip() + "'")
                    + " to " + path + ".");
            outcomeState.set(Outcome.OK);
        }, this::problem);
    }

    private void problem(String sentence) {
        outcome.set(sentence);
        outcomeState.set(Outcome.PROBLEM);
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcomeStateProperty() {
        return outcomeState.getReadOnlyProperty();
    }
}
