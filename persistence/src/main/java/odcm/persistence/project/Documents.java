package odcm.persistence.project;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import odcm.persistence.Json;

/**
 * The JSON documents of a project (process, variables, templates) and of a release snapshot, mapped to and from
 * model types in this one place. A sensitive variable is written with its sealed value only (base64), never its value.
 */
public final class Documents {
    private Documents() {
    }

    public record StepDto(String name, String actionType, Map<String, String> properties, List<String> scope, List<String> packages) {
    }

    /** {@code value} for a plain variable; {@code sealed} (base64 of the sealed bytes) for a sensitive one. */
    public record VariableDto(String name, boolean sensitive, String value, String sealed, List<String> scope) {
    }

    public record TemplateDto(String name, String label, String helpText, String type, List<String> options, boolean mandatory,
                              String defaultValue) {
    }

    public record PackageDto(String packageId, String version, String sha256) {
    }

    public record SnapshotDto(List<StepDto> process, List<VariableDto> variables, List<TemplateDto> templates, List<PackageDto> packages) {
    }

    /** Seals one sensitive value of the named variable. */
    public interface Sealer {
        byte[] seal(String variable, String value);
    }

    /** Opens the sealed value of the named variable; empty when the master key is not available. */
    public interface Opener extends BiFunction<String, byte[], Optional<String>> {
    }

    public static String process(List<DeploymentStep> steps) {
        Json.Text out = new Json.Text(steps.size() * 256);
        Json.stream(out, g -> writeSteps(g, steps));
        return out.toString();
    }

    public static List<DeploymentStep> process(String json) {
        return steps(Arrays.asList(Json.read(json, StepDto[].class, "a deployment process")));
    }

    public static String templates(List<VariableTemplate> templates) {
        return Json.write(templateDtos(templates));
    }

    public static List<VariableTemplate> templates(String json) {
        return fromTemplateDtos(Arrays.asList(Json.read(json, TemplateDto[].class, "variable templates")));
    }

    public static String variables(List<Variable> variables, Sealer sealer) {
        return Json.write(variableDtos(variables, sealer));
    }

    public static List<Variable> variables(String json, Opener opener) {
        return variables(Arrays.asList(Json.read(json, VariableDto[].class, "variables")), opener);
    }

    public static String snapshot(ReleaseSnapshot s, Sealer sealer) {
        return snapshotText(s, sealer).toString();
    }

