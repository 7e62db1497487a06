package odcm.persistence.environment;

import static odcm.persistence.jooq.Tables.ENVIRONMENT;
import static odcm.persistence.jooq.Tables.ENVIRONMENT_TEMPLATE;
import static odcm.persistence.jooq.Tables.LIFECYCLE;
import static odcm.persistence.jooq.Tables.PHASE;
import static odcm.persistence.jooq.Tables.PHASE_MEMBER;
import static odcm.persistence.jooq.Tables.PROVISIONING;
import static odcm.persistence.jooq.Tables.RELEASE;
import static odcm.persistence.jooq.Tables.SPACE;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.Provisioning;
import odcm.persistence.Json;
import odcm.persistence.StoreTime;
import odcm.persistence.jooq.tables.records.EnvironmentTemplateRecord;
import odcm.persistence.jooq.tables.records.ProvisioningRecord;
import odcm.persistence.project.Documents;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Environment templates in jOOQ; records become model types only in {@link #template} and {@link #provisioning}. */
public final class JooqTemplateRepository implements TemplateRepository {
    private final DSLContext dsl;

    public JooqTemplateRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public EnvironmentTemplate insert(EnvironmentTemplate t, Long ownerSpaceId, Long sourceSpaceId, Instant at) {
        EnvironmentTemplateRecord r = dsl.newRecord(ENVIRONMENT_TEMPLATE);
        r.setSpaceId(t.spaceId());
        r.setOwnerSpaceId(ownerSpaceId);
        r.setSourceSpaceId(sourceSpaceId);
        r.setCreatedAt(StoreTime.column(at));
        define(r, t);
        r.store();
        return template(r);
    }

    @Override
    public void hold(long templateId, Long releaseId, EnvironmentTemplate carried) {
        String json = null;
        if (carried != null) {
            EnvironmentTemplateRecord r = new EnvironmentTemplateRecord();
            define(r, carried);
            Map<String, Object> fields = new LinkedHashMap<>(r.intoMap());
            fields.values().removeIf(java.util.Objects::isNull);
            json = Json.write(fields);
        }
        dsl.update(ENVIRONMENT_TEMPLATE).set(ENVIRONMENT_TEMPLATE.PENDING_JSON, json).set(ENVIRONMENT_TEMPLATE.PENDING_RELEASE_ID, carried == null ? null : releaseId)
                .where(ENVIRONMENT_TEMPLATE.ID.eq(templateId)).execute();
    }

    @Override
    public List<Held> held(long releaseId) {
        return dsl.selectFrom(ENVIRONMENT_TEMPLATE).where(ENVIRONMENT_TEMPLATE.PENDING_RELEASE_ID.eq(releaseId)).orderBy(ENVIRONMENT_TEMPLATE.NAME_KEY)
                .fetch(r -> {
                    EnvironmentTemplateRecord carried = r.copy();
                    carried.fromMap(Json.read(r.getPendingJson(), Map.class, "a template's carried definition"));
                    carried.setId(r.getId());
                    carried.setSpaceId(r.getSpaceId());
                    carried.setVersion(r.getVersion());
                    return new Held(template(r), template(carried));
                });
    }

    @Override
    public List<odcm.model.environment.RemoteTemplate> findRemoteBySpace(long spaceId) {
        return remote(ENVIRONMENT_TEMPLATE.SPACE_ID.eq(spaceId));
    }

    @Override
    public List<odcm.model.environment.RemoteTemplate> findRemoteByOwner(long ownerSpaceId) {
        return remote(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID.eq(ownerSpaceId));
    }

    @Override
    public List<EnvironmentTemplate> findBySource(long sourceSpaceId) {
        return find(ENVIRONMENT_TEMPLATE.SOURCE_SPACE_ID.eq(sourceSpaceId));
    }

    private List<odcm.model.environment.RemoteTemplate> remote(Condition condition) {
        return dsl.select(ENVIRONMENT_TEMPLATE.fields()).select(SPACE.NAME).from(ENVIRONMENT_TEMPLATE)
                .join(SPACE).on(SPACE.ID.eq(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID))
                .where(condition).orderBy(ENVIRONMENT_TEMPLATE.NAME_KEY)
                .fetch(rec -> new odcm.model.environment.RemoteTemplate(template(rec.into(ENVIRONMENT_TEMPLATE)),
                        rec.get(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID), rec.get(SPACE.NAME)));
    }

    @Override
    public Optional<Long> sourceOf(long templateId) {
        return dsl.select(ENVIRONMENT_TEMPLATE.SOURCE_SPACE_ID).from(ENVIRONMENT_TEMPLATE).where(ENVIRONMENT_TEMPLATE.ID.eq(templateId))
                .fetchOptional(ENVIRONMENT_TEMPLATE.SOURCE_SPACE_ID);
    }

    private static void define(EnvironmentTemplateRecord r, EnvironmentTemplate t) {
        r.setName(t.name());
        r.setNameKey(JooqEnvironmentRepository.key(t.name()));
        r.setDescription(t.description());
        r.setParametersJson(Documents.templates(t.parameters()));
        r.setProvisioningJson(Documents.process(t.provisioning()));
        r.setDeprovisioningJson(Documents.process(t.deprovisioning()));
        r.setNameExpression(t.nameExpression().text());
        r.setOnExisting(t.onExisting().name());
        r.setDeprovisionWhenProgressed(t.deprovisionWhenProgressed());
        r.setDeprovisionAfterDays(t.deprovisionAfterDays());
    }

    @Override
    public Optional<EnvironmentTemplate> update(EnvironmentTemplate t, long version) {
        int n = dsl.update(ENVIRONMENT_TEMPLATE).set(ENVIRONMENT_TEMPLATE.NAME, t.name()).set(ENVIRONMENT_TEMPLATE.NAME_KEY, JooqEnvironmentRepository.key(t.name()))
                .set(ENVIRONMENT_TEMPLATE.DESCRIPTION, t.description()).set(ENVIRONMENT_TEMPLATE.PARAMETERS_JSON, Documents.templates(t.parameters()))
                .set(ENVIRONMENT_TEMPLATE.PROVISIONING_JSON, Documents.process(t.provisioning()))
                .set(ENVIRONMENT_TEMPLATE.DEPROVISIONING_JSON, Documents.process(t.deprovisioning()))
                .set(ENVIRONMENT_TEMPLATE.NAME_EXPRESSION, t.nameExpression().text()).set(ENVIRONMENT_TEMPLATE.ON_EXISTING, t.onExisting().name())
                .set(ENVIRONMENT_TEMPLATE.DEPROVISION_WHEN_PROGRESSED, t.deprovisionWhenProgressed())
                .set(ENVIRONMENT_TEMPLATE.DEPROVISION_AFTER_DAYS, t.deprovisionAfterDays()).set(ENVIRONMENT_TEMPLATE.VERSION, ENVIRONMENT_TEMPLATE.VERSION.plus(1))
                .where(ENVIRONMENT_TEMPLATE.ID.eq(t.id())).and(ENVIRONMENT_TEMPLATE.VERSION.eq(version)).execute();
        return n == 0 ? Optional.empty() : findById(t.id());
    }

    @Override
    public boolean delete(long templateId, long version) {
        return dsl.deleteFrom(ENVIRONMENT_TEMPLATE).where(ENVIRONMENT_TEMPLATE.ID.eq(templateId)).and(ENVIRONMENT_TEMPLATE.VERSION.eq(version)).execute() > 0;
    }

    @Override
    public List<EnvironmentTemplate> findBySpace(long spaceId) {
        return find(ENVIRONMENT_TEMPLATE.SPACE_ID.eq(spaceId).and(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID.isNull()));
    }

    @Override
    public Optional<EnvironmentTemplate> findById(long templateId) {
        return find(ENVIRONMENT_TEMPLATE.ID.eq(templateId)).stream().findFirst();
    }

    @Override
    public Optional<EnvironmentTemplate> findByName(long spaceId, String name) {
        return find(ENVIRONMENT_TEMPLATE.SPACE_ID.eq(spaceId).and(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID.isNull()).and(ENVIRONMENT_TEMPLATE.NAME_KEY.eq(JooqEnvironmentRepository.key(name.strip()))))
                .stream().findFirst();
    }

    private List<EnvironmentTemplate> find(Condition condition) {
        return dsl.selectFrom(ENVIRONMENT_TEMPLATE).where(condition).orderBy(ENVIRONMENT_TEMPLATE.NAME_KEY).fetch(JooqTemplateRepository::template);
    }

    @Override
    public List<Environment> instances(long templateId) {
        return JooqEnvironmentRepository.environments(dsl, ENVIRONMENT.TEMPLATE_ID.eq(templateId));
    }

    @Override
    public List<Environment> liveInstancesFor(long spaceId, long sourceSpaceId, int limit) {
        var latest = PROVISIONING.as("latest");
        var ids = dsl.select(ENVIRONMENT.ID).from(ENVIRONMENT).join(PROVISIONING).on(PROVISIONING.ENVIRONMENT_ID.eq(ENVIRONMENT.ID))
                .join(RELEASE).on(RELEASE.ID.eq(PROVISIONING.RELEASE_ID))
                .where(ENVIRONMENT.SPACE_ID.eq(spaceId)).and(ENVIRONMENT.DEPROVISIONED_AT.isNull()).and(RELEASE.SOURCE_SPACE_ID.eq(sourceSpaceId))
                .and(PROVISIONING.ID.eq(DSL.select(DSL.max(latest.ID)).from(latest).where(latest.ENVIRONMENT_ID.eq(ENVIRONMENT.ID))))
                .orderBy(ENVIRONMENT.ID.desc()).limit(limit).fetch(ENVIRONMENT.ID);
        List<Environment> out = new java.util.ArrayList<>(JooqEnvironmentRepository.environments(dsl, ENVIRONMENT.ID.in(ids)));
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public Map<Long, List<Environment>> liveInstances(long spaceId) {
        Map<Long, List<Environment>> out = new LinkedHashMap<>();
        for (Environment e : JooqEnvironmentRepository.environments(dsl, ENVIRONMENT.SPACE_ID.eq(spaceId)
                .and(ENVIRONMENT.TEMPLATE_ID.isNotNull()).and(ENVIRONMENT.DEPROVISIONED_AT.isNull()))) {
            out.computeIfAbsent(e.templateId(), k -> new java.util.ArrayList<>()).add(e);
        }
        return out;
    }

    @Override
    public Environment insertInstance(long spaceId, long templateId, String name, String description, Instant at) {
        var r = dsl.newRecord(ENVIRONMENT);
        r.setSpaceId(spaceId);
        r.setName(name);
        r.setNameKey(JooqEnvironmentRepository.key(name));
        r.setDescription(description);
        r.setCreatedAt(StoreTime.column(at));
        r.setTemplateId(templateId);
        r.store();
        return JooqEnvironmentRepository.environments(dsl, ENVIRONMENT.ID.eq(r.getId())).get(0);
    }

    @Override
    public Environment setDeprovisioned(long environmentId, Instant at) {
        dsl.update(ENVIRONMENT).set(ENVIRONMENT.DEPROVISIONED_AT, at == null ? null : StoreTime.column(at))
                .set(ENVIRONMENT.VERSION, ENVIRONMENT.VERSION.plus(1)).where(ENVIRONMENT.ID.eq(environmentId)).execute();
        return JooqEnvironmentRepository.environments(dsl, ENVIRONMENT.ID.eq(environmentId)).get(0);
    }

    @Override
    public Provisioning record(long spaceId, Environment instance, Provisioning.Kind kind, Provisioning.Reason reason, Long releaseId,
                               Provisioning.Process process, Map<String, String> parameters, Instant at, String by) {
        ProvisioningRecord r = dsl.newRecord(PROVISIONING);
        r.setSpaceId(spaceId);
        r.setEnvironmentId(instance.id());
        r.setTemplateId(instance.templateId());
        r.setKind(kind.name());
        r.setReason(reason.name());
        r.setReleaseId(releaseId);
        r.setProcess(process.name());
        r.setParametersJson(Json.write(new LinkedHashMap<>(parameters)));
        r.setDoneAt(StoreTime.column(at));
        r.setDoneBy(by);
        r.store();
        return provisionings(PROVISIONING.ID.eq(r.getId())).get(0);
    }

    @Override
    public List<Provisioning> history(long templateId) {
        return provisionings(PROVISIONING.TEMPLATE_ID.eq(templateId));
    }

    @Override
    public Optional<Provisioning> latest(long environmentId) {
        return provisionings(PROVISIONING.ENVIRONMENT_ID.eq(environmentId)).stream().findFirst();
    }

    private List<Provisioning> provisionings(Condition condition) {
        return dsl.select(PROVISIONING.fields()).select(ENVIRONMENT.NAME, RELEASE.VERSION)
                .from(PROVISIONING).join(ENVIRONMENT).on(ENVIRONMENT.ID.eq(PROVISIONING.ENVIRONMENT_ID))
                .leftJoin(RELEASE).on(RELEASE.ID.eq(PROVISIONING.RELEASE_ID))
                .where(condition).orderBy(PROVISIONING.ID.desc()).fetch(JooqTemplateRepository::provisioning);
    }

    @Override
    public List<String> lifecyclesUsing(long templateId) {
        return dsl.selectDistinct(LIFECYCLE.NAME).from(LIFECYCLE).join(PHASE).on(PHASE.LIFECYCLE_ID.eq(LIFECYCLE.ID))
                .join(PHASE_MEMBER).on(PHASE_MEMBER.PHASE_ID.eq(PHASE.ID)).where(PHASE_MEMBER.TEMPLATE_ID.eq(templateId))
                .orderBy(LIFECYCLE.NAME).fetch(LIFECYCLE.NAME);
    }

    private static EnvironmentTemplate template(EnvironmentTemplateRecord r) {
        var parameters = Documents.templates(r.getParametersJson());
        return new EnvironmentTemplate(r.getId(), r.getSpaceId(), r.getName(), r.getDescription(), parameters,
                Documents.process(r.getProvisioningJson()), Documents.process(r.getDeprovisioningJson()),
                EnvironmentTemplate.expression(r.getNameExpression(), parameters), EnvironmentTemplate.OnExisting.valueOf(r.getOnExisting()),
                r.getDeprovisionWhenProgressed(), r.getDeprovisionAfterDays(), r.getVersion());
    }

    @SuppressWarnings("unchecked")
    private static Provisioning provisioning(Record rec) {
        ProvisioningRecord r = rec.into(PROVISIONING);
        return new Provisioning(r.getId(), r.getEnvironmentId(), rec.get(ENVIRONMENT.NAME), r.getTemplateId(), Provisioning.Kind.valueOf(r.getKind()),
                Provisioning.Reason.valueOf(r.getReason()), r.getReleaseId(), rec.get(RELEASE.VERSION), Provisioning.Process.valueOf(r.getProcess()),
                Json.read(r.getParametersJson(), Map.class, "a provisioning's parameters"), StoreTime.instant(r.getDoneAt()), r.getDoneBy());
    }
}
