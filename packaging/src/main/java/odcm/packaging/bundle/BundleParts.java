package odcm.packaging.bundle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import odcm.model.project.Variable;
import odcm.model.release.ReleaseSnapshot;

/**
 * What every bundle of one frozen release carries alike: the canonical JSON of its steps, variables (sensitive values
 * left out), templates and packages, and of its secret values. Made once when the release is frozen and stored beside it
 * (decision 0030); a bundle then only puts its id around them, signs and encrypts. {@link #secretsJson()} holds the
 * sensitive values in clear: it is stored only sealed.
 */
public final class BundleParts {
    private static final int LISTS = 4;
    private final Slice process;
    private final Slice variables;
    private final Slice templates;
    private final Slice packages;
    private final String secrets;

    private BundleParts(Slice process, Slice variables, Slice templates, Slice packages, String secrets) {
        this.process = process;
        this.variables = variables;
        this.templates = templates;
        this.packages = packages;
        this.secrets = secrets;
    }

    /** The parts of {@code snapshot}; the variables are written on another core meanwhile, or here when none is free. */
    public static BundleParts of(ReleaseSnapshot snapshot) {
        List<Dto.Variable> variables = new ArrayList<>();
        List<Dto.SecretValue> secrets = new ArrayList<>();
        for (Variable v : snapshot.variables()) {
            variables.add(new Dto.Variable(v.name(), v.sensitive(), v.scope().environments(), v.sensitive() ? null : v.value()));
            if (v.sensitive()) {
                secrets.add(new Dto.SecretValue(v.name(), v.scope().environments(), v.value()));
            }
        }
        FutureTask<byte[]> variablesJson = new FutureTask<>(() -> Json.write(variables)); // holds no sensitive value
        ForkJoinPool.commonPool().execute(variablesJson);
        byte[] process = Json.write(steps(snapshot.process()));
        byte[] templates = Json.write(snapshot.templates().stream()
                .map(t -> new Dto.Template(t.name(), t.label(), t.helpText(), t.type().name(), t.options(), t.mandatory(), t.defaultValue()))
                .toList());
        byte[] packages = Json.write(snapshot.packages().stream().map(p -> new Dto.Package(p.packageId(), p.version(), p.sha256())).toList());
        byte[] secretJson = Json.write(secrets);
        try {
            return new BundleParts(Slice.of(process), Slice.of(result(variablesJson)), Slice.of(templates), Slice.of(packages),
                    new String(secretJson, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(secretJson, (byte) 0);
        }
    }

    /** Steps as process.json (and an environment template's processes) carry them. */
    static List<Dto.Step> steps(List<odcm.model.project.DeploymentStep> steps) {
        return steps.stream().map(s -> new Dto.Step(s.name(), s.actionType(), s.properties(), s.scope().environments(),
                s.packages().stream().map(p -> new Dto.PackageRef(p.packageId())).toList())).toList();
    }

    /**
     * The parts as {@link #stored()} gave them and the secret values as {@link #secretsJson()} did, read back from where
     * they were kept (which vouches for them: a hash beside the release, the master key's seal). The lists stay in
     * {@code stored}, not copied: the caller hands it over and does not change it.
     *
     * @throws IllegalArgumentException when {@code stored} is not what {@link #stored()} writes
     */
    public static BundleParts fromStored(byte[] stored, String secretsJson) {
        ByteBuffer in = ByteBuffer.wrap(stored);
        Slice[] lists = new Slice[LISTS];
        for (int i = 0; i < LISTS; i++) {
            int length = in.remaining() >= Integer.BYTES ? in.getInt() : -1;
            if (length < 2 || length > in.remaining()) {
                throw new IllegalArgumentException("stored bundle parts are cut short or damaged");
            }
            lists[i] = new Slice(stored, in.position(), length);
            in.position(in.position() + length);
            if (lists[i].at(0) != '[' || lists[i].at(length - 1) != ']') {
                throw new IllegalArgumentException("a stored bundle part is not a JSON array");
            }
        }
        if (in.hasRemaining() || !secretsJson.startsWith("[") || !secretsJson.endsWith("]")) {
            throw new IllegalArgumentException("stored bundle parts hold more than their four lists, or the secrets are not a JSON array");
        }
        return new BundleParts(lists[0], lists[1], lists[2], lists[3], secretsJson);
    }

    /** The four lists without secrets, each after its length: what is stored beside the release. */
    public byte[] stored() {
        Slice[] lists = {process, variables, templates, packages};
        ByteBuffer out = ByteBuffer.allocate(LISTS * Integer.BYTES + Slice.length(lists));
        for (Slice list : lists) {
            out.putInt(list.length()).put(list.array(), list.offset(), list.length());
        }
        return out.array();
    }

    /** The secret values (name, scope, value) as canonical JSON: sensitive, to be stored only sealed. */
    public String secretsJson() {
        return secrets;
    }

    Slice[] processPart(String bundleId) {
        return around(Json.write(new Dto.ProcessPart(bundleId, List.of())), 1, process);
    }

    Slice[] variablesPart(String bundleId) {
        return around(Json.write(new Dto.VariablesPart(bundleId, List.of())), 1, variables);
    }

    Slice[] templatesPart(String bundleId, List<Dto.EnvironmentTemplate> environmentTemplates) {
        return around(Json.write(new Dto.TemplatesPart(bundleId, environmentTemplates, List.of())), 1, templates);
    }

    Slice[] packagesPart(String bundleId) {
        return around(Json.write(new Dto.PackagesPart(bundleId, List.of())), 1, packages);
    }

    /** The plaintext of secrets.cms: sensitive, the caller wipes it. Its values come before its last field, the version. */
    byte[] secretsPart(String bundleId, String project, String version, String targetSpace, String targetFingerprint) {
        byte[] list = secrets.getBytes(StandardCharsets.UTF_8);
        try {
            return Slice.join(around(Json.write(new Dto.Secrets(bundleId, project, version, targetSpace, targetFingerprint, List.of())),
                    ",\"version\":".length() + Json.write(version).length + 1, Slice.of(list)));
        } finally {
            Arrays.fill(list, (byte) 0);
        }
    }

    /**
     * The canonical JSON of a part from the canonical JSON of the same part with its list empty ("[]", followed by
     * {@code tail} bytes): sorted keys and no spaces make the list's text the same wherever it stands. As slices (what
     * comes before the list, the list, the tail), so the list is not copied.
     */
    private static Slice[] around(byte[] empty, int tail, Slice list) {
        int at = empty.length - tail - 2;
        if (at < 0 || empty[at] != '[' || empty[at + 1] != ']') {
            throw new IllegalStateException("a bundle part's list is not where its canonical form puts it");
        }
        return new Slice[] {new Slice(empty, 0, at), list, new Slice(empty, at + 2, tail)};
    }

    private static byte[] result(FutureTask<byte[]> task) {
        task.run(); // does nothing once another thread has started it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a bundle", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
