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
        return Json.write(stepDtos(steps));
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
        return Json.write(new SnapshotDto(stepDtos(s.process()), variableDtos(s.variables(), sealer), templateDtos(s.templates()),
                s.packages().stream().map(p -> new PackageDto(p.packageId(), p.version(), p.sha256())).toList()));
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
