package odcm.persistence.environment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.Provisioning;

/** Environment templates of local spaces, their instances (environments) and what was provisioned (docs/decisions/0057). */
public interface TemplateRepository {
    /** {@code t}'s id and version are ignored: the new row's are returned. */
    default EnvironmentTemplate insert(EnvironmentTemplate t, Instant at) {
        return insert(t, null, null, at);
    }

    /**
     * As {@link #insert(EnvironmentTemplate, Instant)}: with {@code ownerSpaceId}, a placeholder of that space's template (a
     * remote template, decision 0058); with {@code sourceSpaceId}, a template made by that space's release bundles.
     */
    EnvironmentTemplate insert(EnvironmentTemplate t, Long ownerSpaceId, Long sourceSpaceId, Instant at);

    /**
     * Holds {@code carried}, the definition an imported release awaiting acceptance carries for template {@code templateId}
     * (made by bundles), until release {@code releaseId} is accepted or declined (decision 0058); {@code carried} null clears it.
     * One per template: a later import's replaces an earlier one's.
     */
    void hold(long templateId, Long releaseId, EnvironmentTemplate carried);

    /** The definitions held for release {@code releaseId}: each template as it is here, and as the release carries it. */
    List<Held> held(long releaseId);

    /** A template as it is here, and as an imported release awaiting acceptance carries it (ids and version: the template's). */
    record Held(EnvironmentTemplate template, EnvironmentTemplate carried) {
    }

    /** The remote templates (placeholders) of the space, by name. */
    List<odcm.model.environment.RemoteTemplate> findRemoteBySpace(long spaceId);

    /** Every space's remote templates (placeholders) of templates of {@code ownerSpaceId}: the template's space is where each stands. */
    List<odcm.model.environment.RemoteTemplate> findRemoteByOwner(long ownerSpaceId);

    /** Every template (of any space) made by release bundles from {@code sourceSpaceId}. */
    List<EnvironmentTemplate> findBySource(long sourceSpaceId);

    /** The space whose release bundles made the template, if they did. */
    Optional<Long> sourceOf(long templateId);

    /** Writes everything of {@code t} but its space; empty, and nothing written, when the template is no longer at {@code version}. */
    Optional<EnvironmentTemplate> update(EnvironmentTemplate t, long version);

    /** False, and nothing deleted, when the template is no longer at {@code version}. Callers check instances and phases first. */
    boolean delete(long templateId, long version);

    /** The space's own templates (not its remote ones), by name. */
    List<EnvironmentTemplate> findBySpace(long spaceId);

    Optional<EnvironmentTemplate> findById(long templateId);

    /** One of the space's own templates by name, case-insensitively. */
    Optional<EnvironmentTemplate> findByName(long spaceId, String name);

    /** Every instance of the template, de-provisioned ones too, in the order they were made. */
    List<Environment> instances(long templateId);

    /**
     * The space's live instances last provisioned for a release imported from {@code sourceSpaceId} (what a receipt to that
     * space names, decision 0058), newest first, at most {@code limit}.
     */
    List<Environment> liveInstancesFor(long spaceId, long sourceSpaceId, int limit);

    /** The live instances of every template of the space, by template id (for {@code Lifecycle.withInstances}). */
    Map<Long, List<Environment>> liveInstances(long spaceId);

    /** A new environment, an instance of {@code templateId}. */
    Environment insertInstance(long spaceId, long templateId, String name, String description, Instant at);

    /** Marks the instance de-provisioned at {@code at}, or live again (null); bumps its version. */
    Environment setDeprovisioned(long environmentId, Instant at);

    Provisioning record(long spaceId, Environment instance, Provisioning.Kind kind, Provisioning.Reason reason, Long releaseId,
                        Provisioning.Process process, Map<String, String> parameters, Instant at, String by);

    /** What was provisioned and de-provisioned from the template, newest first. */
    List<Provisioning> history(long templateId);

    /** The latest record of the instance, if any. */
    Optional<Provisioning> latest(long environmentId);

    /** Names of the lifecycles with a phase holding this template. */
    List<String> lifecyclesUsing(long templateId);
}
