package odcm.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.model.Refusal;
import odcm.model.audit.AuditVerification;
import odcm.persistence.ServerAddress;
import odcm.persistence.StoreLocation;

/**
 * Many processes on one team store at once (issue 13): workers, each a JVM of its own with its own state and key folders
 * (as on different machines, the master key handed out), make environments, write bundles for a remote space and for a local
 * one, imported there (sign, encrypt, verify, import), in one store on a PostgreSQL server. Then the store is checked:
 * the audit chain intact, every environment, Outbox row and import with exactly its audit entry, no sequence twice. The
 * same with one worker, with one worker on an embedded H2 store (one process is all H2 allows), and with a worker killed
 * (kill -9) mid-run and, when a restart command is given, the server restarted mid-run. Prints actions per second,
 * per-action medians, and the checks. Usage: see bench/team-store.sh.
 */
public final class TeamStoreBench {
    private TeamStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        ServerAddress admin = ServerAddress.parse(args[0]);
        int workers = Integer.parseInt(args[1]);
        int actions = Integer.parseInt(args[2]);
        Path dir = Files.createDirectories(Path.of(args[3]));
        String restart = args.length > 4 ? args[4] : "";
        ServerAddress database = admin.createDatabase("odcm_bench_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT));
        boolean ok = true;
        try {
            StoreLocation team = prepared(new StoreLocation(dir.resolve("lead-state"), dir.resolve("lead-keys"), database));
            StoreLocation h2 = prepared(new StoreLocation(dir.resolve("h2-store"), dir.resolve("h2-keys")));
            System.out.printf("%-44s %8s %9s %9s %9s %8s %8s  %s%n", "case", "actions", "wall s", "actions/s", "median", "p90", "refused", "check");
            ok &= run("H2 file, 1 process", h2, "h", 1, actions, dir, false, "");
            ok &= run("PostgreSQL, 1 process", team, "a", 1, actions, dir, false, "");
            ok &= run("PostgreSQL, " + workers + " processes at once", team, "b", workers, actions, dir, false, "");
            ok &= run("PostgreSQL, " + workers + " at once, one killed (-9)", team, "c", workers, actions, dir, true, "");
            if (!restart.isBlank()) {
                ok &= run("PostgreSQL, " + workers + " at once, server restarted", team, "d", workers, actions, dir, false, restart);
            }
        } finally {
            database.dropDatabase();
        }
        if (!ok) {
            System.out.println("A CHECK FAILED");
            System.exit(1);
        }
    }

    /** The example organisation in a new store: spaces, trusts (QA accepts DevTest's bundles), projects with releases. */
    private static StoreLocation prepared(StoreLocation location) {
        try (AppContext ctx = AppContext.open(location)) {
            new Demo(ctx).create();
            // The phases before the promotions the bench makes (decision 0045).
            ctx.deployments().deploy(Demo.DEVTEST, "Web Shop", "1.0.0", "Development", true);
            ctx.deployments().deploy(Demo.DEVTEST, "Web Shop", "1.0.0", "Test", true);
            ctx.deployments().deploy(Demo.DEVTEST, "Payments", "1.1.0", "Development", true);
        }
        return location;
    }

