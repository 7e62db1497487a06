package odcm.app.service;

import odcm.model.role.Action;
import java.util.List;
import java.util.Optional;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.project.Project;
import odcm.model.environment.Environment;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.ApprovalGate;
import odcm.model.release.Release;
import odcm.model.release.Verdict;
import odcm.model.role.Duties;
import odcm.model.space.Space;
import odcm.persistence.approval.ApprovalRepository;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/**
 * Approval of releases: a space gates every environment or the ones it chooses, where a release needs its approvals before
 * its first deployment (decision 0046); an
 * approver records "approved" or "rejected" with a comment, each in the audit log in the same transaction.
 * Decisions are only added; the latest one of a release in a space counts.
 */
public final class ApprovalService {
    private final Store store;

    public ApprovalService(Store store) {
        this.store = store;
    }

    public boolean isRequired(String space) {
        return store.read(tx -> tx.approvals().isRequired(EnvironmentService.requireLocal(tx, space).id()));
    }

    /** Sets or clears the requirement; says so in the audit log when it changed. @return whether it changed */
    public boolean setRequired(String space, boolean required) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.SET_APPROVAL_RULE, s);
            boolean changed = tx.approvals().setRequired(s.id(), required, StoreTime.now(store.clock()), store.person().name());
            if (changed) {
                tx.audit().append("space.require-approval", s.describe(), required
                        ? "releases need an approval before their first deployment here" : "releases no longer need an approval before deployment here");
            }
            return changed;
        });
    }

    /**
     * The approval gates of a space (decision 0046): whether every environment is gated (the requirement of before), the
     * environments gated one by one (in the space's order), and the number of distinct approvals a gate needs (decision 0043).
     */
    public record Gates(boolean every, List<String> environments, int approvals) {
        /** "every environment", "Production, Staging" or "no environment". */
        public String words() {
            return every ? "every environment" : environments.isEmpty() ? "no environment" : String.join(", ", environments);
        }

        /** Whether a release needs approval before its first deployment to {@code environment}. */
        public boolean gates(String environment) {
            return every || environments.stream().anyMatch(e -> e.equalsIgnoreCase(environment));
        }
    }

    public Gates gates(String space) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            java.util.Set<Long> ids = tx.approvals().gates(s.id());
            List<String> names = tx.environments().findBySpace(s.id()).stream().filter(e -> ids.contains(e.id())).map(e -> e.name()).toList();
            return new Gates(tx.approvals().isRequired(s.id()), names,
                    tx.duties().rules(s.id()).orElse(odcm.model.role.Duties.DEFAULT).approvals());
        });
    }

    /**
     * Gates {@code environment} of the space, or not: a release needs the space's approvals before its first deployment there.
     * Says so in the audit log when it changed (the entry names the environment's id, so a gate removed outside ODCM
     * Console is told apart from one never set). @return whether it changed
     */
    public boolean setGate(String space, String environment, boolean gated) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.SET_APPROVAL_RULE, s);
            Environment e = EnvironmentService.require(tx, s, environment);
            boolean changed = tx.approvals().setGate(s.id(), e.id(), gated, StoreTime.now(store.clock()), store.person().name());
            if (changed) {
                tx.audit().append(GATE_ACTION, s.describe(), (gated ? GATED : UNGATED) + e.name() + gateId(e.id()));
            }
            return changed;
        });
    }

    /**
     * Gates (or, {@code gated} false, ungates) each of {@code environments}, and sets the space's number of approvals when
     * {@code approvals} is not null (through the separation of duties, decision 0043: fewer where two administrators are
     * required is only proposed), in one transaction: an unknown environment or a refused count changes nothing.
     *
     * @return what changed, and the duties' change (null: the count was not given)
     */
    public GatesChange setGates(String space, List<String> environments, boolean gated, Integer approvals) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            environments.forEach(e -> EnvironmentService.require(tx, s, e)); // every name known before anything changes
            List<String> changed = new java.util.ArrayList<>();
            for (String e : environments) {
                if (setGate(space, e, gated)) {
                    changed.add(EnvironmentService.require(tx, s, e).name());
                }
            }
            DutyService.Change count = approvals == null ? null : new DutyService(store).change(space, null, approvals, null);
            return new GatesChange(changed, count, gates(space));
        });
    }

    /**
     * Sets the gates of a space as a whole, as the console's dialog shows them, in one transaction: every environment or not
     * (the requirement of before), exactly {@code gated} of its environments one by one, and the number of approvals when it
     * differs from the space's now (as {@link #setGates(String, List, boolean, Integer)}).
     */
    public GatesChange saveGates(String space, boolean every, List<String> gated, int approvals) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            gated.forEach(e -> EnvironmentService.require(tx, s, e));
            setRequired(space, every);
            List<String> changed = new java.util.ArrayList<>();
            for (Environment e : tx.environments().findBySpace(s.id())) {
                if (setGate(space, e.name(), gated.stream().anyMatch(g -> g.equalsIgnoreCase(e.name())))) {
                    changed.add(e.name());
                }
            }
            DutyService.Change count = approvals == gates(space).approvals() ? null : new DutyService(store).change(space, null, approvals, null);
            return new GatesChange(changed, count, gates(space));
        });
    }

    /** The environments whose gate changed, the duties' change (or null), and the gates now. */
    public record GatesChange(List<String> changed, DutyService.Change approvals, Gates now) {
    }

    private static final String GATE_ACTION = "space.approval-gate";
    private static final String GATED = "releases need an approval before their first deployment to ";
    private static final String UNGATED = "releases no longer need an approval before deployment to ";

    private static String gateId(long environmentId) {
        return " (environment #" + environmentId + ")";
    }

    /**
     * Records a decision on a release of a project of this space. A rejection needs a comment saying why; an
     * approval may have one.
     */
    public ApprovalDecision decide(String space, String project, String version, Verdict verdict, String comment) {
        return decide(space, project, version, verdict, comment, null);
    }

    /**
     * As {@link #decide(String, String, String, Verdict, String)}, recording what the decision covers: the current
     * revision's snapshot hash (decision 0034), and {@code against}, the release of the same project it was compared with
     * (the Compare screen's FROM; null or blank: none).
     */
    public ApprovalDecision decide(String space, String project, String version, Verdict verdict, String comment, String against) {
        String c = Names.text("A comment", comment, ApprovalDecision.MAX_COMMENT).strip();
        if (verdict == Verdict.REJECTED && c.isEmpty()) {
            throw new Refusal("Say why the release is rejected: a rejection needs a comment.");
        }
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.APPROVE, s);
            Project p = ProjectService.require(tx, s, project);
            Release r = ReleaseService.release(tx, p, version);
            Release a = against == null || against.isBlank() ? null : ReleaseService.release(tx, p, against.strip());
            if (a != null && a.id() == r.id()) {
                throw new Refusal("Release " + r.version() + " is compared against another release of '" + p.name() + "', not itself.");
            }
            if (verdict == Verdict.APPROVED) {
                DutyService.approvalRefusal(tx, s, r, RoleService.who(store).name()).ifPresent(why -> {
                    throw new Refusal(why);
                });
            }
            ApprovalRepository.Covered covered = tx.approvals().covered(r.id());
            ApprovalDecision d = tx.approvals().insert(s.id(), r.id(), verdict, c, StoreTime.now(store.clock()), store.person().name(),
                    covered.snapshotHash(), a == null ? null : a.id());
            tx.audit().append("release." + (verdict == Verdict.APPROVED ? "approve" : "reject"),
                    "release " + r.version() + " of project '" + p.name() + "' of " + s.describe(),
                    verdict.words() + (c.isEmpty() ? "" : ": " + c) + "; revision " + covered.revision() + ", snapshot " + covered.snapshotHash()
                            + (a == null ? "" : ", compared against " + a.version()));
            return d;
        });
    }

    /** The decisions on a release in its project's space, every revision's, newest first. */
    public List<ApprovalDecision> decisions(String space, String project, String version) {
        return history(space, project, version).decisions().stream().map(Decided::decision).toList();
    }

    /** A decision with whether it still counts: an approval of an earlier revision is voided by the current one. */
    public record Decided(ApprovalDecision decision, boolean voided) {
    }

    /** The decisions on a release, newest first, and its current revision. */
    public record History(int revision, List<Decided> decisions) {
        /** "approved by alice on revision 1 (snapshot …), compared against 1.1.0 — voided by revision 2". */
        public String line(Decided d) {
            return d.decision().coverage() + (d.voided() ? " — voided by revision " + revision : "");
        }
    }

    /** {@link #decisions} each with whether a new revision voided it, and the current revision. */
    public History history(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.require(tx, s, project);
            Release r = ReleaseService.release(tx, p, version);
            ApprovalRepository.Covered covered = tx.approvals().covered(r.id());
            return new History(covered.revision(), tx.approvals().decisionsOnVersion(s.id(), p.id(), r.version()).stream()
                    .map(d -> new Decided(d, ApprovalGate.voided(d, r.id(), covered.snapshotHash()))).toList());
        });
    }

    /**
     * Why a release may not be deployed in a space as far as approvals go, its gates read as "every environment" (the
     * requirement of before decision 0046): a rejection binds, and where every environment is gated, it needs the space's
     * approvals of its current revision. For a deployment to one environment see the four-argument form.
     *
     * @return e.g. "Release 1.2.0 of Web Shop needs an approval in DevTest Space before its first deployment
     *         here; it has none.", or "… was rejected by alice: comment"
     */
    public static Optional<String> deploymentRefusal(StoreTx tx, long spaceId, long releaseId) {
        return deploymentRefusal(tx, spaceId, releaseId, null);
    }

    /**
     * The latest decision on a release (any revision of it) in its space when it is a rejection: it binds promotion whether or not the space
     * requires approval, until a later approval (decision 0045). With {@code againstTheAuditLog}, refused when a decision
     * was removed outside ODCM Console (the audit log records more than the store holds).
     */
    static Optional<ApprovalDecision> rejection(StoreTx tx, Space s, long projectId, String version, String project, boolean againstTheAuditLog) {
        if (againstTheAuditLog) {
            decisionsNotRemoved(tx, s, version, project);
        }
        // on any revision of it, as for deployments (decision 0046)
        return tx.approvals().decisionsOnVersion(s.id(), projectId, version).stream().findFirst().filter(d -> d.verdict() == Verdict.REJECTED);
    }

    /**
     * Why a release may not be deployed to environment {@code environmentId} of a space yet as far as approvals go, or empty
     * (decision 0046): call it inside the deployment's transaction. A rejection of any revision binds everywhere in the
     * space until a later approval; where the environment is gated (or every environment is), until the release has
     * succeeded there once it needs the space's number of approvals of its current revision and snapshot.
     *
     * @param environmentId null: the space's gate on every environment only ("before its first deployment here")
     */
    public static Optional<String> deploymentRefusal(StoreTx tx, long spaceId, long releaseId, Long environmentId) {
        Space s = tx.spaces().findById(spaceId).orElseThrow(() -> new Refusal("There is no space with id " + spaceId + " in this store."));
        Release r = tx.releases().findById(releaseId).orElseThrow(() -> new Refusal("There is no release with id " + releaseId + " in this store."));
        boolean every = tx.approvals().isRequired(spaceId);
        if (!every) {
            requirementNotRemoved(tx, s);
        }
        Environment e = environmentId == null ? null
                : tx.environments().findBySpace(spaceId).stream().filter(x -> x.id() == environmentId).findFirst().orElseThrow();
        boolean one = e != null && tx.approvals().gates(spaceId).contains(e.id());
        if (e != null && !one) {
            gateNotRemoved(tx, s, e);
        }
        decisionsNotRemoved(tx, s, r);
        boolean gated = every || one;
        List<ApprovalDecision> decisions = tx.approvals().decisionsOnVersion(spaceId, r.projectId(), r.version());
        boolean succeededThere = tx.deployments().findByRelease(releaseId).stream()
                .anyMatch(d -> d.succeeded() && (e == null || d.environment().equalsIgnoreCase(e.name())));
        Duties duties = gated ? DutyService.relied(tx, s) : Duties.DEFAULT;
        String maker = duties.approverNotMaker() ? tx.duties().maker(r.id()).map(odcm.model.release.ReleaseMaker::madeBy).orElse(null) : null;
        ApprovalRepository.Covered covered = tx.approvals().covered(r.id());
        return new ApprovalGate("Release " + r.version() + " of " + r.projectName(), s.name(), one ? "to " + e.name() : "here", gated,
                succeededThere, r.id(), covered.revision(), covered.snapshotHash(), duties, maker).refusal(decisions);
    }

    /**
     * Why the person acting may not approve the release under its space's separation of duties (they made it), or empty:
     * for the console to disable Approve… with the sentence the service would refuse with (decision 0043).
     */
    public Optional<String> approvalRefusal(String space, String project, String version) {
        return new DutyService(store).approvalRefusal(space, project, version);
    }

    /** Where each release of a project stands on approvals in its space ({@link ApprovalGate#state}), by release id. */
    public java.util.Map<Long, String> states(String space, String project) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.require(tx, s, project);
            java.util.Map<Long, String> out = new java.util.HashMap<>();
            for (odcm.model.release.ReleaseHead r : tx.releases().findHeadsByProject(p.id())) {
                out.put(r.id(), gate(tx, s, p, r.id()).state(tx.approvals().decisionsOnVersion(s.id(), p.id(), r.version())));
            }
            return out;
        });
    }

    /**
     * Why the person acting is not offered Approve… on a release (decision 0053): their approval of its current revision
     * counts already, or it has the approvals it needs; empty after a rejection or a new revision. The console only: the
     * service records a second approval (it is not counted twice).
     */
    public Optional<String> alreadyDecided(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.require(tx, s, project);
            Release r = ReleaseService.release(tx, p, version);
            return gate(tx, s, p, r.id()).alreadyDecided(tx.approvals().decisionsOnVersion(s.id(), p.id(), r.version()), store.person().name());
        });
    }

    /** The gate of the space's every-environment reading for release row {@code releaseId}: for the list's state and Approve…. */
    private static ApprovalGate gate(StoreTx tx, Space s, Project p, long releaseId) {
        boolean gated = tx.approvals().isRequired(s.id()) || !tx.approvals().gates(s.id()).isEmpty();
        Duties duties = tx.duties().rules(s.id()).orElse(Duties.DEFAULT);
        String maker = duties.approverNotMaker() ? tx.duties().maker(releaseId).map(odcm.model.release.ReleaseMaker::madeBy).orElse(null) : null;
        ApprovalRepository.Covered covered = tx.approvals().covered(releaseId);
        return new ApprovalGate("Release of '" + p.name() + "'", s.name(), "here", gated, false, releaseId, covered.revision(),
                covered.snapshotHash(), duties, maker);
    }

    /**
     * "1 of 2 approvals" where the space gates any environment (approvals of the current revision); empty where it gates
     * none, or the latest decision is a rejection.
     */
    public Optional<String> tally(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            if (!tx.approvals().isRequired(s.id()) && tx.approvals().gates(s.id()).isEmpty()) {
                return Optional.empty();
            }
            Project p = ProjectService.require(tx, s, project);
            Release r = ReleaseService.release(tx, p, version);
            List<ApprovalDecision> decisions = tx.approvals().decisionsOnVersion(s.id(), p.id(), r.version());
            if (!decisions.isEmpty() && decisions.get(0).verdict() == Verdict.REJECTED) {
                return Optional.empty();
            }
            ApprovalGate gate = gate(tx, s, p, r.id());
            return Optional.of(gate.approvers(decisions).size() + " of " + gate.duties().approvals() + " approvals");
        });
    }

    /**
     * Refuses when the audit log's last word on the gate of {@code e} (named by its id) is that it is set while the store has
     * no such gate: its row was removed outside ODCM Console, which would let releases in unapproved (as
     * {@link #requirementNotRemoved}).
     */
    private static void gateNotRemoved(StoreTx tx, Space s, Environment e) {
        String consequence = "Whether " + s.describe() + " gates " + e.name() + " is read from it as well, so nothing is deployed there";
        Optional<odcm.model.audit.AuditEntry> last = AuditAnchor.lastAbout(tx, s, GATE_ACTION, x -> x.detail().endsWith(gateId(e.id())), consequence);
        if (last.isPresent() && last.get().detail().startsWith(GATED)) {
            throw new Refusal(s.describe() + " requires an approval before a release's first deployment to " + e.name() + " (audit entry "
                    + last.get().seq() + "), but the store's record of that gate is missing: it was removed outside"
                    + " ODCM Console, so nothing is deployed there. Set the gate again (odcm space approvals), or restore the store from a backup.");
        }
    }

    /**
     * Refuses when the audit log's last word on {@code s} is that approval is required while the store has no such
     * requirement: its row was removed outside ODCM Console, which would let releases in unapproved (decision 0039).
     */
    private static void requirementNotRemoved(StoreTx tx, Space s) {
        String consequence = "Whether " + s.describe() + " requires an approval is read from it as well, so nothing is deployed there";
        Optional<odcm.model.audit.AuditEntry> last = AuditAnchor.lastAbout(tx, s, "space.require-approval", e -> true, consequence);
        if (last.isPresent() && last.get().detail().startsWith("releases need an approval")) {
            throw new Refusal(s.describe() + " requires an approval before a release's first deployment (audit entry "
                    + last.get().seq() + "), but the store's record of that requirement is missing: it was removed outside"
                    + " ODCM Console, so nothing is deployed there. Require it again (odcm space require-approval), or restore the store from a backup.");
        }
    }

    /**
     * Refuses when the audit log records more decisions on releases of {@code r}'s version in {@code s} than the store holds
     * on them (every revision of every project's release of that version): one was removed outside ODCM Console (a rejection
     * removed makes an earlier approval the latest; decision 0039). The audit names a release by version and by its
     * project's name, which is not sealed and may be renamed, so entries are matched by version and space only (review of
     * 2026-12-05: a project renamed hid its decisions).
     */
    private static void decisionsNotRemoved(StoreTx tx, Space s, Release r) {
        decisionsNotRemoved(tx, s, r.version(), r.projectName());
    }

    private static void decisionsNotRemoved(StoreTx tx, Space s, String version, String projectName) {
        String release = "release " + version + " of project '";
        String consequence = "The decisions on releases are read from it as well, so nothing is deployed in " + s.describe();
        AuditAnchor.About about = AuditAnchor.about(tx, s, List.of("release.approve", "release.reject"), e -> e.subject().startsWith(release),
                consequence); // the space's names and the decisions from one verification of the log
        long logged = about.countInSpace("' of ");
        // Every project's decisions on the version in one read, each through its seal: no project read (a project of 10,000
        // variables took most of a bundle's making), no statement per project.
        long held = tx.approvals().decisionsOnVersion(s.id(), version).size();
        if (logged > held) {
            throw new Refusal("The audit log records " + logged + " approval decisions on releases " + version + " in "
                    + s.describe() + " (of " + projectName + " or another project), the store holds " + held + ": a decision was"
                    + " removed outside ODCM Console, so whether the release is approved cannot be told and it is not deployed."
                    + " Restore the store from a backup.");
        }
    }
}
