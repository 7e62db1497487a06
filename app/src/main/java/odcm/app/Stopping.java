package odcm.app;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import odcm.persistence.Store;
import sun.misc.Signal;

/**
 * What a stop from outside does to a running command or console (SIGTERM, SIGINT from Ctrl+C, SIGHUP from a closed
 * terminal): the write in progress is rolled back and every open store closed cleanly ({@link Store#stopAll()}), nothing
 * the interrupted work would still print reaches the terminal, one line says what the stop left behind, and the process
 * ends with status 128 + the signal's number (143 for SIGTERM, 130 for SIGINT, 129 for SIGHUP), as shells report it.
 * The JVM's own handling (shutdown hooks running while the work goes on) is replaced, so the order is ours.
 */
final class Stopping {
    private static final AtomicBoolean STOPPED = new AtomicBoolean();
    private static volatile boolean quiet;

    private Stopping() {
    }

    /** Call first in main, before anything holds System.out or System.err. */
    static void install() {
        System.setOut(new PrintStream(new Gated(System.out), true));
        System.setErr(new PrintStream(new Gated(System.err), true));
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(name), Stopping::stop);
            } catch (IllegalArgumentException ignored) {
                // the signal is the JVM's here (e.g. -Xrs): it keeps its default handling
            }
        }
    }

    private static void stop(Signal signal) {
        if (!STOPPED.compareAndSet(false, true)) {
            return;
        }
        quiet = true;
        boolean kept = Store.stopAll();
        PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        terminal.println("odcm: stopped by SIG" + signal.getName() + "; "
                + (kept ? "the change in progress was undone, changes saved before it were kept." : "nothing was changed."));
        terminal.flush();
        Runtime.getRuntime().halt(128 + signal.getNumber());
    }

    /** Passes output on until the process is stopping, then drops it. */
    private static final class Gated extends FilterOutputStream {
        Gated(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (!quiet) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!quiet) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!quiet) {
                out.flush();
            }
        }
    }
}