    private static boolean run(String name, StoreLocation store, String phase, int workers, int actions, Path dir, boolean kill,
                               String restart) throws Exception {
        List<Process> running = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Path home = Files.createDirectories(dir.resolve(phase + w));
            Path keys = Files.createDirectories(home.resolve("keys"));
            try (AppContext lead = AppContext.openForReading(store)) { // the master key, handed out as a file
                Path key = store.keyFile(lead.store().storeId());
                Files.copy(key, keys.resolve(key.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            StoreLocation own = store.onServer() ? new StoreLocation(home.resolve("state"), keys, store.server())
                    : new StoreLocation(store.storeDir(), keys);
            Path out = home.resolve("out.txt");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Worker.class.getName(),
                    own.onServer() ? own.server().toString() : "", own.storeDir().toString(), keys.toString(), phase + w, Integer.toString(actions),
                    home.toString()));
            running.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start());
            outputs.add(out);
        }
        if (kill || !restart.isBlank()) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(3_000, 8_000));
            if (kill) {
                running.get(0).destroyForcibly(); // SIGKILL: mid-transaction, mid-file, wherever it was
            } else {
                Process p = new ProcessBuilder("sh", "-c", restart).inheritIO().start();
                p.waitFor(120, TimeUnit.SECONDS);
            }
        }
        for (Process p : running) {
            p.waitFor();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int done = 0;
        int refused = 0;
        List<Long> nanos = new ArrayList<>();
        for (Path out : outputs) {
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("done ")) {
                    String[] f = line.split(" ");
                    done += Integer.parseInt(f[1]);
                    refused += Integer.parseInt(f[2]);
                } else if (line.startsWith("ns ")) {
                    nanos.add(Long.parseLong(line.substring(3)));
                } else if (!line.isBlank()) {
                    System.out.println("  " + out.getParent().getFileName() + ": " + line);
                }
            }
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        String check = check(store, phase);
        System.out.printf(Locale.ROOT, "%-44s %8d %9.1f %9.1f %7.1fms %6.1fms %8d  %s%n", name, done, wall, done / wall,
                sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6, sorted.length == 0 ? 0 : sorted[sorted.length * 9 / 10] / 1e6, refused, check);
        return check.startsWith("ok");
    }

    /** The store after a phase: the audit chain whole, and every row the workers made with exactly its audit entry. */
    private static String check(StoreLocation store, String phase) throws Exception {
        try (AppContext lead = AppContext.open(store)) {
            AuditVerification v = lead.audit().verify();
            if (!(v instanceof AuditVerification.Intact)) {
                return "FAILED: " + v.sentence();
            }
        }
        List<String> problems = new ArrayList<>();
        try (Connection c = connect(store); Statement st = c.createStatement()) {
            long envs = count(st, "SELECT count(*) FROM environment WHERE name LIKE '" + phase + "%-e%'");
            long envAudits = count(st, "SELECT count(*) FROM audit_event WHERE action = 'environment.create' AND subject LIKE '%''" + phase + "%-e%'");
            if (envs != envAudits) {
                problems.add(envs + " environments but " + envAudits + " audit entries of them");
            }
            long outbox = count(st, "SELECT count(*) FROM bundle_outbox");
            long outboxAudits = count(st, "SELECT count(*) FROM audit_event WHERE action = 'bundle.create'");
            if (outbox != outboxAudits) {
                problems.add(outbox + " Outbox rows but " + outboxAudits + " bundle.create entries");
            }
            long accepted = count(st, "SELECT count(*) FROM bundle_accepted");
            long imports = count(st, "SELECT count(*) FROM audit_event WHERE action = 'release.import'");
            if (accepted != imports) {
                problems.add(accepted + " accepted bundles but " + imports + " release.import entries");
            }
            long twice = count(st, "SELECT count(*) FROM (SELECT space_id, target_space_id, sequence FROM bundle_outbox"
                    + " GROUP BY space_id, target_space_id, sequence HAVING count(*) > 1) d");
            if (twice > 0) {
                problems.add(twice + " bundle sequence numbers used twice");
            }
            long seqGaps = count(st, "SELECT max(seq) - count(*) FROM audit_event");
            if (seqGaps != 0) {
                problems.add("the audit log's numbers have " + seqGaps + " gaps");
            }
            return problems.isEmpty() ? "ok: audit intact; " + envs + " environments, " + outbox + " Outbox rows, " + accepted
                    + " imports, each with its entry" : "FAILED: " + String.join("; ", problems);
        }
    }

    private static Connection connect(StoreLocation store) throws Exception {
        return store.onServer() ? store.server().connect()
                : java.sql.DriverManager.getConnection("jdbc:h2:file:" + store.storeDir().resolve("odcm") + ";ACCESS_MODE_DATA=r", "sa", "");
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One worker process: {@code actions} actions, each retried while the server cannot be reached. */
    public static final class Worker {
        private Worker() {
        }

        public static void main(String[] args) throws IOException {
            StoreLocation location = args[0].isEmpty() ? new StoreLocation(Path.of(args[1]), Path.of(args[2]))
                    : new StoreLocation(Path.of(args[1]), Path.of(args[2]), ServerAddress.parse(args[0]));
            String me = args[3];
            int actions = Integer.parseInt(args[4]);
            Path home = Path.of(args[5]);
            int refused = 0;
            int done = 0;
            long[] nanos = new long[actions];
            try (AppContext ctx = AppContext.open(location)) {
                for (int i = 0; i < actions; i++) {
                    int n = i;
                    long t = System.nanoTime();
                    for (int attempt = 0; ; attempt++) {
                        try {
                            act(ctx, me, n, home);
                            break;
                        } catch (Refusal r) {
                            boolean lost = r.getMessage().contains("was lost") || r.getMessage().contains("cannot be reached");
                            if (!lost || attempt > 300) {
                                refused++;
                                if (refused <= 3) {
                                    System.out.println("refused: " + r.getMessage());
                                }
                                break;
                            }
                            sleep();
                        }
                    }
                    nanos[i] = System.nanoTime() - t;
                    done++;
                }
            }
            StringBuilder out = new StringBuilder();
            Arrays.stream(nanos, 0, done).forEach(ns -> out.append("ns ").append(ns).append('\n'));
            out.append("done ").append(done).append(' ').append(refused).append('\n');
            System.out.print(out);
        }

        /** Every tenth action a bundle for the remote Prod Space (a file), every tenth one for QA imported there; else an environment. */
        private static void act(AppContext ctx, String me, int i, Path home) {
            switch (i % 10) {
                case 0 -> ctx.bundles().create(Demo.DEVTEST, "Web Shop", "1.0.0", Demo.PROD, home.resolve("prod.odcmbundle"), 14, true);
                case 5 -> {
                    Path file = home.resolve("qa.odcmbundle");
                    ctx.bundles().create(Demo.DEVTEST, "Payments", "1.1.0", Demo.QA, file, 14, true);
                    ctx.imports().importBundle(Demo.QA, odcm.app.service.BundleService.readBundle(file), "QA", VALUES);
                }
                default -> ctx.environments().create(Demo.DEVTEST, me + "-e" + i, "");
            }
        }

        /** The values QA's environments need for the Payments release. */
        private static final java.util.Map<String, java.util.Map<String, String>> VALUES = java.util.Map.of(
                "QA", java.util.Map.of("DbConnection", "Server=qa-db;Database=payments", "Host", "qa.example.org"),
                "UAT", java.util.Map.of("DbConnection", "Server=uat-db;Database=payments", "Host", "uat.example.org"));

        private static void sleep() {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
