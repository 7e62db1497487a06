package odcm.app.ui.remote;

/** How the fingerprint read out by the other side compares with the previewed certificate's. */
public enum FingerprintMatch {
    /** Nothing typed (or no certificate yet): the check is optional. */
    NONE,
    MATCHES,
    DIFFERS,
    /** What was typed is not (yet) 64 hex digits. */
    INCOMPLETE
}
