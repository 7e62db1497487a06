package odcm.app.ui.release;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import odcm.app.service.AcceptanceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.release.ImportAcceptance;

/**
 * "Accept…" of an imported release (decision 0047): its review — the diff against the previous import of its project, read
 * and made on the task runner before the dialog opens, as comparison rows — and the approver's decision, recorded on the
 * task runner (accepted, or declined with a reason).
 */
public final class AcceptViewModel {
    private final AcceptanceService acceptances;
    private final TaskRunner runner;
    private final AcceptanceService.Review review;
    private final List<CompareRow> rows;

    AcceptViewModel(AcceptanceService acceptances, TaskRunner runner, AcceptanceService.Review review) {
        this.acceptances = acceptances;
        this.runner = runner;
        this.review = review;
        this.rows = CompareViewModel.rows(review.diff(), true, Set.of());
    }

    /** Reads the review of {@code version} (the worker's work) and makes its model: call on the task runner. */
    static AcceptViewModel read(AcceptanceService acceptances, TaskRunner runner, String space, String project, String version) {
        return new AcceptViewModel(acceptances, runner, acceptances.review(space, project, version));
    }

    public AcceptanceService.Review review() {
        return review;
    }

    /** The changes against the previous import (everything, added, for the first), as the comparison shows them. */
    public List<CompareRow> rows() {
        return rows;
    }

    public TaskRunner runner() {
        return runner;
    }

    /** Records the decision on the task runner; {@code close} and {@code done} run once it is recorded, a refusal shows in the form. */
    public void decide(FormState form, boolean accept, String comment, Runnable close, Consumer<ImportAcceptance> done) {
        form.submit(accept ? "Accepting the import" : "Declining the import", () -> accept
                ? acceptances.accept(review.space(), review.project(), review.version(), comment)
                : acceptances.decline(review.space(), review.project(), review.version(), comment), d -> {
                    close.run();
                    done.accept(d);
                });
    }
}
