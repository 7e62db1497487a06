package odcm.model;

/**
 * How far a long piece of work is, and whether the person who started it asked to stop (docs/decisions/0052). The work
 * calls {@link #step} between its units of work: that reports how far it is and, once a stop was asked for, throws
 * {@link Cancelled} — so the store's transaction rolls back and a file being written is removed. Never a thread
 * interrupt: interrupting H2 closes its file channel.
 */
@FunctionalInterface
public interface Progress {
    /** For work nobody watches (the command line, tests): reports nowhere and is never cancelled. */
    Progress NONE = (done, total, sentence) -> { };

    /**
     * Unit {@code done} of {@code total} is next (all done when they are equal); {@code sentence} says what, in a few
     * words ("Writing the release"). Throws {@link Cancelled} when a stop was asked for.
     */
    void step(long done, long total, String sentence);

    /** The work stopped because it was asked to, having changed nothing. */
    final class Cancelled extends Refusal {
        private static final long serialVersionUID = 1L;

        public Cancelled() {
            super("Cancelled; nothing was changed.");
        }
    }
}
