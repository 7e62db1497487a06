package odcm.app.ui.bundle;

import java.time.Instant;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.BundleService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;

/** The bundles the current space wrote, newest first. */
public final class OutboxViewModel {
    private final BundleService bundles;
    private final TaskRunner runner;
    private final CurrentSpace space;
    private final ObservableList<OutboxEntry> entries = FXCollections.observableArrayList();
    private final StatusMessage message = new StatusMessage();
    private Instant now = Instant.now();

    public OutboxViewModel(BundleService bundles, TaskRunner runner, CurrentSpace space) {
        this.bundles = bundles;
        this.runner = runner;
        this.space = space;
        space.nameProperty().addListener((o, was, is) -> refresh());
    }

    public void refresh() {
        if (!space.isChosen()) {
            entries.clear();
            return;
        }
        String s = space.name();
        runner.run("Loading the Outbox of '" + s + "'", () -> bundles.outbox(s), loaded -> {
            if (s.equals(space.name())) {
                now = Instant.now();
                entries.setAll(loaded);
            }
        }, message::error);
    }

    public boolean expired(OutboxEntry e) {
        return !now.isBefore(e.expires());
    }

    public ObservableList<OutboxEntry> entries() {
        return entries;
    }

    public StatusMessage message() {
        return message;
    }

    public CurrentSpace space() {
        return space;
    }

}
