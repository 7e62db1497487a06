package odcm.app.ui.dashboard;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import odcm.app.service.DashboardService;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.StatusMessage;
import odcm.app.ui.task.TaskRunner;
import odcm.model.dashboard.Dashboard;

/**
 * The Dashboard screen: the current space's dashboard with its package notes (decision 0059), loaded off the FX thread (the
 * store read and the look for each package file), again whenever the space changes.
 */
public final class DashboardViewModel {
    private final DashboardService dashboards;
    private final TaskRunner runner;
    private final CurrentSpace current;
    private final ReadOnlyObjectWrapper<Dashboard> dashboard = new ReadOnlyObjectWrapper<>();
    private final StatusMessage message = new StatusMessage();

    public DashboardViewModel(DashboardService dashboards, TaskRunner runner, CurrentSpace current) {
        this.dashboards = dashboards;
        this.runner = runner;
        this.current = current;
        current.nameProperty().addListener((o, was, now) -> refresh());
    }

    public void refresh() {
        String space = current.name();
        message.clear();
        if (space.isEmpty()) {
            dashboard.set(null);
            return;
        }
        runner.run("Loading the dashboard of '" + space + "'", () -> dashboards.withPackages(space), d -> {
            if (space.equals(current.name())) {
                dashboard.set(d);
            }
        }, message::error);
    }

    public ReadOnlyObjectProperty<Dashboard> dashboardProperty() {
        return dashboard.getReadOnlyProperty();
    }

    public StatusMessage message() {
        return message;
    }
}
