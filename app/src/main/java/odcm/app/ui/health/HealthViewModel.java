package odcm.app.ui.health;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.HealthService;
import odcm.app.service.HealthService.Finding;
import odcm.app.service.HealthService.Report;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;

/**
 * What expires within N days, or has, in every space of the store (decision 0055): checked on the worker, for the status
 * bar's count and the Expiry dialog's table. N starts at {@link HealthService#DEFAULT_DAYS}; changing it checks again.
 */
public final class HealthViewModel {
    private final HealthService health;
    private final TaskRunner runner;
    private final IntegerProperty days = new SimpleIntegerProperty(HealthService.DEFAULT_DAYS);
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Report> report = new ReadOnlyObjectWrapper<>();
    private final StatusMessage message = new StatusMessage();

    public HealthViewModel(HealthService health, TaskRunner runner) {
        this.health = health;
        this.runner = runner;
        days.addListener((o, was, now) -> refresh());
    }

    /** Checks again, on the worker; a result for another N than the one now asked for is dropped. */
    public void refresh() {
        int d = days.get();
        runner.run("Checking what expires within " + d + " days", () -> health.check(null, d), r -> {
            if (r.days() == days.get()) {
                message.clear();
                findings.setAll(r.findings());
                report.set(r);
            }
        }, message::error);
    }

    public IntegerProperty daysProperty() {
        return days;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    /** The last check; null until the first one is done. */
    public ReadOnlyObjectProperty<Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public StatusMessage message() {
        return message;
    }
}
