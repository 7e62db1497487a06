package odcm.persistence.lifecycle;

import static odcm.persistence.jooq.Tables.ENVIRONMENT;
import static odcm.persistence.jooq.Tables.LIFECYCLE;
import static odcm.persistence.jooq.Tables.PHASE;
import static odcm.persistence.jooq.Tables.PHASE_MEMBER;
import static odcm.persistence.jooq.Tables.ENVIRONMENT_TEMPLATE;
import static odcm.persistence.jooq.Tables.REMOTE_ENVIRONMENT;
import static odcm.persistence.jooq.Tables.SPACE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.ProgressionRule;
import odcm.persistence.StoreTime;
import odcm.persistence.environment.JooqEnvironmentRepository;
import odcm.persistence.jooq.tables.records.LifecycleRecord;
import odcm.persistence.jooq.tables.records.PhaseMemberRecord;
import odcm.persistence.jooq.tables.records.PhaseRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Lifecycles in jOOQ: a lifecycle row, ordered phase rows, ordered member rows; assembled in {@link #assemble}. */
public final class JooqLifecycleRepository implements LifecycleRepository {
    private static final odcm.persistence.jooq.tables.Space OWNER = SPACE.as("OWNER");
    private static final odcm.persistence.jooq.tables.Space TARGET = SPACE.as("TARGET");
    private static final odcm.persistence.jooq.tables.Space TEMPLATE_OWNER = SPACE.as("TEMPLATE_OWNER");

    private final DSLContext dsl;

    public JooqLifecycleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Lifecycle insert(long spaceId, String name, String description, boolean isDefault, List<Phase> phases, Instant at) {
        LifecycleRecord r = dsl.newRecord(LIFECYCLE);
        r.setSpaceId(spaceId);
        r.setName(name);
        r.setNameKey(JooqEnvironmentRepository.key(name));
        r.setDescription(description);
        r.setIsDefault(isDefault);
        r.setCreatedAt(StoreTime.column(at));
        r.store();
        insertPhases(r.getId(), phases);
        return findById(r.getId()).orElseThrow();
    }

    @Override
    public Optional<Lifecycle> replace(long lifecycleId, long version, String name, String description, boolean isDefault, List<Phase> phases) {
        if (dsl.update(LIFECYCLE).set(LIFECYCLE.NAME, name).set(LIFECYCLE.NAME_KEY, JooqEnvironmentRepository.key(name))
                .set(LIFECYCLE.DESCRIPTION, description).set(LIFECYCLE.IS_DEFAULT, isDefault).set(LIFECYCLE.VERSION, LIFECYCLE.VERSION.plus(1))
                .where(LIFECYCLE.ID.eq(lifecycleId)).and(LIFECYCLE.VERSION.eq(version)).execute() == 0) {
            return Optional.empty();
        }
        dsl.deleteFrom(PHASE).where(PHASE.LIFECYCLE_ID.eq(lifecycleId)).execute(); // members go with their phases
        insertPhases(lifecycleId, phases);
        return findById(lifecycleId);
    }

    private void insertPhases(long lifecycleId, List<Phase> phases) {
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            PhaseRecord p = dsl.newRecord(PHASE);
            p.setLifecycleId(lifecycleId);
            p.setPosition(i);
            p.setName(phase.name());
            p.setRuleKind(phase.rule().kind().name());
            p.setRuleAtLeast(phase.rule().atLeast());
            p.store();
            for (int j = 0; j < phase.members().size(); j++) {
                PhaseMemberRecord m = dsl.newRecord(PHASE_MEMBER);
                m.setPhaseId(p.getId());
                m.setPosition(j);
                PhaseMember member = phase.members().get(j);
                if (member instanceof PhaseMember.LocalEnvironment e) {
                    m.setEnvironmentId(e.environmentId());
                } else if (member instanceof PhaseMember.RemoteEnvironmentMember e) {
                    m.setRemoteEnvironmentId(e.remoteEnvironmentId());
                } else if (member instanceof PhaseMember.Promotion e) {
                    m.setTargetSpaceId(e.targetSpaceId());
                } else if (member instanceof PhaseMember.TemplateMember e) {
                    m.setTemplateId(e.templateId());
                } else if (member instanceof PhaseMember.RemoteTemplateMember e) {
                    m.setTemplateId(e.templateId());
                }
                m.store();
            }
        }
    }

    @Override
    public void clearDefault(long spaceId, long exceptId) {
        // The old default changes: an editor holding it is refused (decision 0036), rather than make it the default again.
        dsl.update(LIFECYCLE).set(LIFECYCLE.IS_DEFAULT, false).set(LIFECYCLE.VERSION, LIFECYCLE.VERSION.plus(1))
                .where(LIFECYCLE.SPACE_ID.eq(spaceId)).and(LIFECYCLE.IS_DEFAULT.isTrue()).and(LIFECYCLE.ID.ne(exceptId)).execute();
    }

    @Override
    public boolean delete(long lifecycleId, long version) {
        return dsl.deleteFrom(LIFECYCLE).where(LIFECYCLE.ID.eq(lifecycleId)).and(LIFECYCLE.VERSION.eq(version)).execute() > 0;
    }

    @Override
    public List<Lifecycle> findBySpace(long spaceId) {
        return find(LIFECYCLE.SPACE_ID.eq(spaceId));
    }

    @Override
    public List<Lifecycle> findAll() {
        return find(DSL.noCondition());
    }

    @Override
    public Optional<Lifecycle> findById(long lifecycleId) {
        return find(LIFECYCLE.ID.eq(lifecycleId)).stream().findFirst();
    }

    @Override
    public Optional<Lifecycle> findByName(long spaceId, String name) {
        return find(LIFECYCLE.SPACE_ID.eq(spaceId).and(LIFECYCLE.NAME_KEY.eq(JooqEnvironmentRepository.key(name.strip())))).stream().findFirst();
    }

    @Override
    public List<String> namesUsingEnvironment(long environmentId) {
        return namesUsing(PHASE_MEMBER.ENVIRONMENT_ID.eq(environmentId));
    }

    @Override
    public List<String> namesUsingRemoteEnvironment(long remoteEnvironmentId) {
        return namesUsing(PHASE_MEMBER.REMOTE_ENVIRONMENT_ID.eq(remoteEnvironmentId));
    }

    private List<String> namesUsing(Condition member) {
        return dsl.selectDistinct(LIFECYCLE.NAME, LIFECYCLE.ID).from(LIFECYCLE)
                .join(PHASE).on(PHASE.LIFECYCLE_ID.eq(LIFECYCLE.ID))
                .join(PHASE_MEMBER).on(PHASE_MEMBER.PHASE_ID.eq(PHASE.ID))
                .where(member).orderBy(LIFECYCLE.ID).fetch(LIFECYCLE.NAME);
    }

    private List<Lifecycle> find(Condition condition) {
        List<LifecycleRecord> lifecycles = dsl.selectFrom(LIFECYCLE).where(condition).orderBy(LIFECYCLE.ID).fetch();
        if (lifecycles.isEmpty()) {
            return List.of();
        }
        List<Long> ids = lifecycles.stream().map(LifecycleRecord::getId).toList();
        List<PhaseRecord> phases = dsl.selectFrom(PHASE).where(PHASE.LIFECYCLE_ID.in(ids)).orderBy(PHASE.LIFECYCLE_ID, PHASE.POSITION).fetch();
        List<Record> members = dsl.select(PHASE_MEMBER.fields())
                .select(ENVIRONMENT.NAME, REMOTE_ENVIRONMENT.NAME, REMOTE_ENVIRONMENT.OWNER_SPACE_ID, OWNER.NAME, TARGET.NAME, ENVIRONMENT_TEMPLATE.NAME, ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID, TEMPLATE_OWNER.NAME)
                .from(PHASE_MEMBER)
                .join(PHASE).on(PHASE.ID.eq(PHASE_MEMBER.PHASE_ID))
                .leftJoin(ENVIRONMENT).on(ENVIRONMENT.ID.eq(PHASE_MEMBER.ENVIRONMENT_ID))
                .leftJoin(REMOTE_ENVIRONMENT).on(REMOTE_ENVIRONMENT.ID.eq(PHASE_MEMBER.REMOTE_ENVIRONMENT_ID))
                .leftJoin(OWNER).on(OWNER.ID.eq(REMOTE_ENVIRONMENT.OWNER_SPACE_ID))
                .leftJoin(TARGET).on(TARGET.ID.eq(PHASE_MEMBER.TARGET_SPACE_ID))
                .leftJoin(ENVIRONMENT_TEMPLATE).on(ENVIRONMENT_TEMPLATE.ID.eq(PHASE_MEMBER.TEMPLATE_ID))
                .leftJoin(TEMPLATE_OWNER).on(TEMPLATE_OWNER.ID.eq(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID))
                .where(PHASE.LIFECYCLE_ID.in(ids))
                .orderBy(PHASE_MEMBER.PHASE_ID, PHASE_MEMBER.POSITION)
                .fetch();
        return assemble(lifecycles, phases, members);
    }

    private static List<Lifecycle> assemble(List<LifecycleRecord> lifecycles, List<PhaseRecord> phases, List<Record> members) {
        Map<Long, List<PhaseMember>> membersOfPhase = new LinkedHashMap<>();
        for (Record r : members) {
            PhaseMemberRecord m = r.into(PHASE_MEMBER);
            PhaseMember member;
            if (m.getEnvironmentId() != null) {
                member = new PhaseMember.LocalEnvironment(m.getEnvironmentId(), r.get(ENVIRONMENT.NAME));
            } else if (m.getRemoteEnvironmentId() != null) {
                member = new PhaseMember.RemoteEnvironmentMember(m.getRemoteEnvironmentId(), r.get(REMOTE_ENVIRONMENT.OWNER_SPACE_ID),
                        r.get(OWNER.NAME), r.get(REMOTE_ENVIRONMENT.NAME));
            } else if (m.getTemplateId() != null && r.get(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID) != null) {
                member = new PhaseMember.RemoteTemplateMember(m.getTemplateId(), r.get(ENVIRONMENT_TEMPLATE.OWNER_SPACE_ID), r.get(TEMPLATE_OWNER.NAME),
                        r.get(ENVIRONMENT_TEMPLATE.NAME));
            } else if (m.getTemplateId() != null) {
                member = new PhaseMember.TemplateMember(m.getTemplateId(), r.get(ENVIRONMENT_TEMPLATE.NAME));
            } else {
                member = new PhaseMember.Promotion(m.getTargetSpaceId(), r.get(TARGET.NAME));
            }
            membersOfPhase.computeIfAbsent(m.getPhaseId(), k -> new ArrayList<>()).add(member);
        }
        Map<Long, List<Phase>> phasesOf = new LinkedHashMap<>();
        for (PhaseRecord p : phases) {
            ProgressionRule rule = new ProgressionRule(ProgressionRule.Kind.valueOf(p.getRuleKind()), p.getRuleAtLeast());
            phasesOf.computeIfAbsent(p.getLifecycleId(), k -> new ArrayList<>())
                    .add(new Phase(p.getName(), membersOfPhase.getOrDefault(p.getId(), List.of()), rule));
        }
        return lifecycles.stream().map(l -> new Lifecycle(l.getId(), l.getSpaceId(), l.getName(), l.getDescription(), l.getIsDefault(),
                phasesOf.getOrDefault(l.getId(), List.of()), l.getVersion())).toList();
    }
}
