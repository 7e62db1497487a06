package odcm.app.service;

/**
 * A test-only hook for the tests that kill an importing or writing process: with the system property {@code odcm.test.pauseAt}
 * set to the name of a point of the import transaction ("project", "release", "accepted", "audit" inside it;
 * "committed" after it) or of writing a signed file ("file-reserved", "file-written", "file-recorded", "file-moved"; see
 * {@link RecordedFile}), the process prints
 * {@code ODCM-PAUSED <point>} on standard output when it reaches that point and then sleeps, so the test can kill it
 * exactly there. Without the property (always, outside that test) it does nothing.
 */
final class ImportPause {
    static final String PROPERTY = "odcm.test.pauseAt";
    static final String MARKER = "ODCM-PAUSED ";

    private ImportPause() {
    }

    static void at(String point) {
        if (!point.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.out.println(MARKER + point);
        System.out.flush();
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
