package odcm.model;

/**
 * Something a user asked for that cannot be done, with one clear sentence saying why.
 * Screens show the message inline or in a dialog, the command line prints it on stderr;
 * neither ever shows a stack trace, so this exception does not fill one in.
 */
public class Refusal extends RuntimeException {
    public Refusal(String sentence) {
        super(sentence, null, false, false);
    }

    public Refusal(String sentence, Throwable cause) {
        super(sentence, cause, false, false);
    }
}
