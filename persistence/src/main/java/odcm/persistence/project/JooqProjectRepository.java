package odcm.persistence.project;

import static odcm.persistence.jooq.Tables.LIFECYCLE;
import static odcm.persistence.jooq.Tables.PROJECT;
import static odcm.persistence.jooq.Tables.PROJECT_CHANNEL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.lifecycle.composite.LifecycleCatalog;
import odcm.model.project.Channel;
import odcm.model.project.Project;
import odcm.persistence.SensitiveValues;
import odcm.persistence.StoreTime;
import odcm.persistence.environment.JooqEnvironmentRepository;
import odcm.persistence.jooq.tables.records.ProjectChannelRecord;
import odcm.persistence.jooq.tables.records.ProjectRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Projects in jOOQ: one row with JSON documents, plus channel rows; mapped to {@link Project} in {@link #project}. */
public final class JooqProjectRepository implements ProjectRepository {
    private final DSLContext dsl;
    private final SensitiveValues sensitive;

    public JooqProjectRepository(DSLContext dsl, SensitiveValues sensitive) {
        this.dsl = dsl;
        this.sensitive = sensitive;
    }

    @Override
    public Project insert(long spaceId, ProjectData data, Instant at, Long sourceSpaceId) {
        ProjectRecord r = dsl.newRecord(PROJECT);
        r.setSpaceId(spaceId);
        r.setSourceSpaceId(sourceSpaceId);
        r.setCreatedAt(StoreTime.column(at));
        r.setVariablesJson("[]"); // sealed values are bound to the project id, known once the row exists
        fill(r, data);
        r.store();
        r.setVariablesJson(variablesJson(r.getId(), data));
        r.store();
        insertChannels(r.getId(), data.channels());
        return written(r, data);
    }

    @Override
    public Optional<Project> update(long projectId, long version, ProjectData data) {
        ProjectRecord r = dsl.newRecord(PROJECT);
        fill(r, data);
        r.setVariablesJson(variablesJson(projectId, data));
        // The columns written, nothing read back: a record's store() re-reads the row, its documents a megabyte at size.
        if (dsl.update(PROJECT).set(r).set(PROJECT.VERSION, PROJECT.VERSION.plus(1))
                .where(PROJECT.ID.eq(projectId)).and(PROJECT.VERSION.eq(version)).execute() == 0) {
            return Optional.empty();
        }
        r.setId(projectId);
        r.setVersion(version + 1);
        r.setSpaceId(dsl.select(PROJECT.SPACE_ID).from(PROJECT).where(PROJECT.ID.eq(projectId)).fetchSingle(PROJECT.SPACE_ID));
        dsl.deleteFrom(PROJECT_CHANNEL).where(PROJECT_CHANNEL.PROJECT_ID.eq(projectId)).execute();
        insertChannels(projectId, data.channels());
        return Optional.of(written(r, data));
    }

    /** The project as just written: its row's columns and the data it was written from (not parsed and opened again). */
    private Project written(ProjectRecord r, ProjectData data) {
        String lifecycle = dsl.select(LIFECYCLE.NAME).from(LIFECYCLE).where(LIFECYCLE.ID.eq(r.getLifecycleId())).fetchSingle(LIFECYCLE.NAME);
        return new Project(r.getId(), r.getSpaceId(), r.getName(), r.getDescription(), r.getLifecycleId(), lifecycle, data.process(),
                data.variables(), data.templates(), data.channels(), r.getVersion());
    }

    private static void fill(ProjectRecord r, ProjectData data) {
        r.setName(data.name());
        r.setNameKey(JooqEnvironmentRepository.key(data.name()));
        r.setDescription(data.description());
        r.setLifecycleId(data.lifecycleId());
        r.setProcessJson(Documents.process(data.process()));
        r.setTemplatesJson(Documents.templates(data.templates()));
    }

    private String variablesJson(long projectId, ProjectData data) {
        try (SensitiveValues.Sealing sealing = sensitive.sealing()) {
            return Documents.variables(data.variables(), (variable, value) -> sealing.seal(value, sensitive.projectContext(projectId, variable)));
        }
    }

    private void insertChannels(long projectId, List<Channel> channels) {
        List<ProjectChannelRecord> rows = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            ProjectChannelRecord c = dsl.newRecord(PROJECT_CHANNEL);
            c.setProjectId(projectId);
            c.setPosition(i);
            c.setName(channels.get(i).name());
            c.setNameKey(JooqEnvironmentRepository.key(channels.get(i).name()));
            c.setIsDefault(channels.get(i).isDefault());
            rows.add(c);
        }
        dsl.batchInsert(rows).execute();
    }

    @Override
    public boolean delete(long projectId, long version) {
        return dsl.deleteFrom(PROJECT).where(PROJECT.ID.eq(projectId)).and(PROJECT.VERSION.eq(version)).execute() > 0;
    }

    @Override
    public List<Project> findBySpace(long spaceId) {
        return find(PROJECT.SPACE_ID.eq(spaceId));
    }

    @Override
    public Optional<Project> findById(long projectId) {
        return find(PROJECT.ID.eq(projectId)).stream().findFirst();
    }

    @Override
    public Optional<Project> findHeadByName(long spaceId, String name) {
        return heads(PROJECT.SPACE_ID.eq(spaceId).and(PROJECT.NAME_KEY.eq(JooqEnvironmentRepository.key(name.strip())))).stream().findFirst();
    }

    @Override
    public List<Project> findHeadsBySpace(long spaceId) {
        return heads(PROJECT.SPACE_ID.eq(spaceId));
    }

    private List<Project> heads(Condition condition) {
        return dsl.select(PROJECT.ID, PROJECT.SPACE_ID, PROJECT.NAME, PROJECT.DESCRIPTION, PROJECT.LIFECYCLE_ID, LIFECYCLE.NAME, PROJECT.VERSION)
                .from(PROJECT).join(LIFECYCLE).on(LIFECYCLE.ID.eq(PROJECT.LIFECYCLE_ID))
                .where(condition).orderBy(PROJECT.ID)
                .fetch(r -> new Project(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), List.of(), List.of(), List.of(),
                        dsl.selectFrom(PROJECT_CHANNEL).where(PROJECT_CHANNEL.PROJECT_ID.eq(r.value1())).orderBy(PROJECT_CHANNEL.POSITION)
                                .fetch(c -> new Channel(c.getName(), c.getIsDefault())), r.value7()));
    }

    @Override
    public Optional<Project> findByName(long spaceId, String name) {
        return find(PROJECT.SPACE_ID.eq(spaceId).and(PROJECT.NAME_KEY.eq(JooqEnvironmentRepository.key(name.strip())))).stream().findFirst();
    }

    @Override
    public List<LifecycleCatalog.ProjectLifecycle> lifecycles() {
        return dsl.select(PROJECT.SPACE_ID, PROJECT.NAME, PROJECT.LIFECYCLE_ID).from(PROJECT).orderBy(PROJECT.ID)
                .fetch(r -> new LifecycleCatalog.ProjectLifecycle(r.value1(), r.value2(), r.value3()));
    }

    @Override
    public List<String> namesScopedTo(long spaceId, String environment) {
        return dsl.selectFrom(PROJECT).where(PROJECT.SPACE_ID.eq(spaceId)).orderBy(PROJECT.ID).fetch().stream()
                .filter(p -> Documents.scopedTo(p.getProcessJson(), p.getVariablesJson(), environment))
                .map(ProjectRecord::getName).toList();
    }

    @Override
    public void renameInScopes(long spaceId, String from, String to) {
        for (ProjectRecord p : dsl.selectFrom(PROJECT).where(PROJECT.SPACE_ID.eq(spaceId)).fetch()) {
            if (Documents.scopedTo(p.getProcessJson(), p.getVariablesJson(), from)) {
                p.setProcessJson(Documents.renameInProcess(p.getProcessJson(), from, to));
                p.setVariablesJson(Documents.renameInVariables(p.getVariablesJson(), from, to));
                p.setVersion(p.getVersion() + 1); // changed: an editor holding it before is refused (decision 0036)
                p.store();
            }
        }
    }

    @Override
    public void markRemote(long projectId, long sourceSpaceId) {
        dsl.update(PROJECT).set(PROJECT.SOURCE_SPACE_ID, sourceSpaceId).set(PROJECT.VERSION, PROJECT.VERSION.plus(1))
                .where(PROJECT.ID.eq(projectId)).execute();
    }

    @Override
    public Optional<Long> sourceSpace(long projectId) {
        return Optional.ofNullable(dsl.select(PROJECT.SOURCE_SPACE_ID).from(PROJECT).where(PROJECT.ID.eq(projectId)).fetchOne(PROJECT.SOURCE_SPACE_ID));
    }

    @Override
    public List<String> namesUsingLifecycle(long lifecycleId) {
        return dsl.select(PROJECT.NAME).from(PROJECT).where(PROJECT.LIFECYCLE_ID.eq(lifecycleId)).orderBy(PROJECT.ID).fetch(PROJECT.NAME);
    }

    @Override
    public List<odcm.model.project.Variable> variables(long projectId) {
        var row = dsl.select(PROJECT.NAME, PROJECT.VARIABLES_JSON).from(PROJECT).where(PROJECT.ID.eq(projectId)).fetchSingle();
        return variables(projectId, row.value1(), row.value2());
    }

    private List<odcm.model.project.Variable> variables(long projectId, String name, String json) {
        return Documents.variables(json, (variable, sealed) -> sensitive.open(sealed, sensitive.projectContext(projectId, variable),
                "variable '" + variable + "' of project '" + name + "'"));
    }

    private List<Project> find(Condition condition) {
        List<Record> rows = dsl.select(PROJECT.fields()).select(LIFECYCLE.NAME)
                .from(PROJECT).join(LIFECYCLE).on(LIFECYCLE.ID.eq(PROJECT.LIFECYCLE_ID))
                .where(condition).orderBy(PROJECT.ID).fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Channel>> channels = new LinkedHashMap<>();
        dsl.selectFrom(PROJECT_CHANNEL).where(PROJECT_CHANNEL.PROJECT_ID.in(rows.stream().map(r -> r.get(PROJECT.ID)).toList()))
                .orderBy(PROJECT_CHANNEL.PROJECT_ID, PROJECT_CHANNEL.POSITION)
                .forEach(c -> channels.computeIfAbsent(c.getProjectId(), k -> new ArrayList<>()).add(new Channel(c.getName(), c.getIsDefault())));
        return rows.stream().map(r -> project(r, channels.getOrDefault(r.get(PROJECT.ID), List.of()))).toList();
    }

    private Project project(Record row, List<Channel> channels) {
        ProjectRecord p = row.into(PROJECT);
        return new Project(p.getId(), p.getSpaceId(), p.getName(), p.getDescription(), p.getLifecycleId(), row.get(LIFECYCLE.NAME),
                Documents.process(p.getProcessJson()),
                variables(p.getId(), p.getName(), p.getVariablesJson()),
                Documents.templates(p.getTemplatesJson()), channels, p.getVersion());
    }
}
