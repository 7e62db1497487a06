package odcm.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import odcm.model.Progress;
import odcm.packaging.pkg.PackageDelta;

/**
 * Packages moved to a space that has the release before, beside {@code zstd --patch-from} and a full copy (issue 19,
 * decision 0061). In a temporary folder: COUNT packages of MIB MiB of random bytes (release 1.0), then two next releases:
 * "5 %" (in each package four regions of 1 % replaced by new bytes and 1 % of new bytes inserted, so everything after the
 * insertion is shifted) and "one new" (one package entirely new bytes, the others unchanged). For each package of each
 * case, in turn: ours ({@link PackageDelta#encode} to a file, then {@link PackageDelta#apply} to a file, checked by
 * SHA-256), {@code zstd --patch-from=BASE --long=31 -T1} (compress, then decompress), and {@code cp}; summed per case.
 * Then verification: our streaming SHA-256 (MessageDigest, 64 KiB reads, as PackageService hashes) beside
 * {@code sha256sum} over the same files, alternately. Then one package over 2 GiB (sparse: random regions, zeros
 * between, 1 MiB inserted past 1.5 GiB) through ours, to show long offsets. Everything is deleted at the end.
 * Wall and CPU times: ours in this thread (ThreadMXBean), the tools' user + system from {@code /usr/bin/time}.
 * Not a test: run it with {@code bench/package-transfer.sh}. Usage: PackageBench [COUNT] [MIB] [WORKDIR], or
 * PackageBench pairs BASE NEXT [BASE NEXT…] for the sizes only, ours beside zstd's, of real packages one has at hand, or
 * PackageBench archive [COUNT] [MIB] [WORKDIR] for the package archive between two stores on release 1.0 and "5 %"
 * ({@link PackageArchiveBench}, decision 0060).
 */
public final class PackageBench {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BUFFER = 64 * 1024;

