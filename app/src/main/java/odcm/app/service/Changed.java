package odcm.app.service;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.LongFunction;
import odcm.model.Refusal;
import odcm.model.Seen;
import odcm.persistence.StoreTx;

/**
 * Optimistic versions (decision 0036): a change of a thing a person edits in place names the version they saw; when
 * the thing changed since, the change is refused with one sentence naming who changed it last and how, and nothing is
 * written (the refusal rolls the transaction back, so no audit entry either).
 */
final class Changed {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Changed() {
    }

    /**
     * Runs {@code write} with the version to change from — the one {@code seen}, or, when nothing was seen (a command
     * that reads and writes in this one transaction), the current one — and refuses when the row was another one (deleted
     * and made again under the same name) or {@code write} changed nothing (its {@code WHERE id = ? AND version = ?}
     * found no row).
     *
     * @param what    the thing as the sentence starts, e.g. "Project 'Payments' of 'DevTest Space'"
     * @param subject the thing's audit subject, to say who changed it last
     */
    static <T> T write(StoreTx tx, Seen seen, Seen current, String what, String subject, LongFunction<Optional<T>> write) {
        if (seen != null && seen.id() != current.id()) {
            throw refusal(tx, what, subject);
        }
        return write.apply(seen == null ? current.version() : seen.version()).orElseThrow(() -> refusal(tx, what, subject));
    }

    /**
     * Refuses at once when what was seen is no longer what is there: a deletion checks this first, so its sentence is
     * about the change made meanwhile rather than about what that change left (a reference, a default).
     */
    static void check(StoreTx tx, Seen seen, Seen current, String what, String subject) {
        if (seen != null && !seen.equals(current)) {
            throw refusal(tx, what, subject);
        }
    }

    /** As {@link #write}, for a deletion: {@code delete} says whether it deleted the row. */
    static void delete(StoreTx tx, Seen seen, Seen current, String what, String subject, LongFunction<Boolean> delete) {
        write(tx, seen, current, what, subject, v -> delete.apply(v) ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    private static Refusal refusal(StoreTx tx, String what, String subject) {
        String last = tx.audit().latestAbout(subject).map(e -> " (" + e.osUser() + ", " + WHEN.format(e.at()) + ": " + e.action() + ")").orElse("");
        return new Refusal(what + " was changed by someone else since you opened it" + last + "; reload it and try again.");
    }
}
