package odcm.packaging.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Files built to exhaust a reader's memory, for the heap-bounded tests of this module and of the app (test-jar): ZIP bombs
 * under the compression-ratio limit, many large entries, ZIP headers that lie about sizes, data descriptors, ZIP64 fields,
 * deep or huge JSON, JSON of many tiny objects, CMS with absurd lengths. Each is a few MB at most.
 */
public final class HostileBundles {
    /** The names of the files that stay within every limit (and may even be genuine): they must only fit the heap. */
    public static final String WITHIN_LIMITS = "within-limits-";

    private HostileBundles() {
    }

    /** One ZIP entry written raw: {@code data} as stored in the file, and the sizes its headers claim. */
    public record Raw(String name, int method, byte[] data, long declaredCompressed, long declaredSize, long crc, int flags, byte[] extra) {
        static Raw stored(String name, byte[] data) {
            return new Raw(name, 0, data, data.length, data.length, HostileBundles.crc(data), 0, new byte[0]);
        }

        static Raw deflated(String name, byte[] deflated, long size) {
            return new Raw(name, 8, deflated, deflated.length, size, 0, 0, new byte[0]);
        }

        Raw declaring(long size) {
            return new Raw(name, method, data, declaredCompressed, size, crc, flags, extra);
        }
    }

