package odcm.app;

import java.io.PrintWriter;
import odcm.app.cli.Cli;

/**
 * The one entry point: {@code odcm} with no command opens the console; with a command it runs the command line.
 * Not an {@link javafx.application.Application} subclass, so the command line never starts JavaFX.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(Cli.execute(args, out, err, System.getenv()));
    }
}