    private PackageBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("pairs")) {
            pairs(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        boolean archive = args.length > 0 && args[0].equals("archive");
        String[] a = archive ? Arrays.copyOfRange(args, 1, args.length) : args;
        int count = a.length > 0 ? Integer.parseInt(a[0]) : 20;
        long size = (a.length > 1 ? Long.parseLong(a[1]) : 100) << 20;
        Path parent = Files.createDirectories(Path.of(a.length > 2 ? a[2] : System.getProperty("java.io.tmpdir")));
        // the codec: two next releases and the files it writes; the archive: two releases, each in the workdir and both stores
        long need = (archive ? 7 : 3) * count * size + (3L << 30);
        long free = Files.getFileStore(parent).getUsableSpace();
        if (free < need) {
            System.err.printf(Locale.ROOT, "%s has %.1f GB free; this benchmark needs %.1f GB.%n", parent, free / 1e9, need / 1e9);
            System.exit(2);
        }
        Path root = Files.createTempDirectory(parent, "odcm-package-bench-");
        System.out.printf(Locale.ROOT, "ODCM package %s benchmark: %d packages of %d MiB (%.2f GB) in %s; JVM %s, heap at most %d MiB, "
                        + "%d cores; load average %s%n", archive ? "archive" : "transfer", count, size >> 20, count * size / 1e9, root,
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), load());
        try {
            Made made = make(root, count, size, !archive);
            System.out.println("made in " + root + "; load average " + load());
            if (archive) {
                PackageArchiveBench.run(root, made.base(), made.fivePercent());
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(transfer("5 %: 4 regions replaced, 1 inserted", root, made.base(), made.fivePercent()));
            rows.add(transfer("one new, " + (count - 1) + " unchanged", root, made.base(), made.oneNew()));
            printRows(rows);
            verification("ours SHA-256", made.fivePercent(), ourSha256(made.fivePercent()));
            overTwoGiB(root);
            System.out.println("load average at the end " + load());
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Release 1.0's packages and its next releases: "5 %" and (with {@code oneNew}) "one new". */
    record Made(List<Path> base, List<Path> fivePercent, List<Path> oneNew) {
    }

    private static Made make(Path root, int count, long size, boolean withOneNew) throws IOException {
        List<Path> base = new ArrayList<>();
        List<Path> fivePercent = new ArrayList<>();
        List<Path> oneNew = new ArrayList<>();
        Files.createDirectories(root.resolve("1.0"));
        Files.createDirectories(root.resolve("1.1"));
        for (int i = 0; i < count; i++) {
            Path b = root.resolve("1.0/pkg-" + i);
            random(b, size, i);
            base.add(b);
            fivePercent.add(changed(b, root.resolve("1.1/pkg-" + i), size, 1000 + i));
            if (withOneNew) { // unchanged, but a file of its own (zstd refuses a file as both input and dictionary)
                oneNew.add(i == 0 ? random(root.resolve("1.1/new-0"), size, 9999) : Files.copy(b, root.resolve("1.1/same-" + i)));
            }
        }
        return new Made(base, fivePercent, oneNew);
    }

    static void printRows(List<String[]> rows) {
        System.out.println();
        System.out.printf("%-36s %28s %28s %28s %26s %28s %22s%n", "case (load average at the end)", "ours: size, ratio to full",
                "ours encode: wall / CPU", "ours apply: wall / CPU", "zstd: size, ours / zstd", "zstd: compress wall / CPU",
                "full copy: size, cp wall");
        rows.forEach(r -> System.out.println(String.join(" ", r)));
        System.out.println();
    }

    /** Ours, zstd and cp per package in turn; returns the case's row. */
    static String[] transfer(String name, Path root, List<Path> bases, List<Path> targets) throws Exception {
        Path delta = root.resolve("delta");
        Path rebuilt = root.resolve("rebuilt");
        Path zst = root.resolve("delta.zst");
        Path copy = root.resolve("copy");
        long total = 0;
        long ours = 0;
        long zstd = 0;
        long[] encode = new long[2];
        long[] apply = new long[2];
        double[] compress = new double[3];
        double[] decompress = new double[3];
        double cp = 0;
        for (int i = 0; i < bases.size(); i++) {
            Path base = bases.get(i);
            Path target = targets.get(i);
            total += Files.size(target);
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try (OutputStream out = Files.newOutputStream(delta)) {
                PackageDelta.encode(base, target, out, Progress.NONE);
            }
            add(encode, wall, cpu);
            ours += Files.size(delta);
            wall = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime();
            try (InputStream in = Files.newInputStream(delta); OutputStream out = Files.newOutputStream(rebuilt)) {
                PackageDelta.apply(base, in, out, Files.size(target));
            }
            add(apply, wall, cpu);
            if (!sha256(rebuilt).equals(sha256(target))) {
                throw new IllegalStateException("ours rebuilt " + target + " wrong");
            }
            add(compress, time("zstd", "-q", "-f", "-T1", "--long=31", "--patch-from=" + base, target.toString(), "-o", zst.toString()));
            zstd += Files.size(zst);
            add(decompress, time("zstd", "-d", "-q", "-f", "--long=31", "--patch-from=" + base, zst.toString(), "-o", rebuilt.toString()));
            if (Files.mismatch(rebuilt, target) >= 0) {
                throw new IllegalStateException("zstd rebuilt " + target + " wrong");
            }
            cp += time("cp", target.toString(), copy.toString())[0];
            Files.delete(copy);
        }
        for (Path p : List.of(delta, rebuilt, zst)) {
            Files.deleteIfExists(p);
        }
        String[] row = {String.format(Locale.ROOT, "%-36s", name + " (" + load().split(" ")[0] + ")"),
                String.format(Locale.ROOT, "%28s", mb(ours) + ", " + ratio(ours, total)),
                String.format(Locale.ROOT, "%28s", seconds(encode[0] / 1e9) + " / " + seconds(encode[1] / 1e9)),
                String.format(Locale.ROOT, "%28s", seconds(apply[0] / 1e9) + " / " + seconds(apply[1] / 1e9)),
                String.format(Locale.ROOT, "%26s", mb(zstd) + ", " + ratio(ours, zstd)),
                String.format(Locale.ROOT, "%28s", seconds(compress[0]) + " / " + seconds(compress[1] + compress[2])),
                String.format(Locale.ROOT, "%22s", mb(total) + ", " + seconds(cp))};
        System.out.println(String.join(" ", row));
        System.out.printf(Locale.ROOT, "  decompress: ours %s wall / %s CPU, zstd %s wall / %s CPU; encode CPU ours / zstd %s, apply CPU ours / zstd %s;"
                        + " zstd's largest resident memory %s%n", seconds(apply[0] / 1e9), seconds(apply[1] / 1e9), seconds(decompress[0]),
                seconds(decompress[1] + decompress[2]), ratio(encode[1] / 1e9, compress[1] + compress[2]),
                ratio(apply[1] / 1e9, decompress[1] + decompress[2]), mb(maxRss * 1024));
        maxRss = 0;
        return row;
    }

    private static void pairs(String[] files) throws Exception {
        Path zst = Files.createTempFile("odcm-bench", ".zst");
        try {
            for (int i = 0; i + 1 < files.length; i += 2) {
                Path base = Path.of(files[i]);
                Path next = Path.of(files[i + 1]);
                var delta = new java.io.ByteArrayOutputStream();
                PackageDelta.encode(base, next, delta, Progress.NONE);
                time("zstd", "-q", "-f", "-T1", "--long=31", "--patch-from=" + base, next.toString(), "-o", zst.toString());
                System.out.printf(Locale.ROOT, "%s -> %s: full %d, ours %d (%.3f), zstd --patch-from %d (%.3f), ours / zstd %.2f%n", base.getFileName(),
                        next.getFileName(), Files.size(next), delta.size(), delta.size() / (double) Files.size(next), Files.size(zst),
                        Files.size(zst) / (double) Files.size(next), delta.size() / (double) Files.size(zst));
            }
        } finally {
            Files.delete(zst);
        }
    }

    /** Work timed by {@link #verification}. */
    interface Work {
        void run() throws Exception;
    }

    /** Our streaming SHA-256 (as PackageService hashes) of each file. */
    static Work ourSha256(List<Path> files) {
        return () -> {
            for (Path f : files) {
                sha256(f);
            }
        };
    }

    /** {@code ours} (reading {@code files}) beside sha256sum over the same files, alternately, 3 rounds each; medians in MB/s. */
    static void verification(String name, List<Path> files, Work ours) throws Exception {
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        List<String> command = new ArrayList<>(List.of("sha256sum"));
        files.forEach(f -> command.add(f.toString()));
        double[] wall = new double[3];
        double[] cpu = new double[3];
        double[] peer = new double[3];
        double[] peerCpu = new double[3];
        for (int r = 0; r < 3; r++) {
            long w = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            ours.run();
            wall[r] = (System.nanoTime() - w) / 1e9;
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - c) / 1e9;
            double[] t = time(command.toArray(String[]::new));
            peer[r] = t[0];
            peerCpu[r] = t[1] + t[2];
        }
        System.out.printf(Locale.ROOT, "verification of %s (median of 3, alternately; load average %s): %s %.0f MB/s wall, %.0f MB/s CPU;"
                        + " sha256sum %.0f MB/s wall, %.0f MB/s CPU; ours / sha256sum throughput %.2f (CPU %.2f)%n", mb(bytes), load(), name,
                bytes / 1e6 / median(wall), bytes / 1e6 / median(cpu), bytes / 1e6 / median(peer), bytes / 1e6 / median(peerCpu),
                median(peer) / median(wall), median(peerCpu) / median(cpu));
    }

    /** A sparse package over 2 GiB (random regions, zeros between) and its next with 1 MiB inserted past 1.5 GiB. */
    private static void overTwoGiB(Path root) throws Exception {
        long size = (9L << 30) / 4;
        long[] at = {0, 1L << 30, (21L << 30) / 10};
        Path base = root.resolve("big-1.0");
        Path next = root.resolve("big-1.1");
        try (FileChannel b = FileChannel.open(base, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
             FileChannel n = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            for (int i = 0; i < at.length; i++) {
                byte[] region = bytes(4 << 20, i);
                b.write(ByteBuffer.wrap(region), at[i]);
                n.write(ByteBuffer.wrap(region), at[i] + (at[i] > (3L << 29) ? 1 << 20 : 0));
            }
            n.write(ByteBuffer.wrap(bytes(1 << 20, 7)), 3L << 29);
            b.write(ByteBuffer.wrap(new byte[1]), size - 1);
            n.write(ByteBuffer.wrap(new byte[1]), size + (1 << 20) - 1);
        }
        Path delta = root.resolve("big-delta");
        Path rebuilt = root.resolve("big-rebuilt");
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (OutputStream out = Files.newOutputStream(delta)) {
            PackageDelta.encode(base, next, out, Progress.NONE);
        }
        double encodeWall = (System.nanoTime() - wall) / 1e9;
        double encodeCpu = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        try (InputStream in = Files.newInputStream(delta); OutputStream out = Files.newOutputStream(rebuilt)) {
            PackageDelta.apply(base, in, out, Files.size(next));
        }
        boolean same = Files.mismatch(rebuilt, next) < 0;
        System.out.printf(Locale.ROOT, "over 2 GiB: a package of %s (sparse), 1 MiB inserted at 1.5 GiB: delta %s, encode %s wall / %s CPU, rebuilt %s%n",
                mb(Files.size(next)), mb(Files.size(delta)), seconds(encodeWall), seconds(encodeCpu), same ? "equal" : "DIFFERENT");
        for (Path p : List.of(base, next, delta, rebuilt)) {
            Files.delete(p);
        }
        if (!same) {
            throw new IllegalStateException("the package over 2 GiB was rebuilt wrong");
        }
    }

    /** The SHA-256 of a file as PackageService hashes a package: MessageDigest, 64 KiB at a time. */
    static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Path random(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; done += chunk.capacity()) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    chunk.putLong(random.nextLong());
                }
                out.write(chunk.flip().limit((int) Math.min(chunk.capacity(), size - done)));
            }
        }
        return file;
    }

    /** The next version: four regions of 1 % replaced by new bytes, 1 % of new bytes inserted (at random places). */
    private static Path changed(Path base, Path next, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int region = (int) (size / 100);
        long insertAt = random.nextLong(size - region);
        long[] replaced = new long[4];
        for (int i = 0; i < replaced.length; i++) {
            replaced[i] = random.nextLong(size - region);
        }
        try (FileChannel in = FileChannel.open(base); FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            transfer(in, 0, insertAt, out);
            out.write(ByteBuffer.wrap(bytes(region, random.nextLong())));
            transfer(in, insertAt, size - insertAt, out);
            for (long at : replaced) {
                out.write(ByteBuffer.wrap(bytes(region, random.nextLong())), at);
            }
        }
        return next;
    }

    private static void transfer(FileChannel in, long from, long count, FileChannel out) throws IOException {
        for (long done = 0; done < count; ) {
            done += in.transferTo(from + done, count - done, out);
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt();
        }
        return b;
    }

    private static long maxRss;

    /** Runs a command under /usr/bin/time: wall, user and system seconds (and remembers the largest resident memory). */
    static double[] time(String... command) throws Exception {
        Path out = Files.createTempFile("odcm-bench-time", ".txt");
        try {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-o", out.toString(), "-f", "%e %U %S %M"));
            cmd.addAll(Arrays.asList(command));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            String[] f = Files.readString(out).trim().split("\\s+");
            maxRss = Math.max(maxRss, Long.parseLong(f[3]));
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } finally {
            Files.delete(out);
        }
    }

    private static void add(long[] sums, long wall, long cpu) {
        sums[0] += System.nanoTime() - wall;
        sums[1] += THREADS.getCurrentThreadCpuTime() - cpu;
    }

    private static void add(double[] sums, double[] t) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += t[i];
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static String load() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.3f", a / b);
    }
}