    /**
     * The hostile files by name; all but those named {@link #WITHIN_LIMITS}… are refused. {@code genuine} is a genuine bundle's entries; {@code resign} re-signs changed entries with a
     * key the verifier trusts (a rogue or careless signer), so the parts behind the signature are reached too.
     */
    public static Map<String, byte[]> all(Map<String, byte[]> genuine, Function<Map<String, byte[]>, byte[]> resign) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        // 48 MiB that deflate about 170 to 1 (15 of them: a 4.5 MB file): under the ratio limit, far over what should be held in memory.
        long size = 48L << 20;
        byte[] chunk = deflate(underRatio((int) size));
        List<Raw> bomb = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            bomb.add(Raw.deflated("part" + i + ".json", chunk, size));
        }
        out.put("deflated-entries", raw(bomb));
        out.put("deflated-entries-headers-claim-small", raw(bomb.stream().map(r -> r.declaring(1000)).toList()));
        out.put("deflated-entries-data-descriptors", raw(bomb.stream()
                .map(r -> new Raw(r.name(), 8, r.data(), 0, 0, 0, 8, r.extra())).toList()));
        out.put("deflated-entries-one-uncounted-byte-short", raw(bomb.stream().map(r -> r.declaring((16L << 20) - 1)).toList()));

        List<Raw> many = new ArrayList<>();
        byte[] random = new byte[1 << 20];
        new Random(7).nextBytes(random);
        for (int i = 0; i < 15; i++) {
            many.add(Raw.stored("part" + i + ".json", random));
        }
        out.put("many-entries-stored", raw(many));
        List<Raw> duplicated = new ArrayList<>(List.of(Raw.stored("release.json", new byte[8 << 20]), Raw.stored("release.json", new byte[7 << 20])));
        out.put("duplicated-large-entries", raw(duplicated));
        out.put("headers-claim-large-data-small", raw(List.of(new Raw("release.json", 0, new byte[10], 10, (16L << 20) - 1, 0, 0, new byte[0]))));
        out.put("zip64-sizes", raw(List.of(new Raw("release.json", 0, new byte[10], 0xFFFFFFFFL, 0xFFFFFFFFL, 0, 0, new byte[0]))));
        out.put("zip64-extra", raw(List.of(new Raw("release.json", 0, new byte[10], 10, 10, crc(new byte[10]), 0,
                new byte[] {1, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}))));

        String deep = "{\"entries\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}";
        out.put("deep-json", file(genuine, BundleFormat.MANIFEST, deep));
        out.put("big-string-json", file(genuine, BundleFormat.MANIFEST, "{\"bundleId\":\"" + "x".repeat(12 << 20) + "\"}"));
        out.put("big-number-json", file(genuine, BundleFormat.MANIFEST, "{\"sequence\":" + "9".repeat(12 << 20) + "}"));
        out.put("tiny-objects-json", file(genuine, BundleFormat.MANIFEST, "{\"entries\":[" + "{},".repeat(4_000_000) + "{}]}"));
        out.put("many-keys-json", file(genuine, BundleFormat.MANIFEST, keys("{", 1_000_000) + "}"));
        out.put("cms-huge-octet-string-length", file(genuine, BundleFormat.SIGNATURE,
                bytes(0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xF0, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x84, 0x7F, 0xFF,
                        0xFF, 0x00, 0x04, 0x84, 0x7F, 0xFF, 0xFF, 0x00)));
        out.put("cms-deeply-nested", file(genuine, BundleFormat.SIGNATURE, nested(16_000)));

        out.put("receipt-tiny-objects", BundleFiles.zip(Map.of(ReceiptFormat.RECEIPT, ("{\"deployments\":[" + "{},".repeat(4_000_000) + "{}]}")
                .getBytes(StandardCharsets.UTF_8), ReceiptFormat.SIGNATURE, genuine.get(BundleFormat.SIGNATURE))));

        // Behind a trusted signature: JSON parts whose objects would cost far more than their bytes.
        String id = bundleId(genuine);
        out.put("signed-tiny-objects", resign.apply(with(genuine, BundleFormat.VARIABLES, "{\"bundleId\":\"" + id + "\",\"variables\":["
                + "{\"name\":\"v\",\"scope\":[],\"sensitive\":false,\"value\":\"\"},".repeat(200_000)
                + "{\"name\":\"v\",\"scope\":[],\"sensitive\":false,\"value\":\"\"}]}")));
        out.put("signed-many-properties", resign.apply(with(genuine, BundleFormat.PROCESS, process(id, 2, Limits.MAX_JSON_TOKENS * 3 / 10))));
        out.put(WITHIN_LIMITS + "signed-properties-just-under-the-budget", resign.apply(with(genuine, BundleFormat.PROCESS,
                process(id, 1, Limits.MAX_JSON_TOKENS / 2 - 1_000))));
        out.put("signed-secrets-of-many-elements", resign.apply(with(genuine, BundleFormat.SECRETS, manyElements(4_000_000))));
        out.put(WITHIN_LIMITS + "signed-big-strings", resign.apply(with(genuine, BundleFormat.PROCESS, "{\"bundleId\":\"" + id + "\",\"steps\":["
                + ("{\"actionType\":\"a\",\"name\":\"s\",\"packages\":[],\"properties\":{\"p\":\"" + "x".repeat((1 << 20) - 1) + "\"},\"scope\":[]},")
                .repeat(14) + "{\"actionType\":\"a\",\"name\":\"s\",\"packages\":[],\"properties\":{},\"scope\":[]}]}")));
        return out;
    }

    /**
     * A genuine release as large as BundleBenchmark's: 10,000 variables (1,000 sensitive) scoped to {@code environments} in
     * turn, 1,000 steps, 500 packages.
     */
    public static BundleContent largeRelease(String source, String target, Instant created, List<String> environments) {
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            vars.add(new Variable("Var" + i, "value-" + i + "-" + UUID.randomUUID(), i % 10 == 0,
                    Scope.of(List.of(environments.get(i % environments.size())))));
        }
        List<DeploymentStep> steps = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            steps.add(new DeploymentStep("Step " + i, "script", Map.of("script", "echo step " + i + "\n".repeat(3), "timeout", "60"),
                    Scope.ALL, List.of(new PackageReference("Pkg" + i % 500))));
        }
        List<PackageVersion> pkgs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pkgs.add(new PackageVersion("Pkg" + i, "1.0." + i, String.format("%064x", i)));
        }
        return new BundleContent(UUID.randomUUID(), source, target, 1, created, created.plus(Duration.ofDays(14)), "Big", "1.0.0", "", "",
                new ReleaseSnapshot(steps, vars, List.of(), pkgs), List.of());
    }

    /** The genuine entries as a new map (for the file and for re-signing). */
    private static Map<String, byte[]> genuine(Map<String, byte[]> entries) {
        return new LinkedHashMap<>(entries);
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, String json) {
        Map<String, byte[]> copy = genuine(entries);
        copy.put(name, json.getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    private static byte[] file(Map<String, byte[]> entries, String name, String json) {
        return BundleFiles.zip(with(entries, name, json));
    }

    private static byte[] file(Map<String, byte[]> entries, String name, byte[] value) {
        Map<String, byte[]> copy = genuine(entries);
        copy.put(name, value);
        return BundleFiles.zip(copy);
    }

    private static String bundleId(Map<String, byte[]> entries) {
        try {
            return Json.read(entries.get(BundleFormat.MANIFEST), Dto.Manifest.class).bundleId();
        } catch (Json.BadJson e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keys(String open, int n) {
        StringBuilder b = new StringBuilder(open);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        return b.toString();
    }

    private static String process(String id, int steps, int properties) {
        StringBuilder b = new StringBuilder("{\"bundleId\":\"" + id + "\",\"steps\":[");
        for (int s = 0; s < steps; s++) {
            b.append(s == 0 ? "" : ",").append("{\"actionType\":\"a\",\"name\":\"s").append(s).append("\",\"packages\":[],\"properties\":{");
            for (int i = 0; i < properties; i++) {
                b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"\"");
            }
            b.append("},\"scope\":[]}");
        }
        return b.append("]}").toString();
    }

    /** A DER SEQUENCE of {@code n} INTEGERs 0, three bytes each. */
    private static byte[] manyElements(int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int length = 3 * n;
        b.writeBytes(new byte[] {0x30, (byte) 0x84, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        for (int i = 0; i < n; i++) {
            b.writeBytes(new byte[] {2, 1, 0});
        }
        return b.toByteArray();
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] value) {
        Map<String, byte[]> copy = genuine(entries);
        copy.put(name, value);
        return copy;
    }

    private static byte[] nested(int depth) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            b.write(0x30);
            b.write(0x80);
        }
        for (int i = 0; i < depth; i++) {
            b.write(0);
            b.write(0);
        }
        return b.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length + 64];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Zeros with one random byte in every 650: deflates about 170 to 1, under a 200-to-1 limit. */
    private static byte[] underRatio(int size) {
        byte[] b = new byte[size];
        Random r = new Random(1);
        for (int i = 0; i < size; i += 650) {
            b[i] = (byte) r.nextInt();
        }
        return b;
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    /** A ZIP file written byte by byte from {@code entries}, with whatever their headers claim. */
    public static byte[] raw(List<Raw> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream cen = new ByteArrayOutputStream();
        for (Raw e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            header(out, 0x04034b50, false, e, name, offset);
            out.writeBytes(e.data());
            if ((e.flags() & 8) != 0) {
                le(out, 0x08074b50, 4);
                le(out, e.crc(), 4);
                le(out, e.data().length, 4);
                le(out, e.declaredSize(), 4);
            }
            header(cen, 0x02014b50, true, e, name, offset);
        }
        int cenOffset = out.size();
        out.writeBytes(cen.toByteArray());
        le(out, 0x06054b50, 4);
        le(out, 0, 4);
        le(out, entries.size(), 2);
        le(out, entries.size(), 2);
        le(out, cen.size(), 4);
        le(out, cenOffset, 4);
        le(out, 0, 2);
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream o, int signature, boolean central, Raw e, byte[] name, int offset) {
        le(o, signature, 4);
        if (central) {
            le(o, 20, 2);
        }
        le(o, 20, 2);
        le(o, e.flags(), 2);
        le(o, e.method(), 2);
        le(o, 0x0021, 4);
        le(o, e.crc(), 4);
        le(o, e.declaredCompressed(), 4);
        le(o, e.declaredSize(), 4);
        le(o, name.length, 2);
        le(o, e.extra().length, 2);
        if (central) {
            le(o, 0, 2);
            le(o, 0, 2);
            le(o, 0, 2);
            le(o, 0, 4);
            le(o, offset, 4);
        }
        o.writeBytes(name);
        o.writeBytes(e.extra());
    }

    private static void le(ByteArrayOutputStream o, long v, int n) {
        for (int i = 0; i < n; i++) {
            o.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }
}
