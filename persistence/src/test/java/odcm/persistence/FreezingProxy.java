package odcm.persistence;

import java.nio.file.Path;

/** A network cut for tests: passes bytes between a client and the team store's server until frozen, then holds them. */
final class FreezingProxy implements AutoCloseable {
    private final java.net.ServerSocket listening = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    private final ServerAddress server;
    private final StoreLocation team;
    private final java.util.List<java.net.Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean frozen;

    FreezingProxy(StoreLocation team) throws java.io.IOException {
        this.team = team;
        this.server = team.server();
        Thread accept = new Thread(() -> {
            try {
                while (true) {
                    java.net.Socket client = listening.accept();
                    java.net.Socket upstream = new java.net.Socket(server.host(), server.port());
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }, "freezing-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    /**
     * The team store's location through this proxy, in a state folder of its own; the driver is given the test login's
     * password for the proxy's address too (until {@link #forgetPasswords()}), as ~/.pgpass gives it for the server's.
     */
    StoreLocation location(Path tmp) throws java.io.IOException {
        String env = System.getenv("PGPASSFILE");
        Path pgpass = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".pgpass");
        Path copy = tmp.resolve("pgpass");
        java.nio.file.Files.write(copy, java.nio.file.Files.readAllLines(pgpass).stream()
                .map(l -> l.replaceFirst("^[^:]*:[^:]*:", "*:*:")).toList());
        java.nio.file.Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        System.setProperty("org.postgresql.pgpassfile", copy.toString());
        return new StoreLocation(tmp.resolve("via-proxy"), team.keyDir(),
                new ServerAddress("127.0.0.1", port(), server.database(), server.user(), server.options()));
    }

    static void forgetPasswords() {
        System.clearProperty("org.postgresql.pgpassfile");
    }

    private void pump(java.net.Socket from, java.net.Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n = from.getInputStream().read(buf); n >= 0; n = from.getInputStream().read(buf)) {
                    while (frozen) {
                        Thread.sleep(20);
                    }
                    to.getOutputStream().write(buf, 0, n);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // one side closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (java.io.IOException ignored) {
                    // closed already
                }
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws java.io.IOException {
        listening.close();
        for (java.net.Socket s : sockets) {
            s.close();
        }
    }
}
