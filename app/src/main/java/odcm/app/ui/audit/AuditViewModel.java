package odcm.app.ui.audit;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.io.UserFiles;
import odcm.app.service.AuditService;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;

/** The audit log: entries matching the filter, verification of the hash chain, CSV export. */
public final class AuditViewModel {
    private final AuditService audit;
    private final TaskRunner runner;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    /** Only this person's entries (exactly the name recorded); blank for everyone's. */
    private final StringProperty person = new SimpleStringProperty("");
    /** The outcome of the last verification or export; an error when the chain is broken or a step failed. */
    private final StatusMessage outcome = new StatusMessage();
    /** The export under way, with its progress and Cancel; null when none. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<odcm.app.ui.task.TaskProgress> running =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    /** Typing queues one query per key; only the newest one's answer is shown. */
    private int generation;

    public AuditViewModel(AuditService audit, TaskRunner runner) {
        this.audit = audit;
        this.runner = runner;
        filter.addListener((o, was, now) -> refresh());
        person.addListener((o, was, now) -> refresh());
    }

    private AuditFilter currentFilter() {
        String who = person.get() == null ? "" : person.get().strip();
        return new AuditFilter(filter.get(), null, null, who.isEmpty() ? null : who);
    }

    public void refresh() {
        int mine = ++generation;
        AuditFilter f = currentFilter();
        runner.run("Reading the audit log", () -> audit.list(f), list -> {
            if (mine == generation) {
                entries.setAll(list);
            }
        }, outcome::error);
    }

    public void verify() {
        runner.run("Verifying the audit log", audit::verify, this::verified, outcome::error);
    }

    private void verified(AuditVerification v) {
        if (v.isIntact()) {
            outcome.info(v.sentence());
        } else if (v instanceof AuditVerification.PartlyChecked) {
            outcome.warning(v.sentence());
        } else {
            outcome.error(v.sentence());
        }
    }

    public void exportCsv(Path file) {
        AuditFilter f = currentFilter();
        odcm.app.ui.task.TaskProgress progress = runner.progress();
        running.set(progress);
        runner.run("Exporting the audit log", () -> {
            // Into a temporary file moved in place when complete: a failed or cancelled export leaves no half a log behind.
            UserFiles.write(file, out -> {
                Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                audit.exportCsv(f, w, progress);
                w.flush();
            });
            return file;
        }, path -> {
            running.set(null);
            exported(f, path);
        }, sentence -> {
            running.set(null);
            outcome.error(sentence);
        });
    }

    private void exported(AuditFilter f, Path path) {
        outcome.info("Exported " + (f.text().isBlank() && f.person() == null ? "the audit log" : "the entries"
                + (f.text().isBlank() ? "" : " matching '" + f.text().strip() + "'") + (f.person() == null ? "" : " by " + f.person()))
                + " to " + path + ".");
    }

    /** The export under way (its progress and Cancel), null when none. */
    public javafx.beans.property.ReadOnlyObjectProperty<odcm.app.ui.task.TaskProgress> runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StringProperty personProperty() {
        return person;
    }

    public StatusMessage outcome() {
        return outcome;
    }
}