    /**
     * The snapshot's JSON as {@link #snapshot(ReleaseSnapshot, Sealer)} gives it, in a buffer that is never copied into a
     * string (a megabyte at size): written token by token with the same generator the DTOs' data binding uses, field for
     * field in the order of {@link SnapshotDto} and its parts, so the text is the same, character for character
     * ({@code DocumentsTest}); no DTO is made per step or variable.
     */
    public static Json.Text snapshotText(ReleaseSnapshot s, Sealer sealer) {
        Json.Text out = new Json.Text(size(s));
        Json.stream(out, g -> {
            g.writeStartObject();
            g.writeFieldName("process");
            writeSteps(g, s.process());
            g.writeFieldName("variables");
            g.writeStartArray();
            for (Variable v : s.variables()) {
                g.writeStartObject();
                g.writeStringField("name", v.name());
                g.writeBooleanField("sensitive", v.sensitive());
                g.writeStringField("value", v.sensitive() ? null : v.value());
                g.writeStringField("sealed", v.sensitive() ? Base64.getEncoder().encodeToString(sealer.seal(v.name(), v.value())) : null);
                writeStrings(g, "scope", v.scope().environments());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("templates");
            g.writeStartArray();
            for (VariableTemplate t : s.templates()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeStringField("label", t.label());
                g.writeStringField("helpText", t.helpText());
                g.writeStringField("type", t.type().name());
                writeStrings(g, "options", t.options());
                g.writeBooleanField("mandatory", t.mandatory());
                g.writeStringField("defaultValue", t.defaultValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("packages");
            g.writeStartArray();
            for (PackageVersion p : s.packages()) {
                g.writeStartObject();
                g.writeStringField("packageId", p.packageId());
                g.writeStringField("version", p.version());
                g.writeStringField("sha256", p.sha256());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return out;
    }

    /**
     * About the length of the snapshot's JSON, a little over for most content: the buffer is made once at that size
     * instead of doubling from a guess (each doubling a copy and a larger array, megabytes at size). A sealed value is its
     * UTF-8 with a nonce, a tag and a version byte, in base64; text that needs escapes may still make the buffer grow.
     */
    static int size(ReleaseSnapshot s) {
        long n = 256;
        for (Variable v : s.variables()) {
            n += 64 + v.name().length() + chars(v.scope().environments()) + (v.sensitive() ? (3L * v.value().length() + 40) * 4 / 3 : v.value().length());
        }
        for (DeploymentStep d : s.process()) {
            n += 96 + d.name().length() + d.actionType().length() + chars(d.scope().environments());
            for (Map.Entry<String, String> e : d.properties().entrySet()) {
                n += 8 + e.getKey().length() + e.getValue().length();
            }
            for (PackageReference p : d.packages()) {
                n += 3 + p.packageId().length();
            }
        }
        n += 160L * s.templates().size() + 96L * s.packages().size();
        for (VariableTemplate t : s.templates()) {
            n += t.name().length() + t.label().length() + t.helpText().length() + t.defaultValue().length() + chars(t.options());
        }
        for (PackageVersion p : s.packages()) {
            n += p.packageId().length() + p.version().length() + p.sha256().length();
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, n + n / 16);
    }

    private static long chars(List<String> values) {
        long n = 0;
        for (int i = 0; i < values.size(); i++) { // by index: no iterator per list (a scope's, for each of 10,000 variables)
            n += 3 + values.get(i).length();
        }
        return n;
    }

    /** The snapshot as its DTO, as the data binding wrote it before it was streamed: what {@code DocumentsTest} compares with. */
    static SnapshotDto snapshotDto(ReleaseSnapshot s, Sealer sealer) {
        return new SnapshotDto(stepDtos(s.process()), variableDtos(s.variables(), sealer), templateDtos(s.templates()),
                s.packages().stream().map(p -> new PackageDto(p.packageId(), p.version(), p.sha256())).toList());
    }

    /** The steps as the array of {@link StepDto} the data binding writes. */
    private static void writeSteps(com.fasterxml.jackson.core.JsonGenerator g, List<DeploymentStep> steps) throws java.io.IOException {
        g.writeStartArray();
        for (DeploymentStep s : steps) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("actionType", s.actionType());
            g.writeFieldName("properties");
            g.writeStartObject();
            for (Map.Entry<String, String> e : s.properties().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            writeStrings(g, "scope", s.scope().environments());
            g.writeFieldName("packages");
            g.writeStartArray();
            for (PackageReference p : s.packages()) {
                g.writeString(p.packageId());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeStrings(com.fasterxml.jackson.core.JsonGenerator g, String field, List<String> values) throws java.io.IOException {
        g.writeFieldName(field);
        g.writeStartArray();
        for (int i = 0; i < values.size(); i++) { // by index, as in chars
            g.writeString(values.get(i));
        }
        g.writeEndArray();
    }

    public static ReleaseSnapshot snapshot(String json, Opener opener) {
        SnapshotDto d = Json.read(json, SnapshotDto.class, "a release snapshot");
        return new ReleaseSnapshot(steps(d.process()), variables(d.variables(), opener), fromTemplateDtos(d.templates()),
                d.packages().stream().map(p -> new PackageVersion(p.packageId(), p.version(), p.sha256())).toList());
    }

    /** Whether any step of the process JSON or any variable of the variables JSON is scoped to {@code environment} (ignoring case). */
    public static boolean scopedTo(String processJson, String variablesJson, String environment) {
        return Arrays.stream(Json.read(processJson, StepDto[].class, "a deployment process")).anyMatch(d -> has(d.scope(), environment))
                || Arrays.stream(Json.read(variablesJson, VariableDto[].class, "variables")).anyMatch(d -> has(d.scope(), environment));
    }

    /** The process JSON with {@code from} renamed to {@code to} in every scope. */
    public static String renameInProcess(String processJson, String from, String to) {
        return Json.write(Arrays.stream(Json.read(processJson, StepDto[].class, "a deployment process"))
                .map(d -> new StepDto(d.name(), d.actionType(), d.properties(), rename(d.scope(), from, to), d.packages())).toList());
    }

    /** The variables JSON with {@code from} renamed to {@code to} in every scope; sealed values are left as they are. */
    public static String renameInVariables(String variablesJson, String from, String to) {
        return Json.write(Arrays.stream(Json.read(variablesJson, VariableDto[].class, "variables"))
                .map(d -> new VariableDto(d.name(), d.sensitive(), d.value(), d.sealed(), rename(d.scope(), from, to))).toList());
    }

    private static boolean has(List<String> scope, String environment) {
        return scope != null && scope.stream().anyMatch(e -> odcm.model.Names.same(e, environment));
    }

    private static List<String> rename(List<String> scope, String from, String to) {
        return scope == null ? List.of() : Scope.of(scope.stream().map(e -> odcm.model.Names.same(e, from) ? to : e).toList()).environments();
    }

    private static List<StepDto> stepDtos(List<DeploymentStep> steps) {
        return steps.stream().map(s -> new StepDto(s.name(), s.actionType(), new LinkedHashMap<>(s.properties()), s.scope().environments(),
                s.packages().stream().map(PackageReference::packageId).toList())).toList();
    }

    private static List<DeploymentStep> steps(List<StepDto> dtos) {
        return dtos.stream().map(d -> new DeploymentStep(d.name(), d.actionType(), d.properties() == null ? Map.of() : d.properties(),
                Scope.of(d.scope()), d.packages().stream().map(PackageReference::new).toList())).toList();
    }

    private static List<TemplateDto> templateDtos(List<VariableTemplate> templates) {
        return templates.stream().map(t -> new TemplateDto(t.name(), t.label(), t.helpText(), t.type().name(), t.options(), t.mandatory(),
                t.defaultValue())).toList();
    }

    private static List<VariableTemplate> fromTemplateDtos(List<TemplateDto> dtos) {
        return dtos.stream().map(d -> new VariableTemplate(d.name(), d.label(), d.helpText(), TemplateType.valueOf(d.type()), d.options(),
                d.mandatory(), d.defaultValue())).toList();
    }

    private static List<VariableDto> variableDtos(List<Variable> variables, Sealer sealer) {
        return variables.stream().map(v -> v.sensitive()
                ? new VariableDto(v.name(), true, null, Base64.getEncoder().encodeToString(sealer.seal(v.name(), v.value())), v.scope().environments())
                : new VariableDto(v.name(), false, v.value(), null, v.scope().environments())).toList();
    }

    private static List<Variable> variables(List<VariableDto> dtos, Opener opener) {
        return dtos.stream().map(d -> d.sensitive()
                ? new Variable(d.name(), opener.apply(d.name(), Base64.getDecoder().decode(d.sealed())).orElse(""), true, Scope.of(d.scope()))
                : new Variable(d.name(), d.value(), false, Scope.of(d.scope()))).toList();
    }
}
