package odcm.app.service;

import odcm.model.role.Action;
import java.util.List;
import java.util.Optional;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.project.Project;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Release;
import odcm.model.release.Verdict;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/**
 * Approval of releases: a space may require that a release be approved before its first deployment there; an
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
     * Records a decision on a release of a project of this space. A rejection needs a comment saying why; an
     * approval may have one.
     */
    public ApprovalDecision decide(String space, String project, String version, Verdict verdict, String comment) {
        String c = Names.text("A comment", comment, ApprovalDecision.MAX_COMMENT).strip();
        if (verdict == Verdict.REJECTED && c.isEmpty()) {
            throw new Refusal("Say why the release is rejected: a rejection needs a comment.");
        }
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.APPROVE, s);
            Project p = ProjectService.require(tx, s, project);
            Release r = ReleaseService.release(tx, p, version);
            if (verdict == Verdict.APPROVED) {
                DutyService.approvalRefusal(tx, s, r, RoleService.who(store).name()).ifPresent(why -> {
                    throw new Refusal(why);
                });
            }
            ApprovalDecision d = tx.approvals().insert(s.id(), r.id(), verdict, c, StoreTime.now(store.clock()), store.person().name());
            tx.audit().append("release." + (verdict == Verdict.APPROVED ? "approve" : "reject"),
                    "release " + r.version() + " of project '" + p.name() + "' of " + s.describe(),
                    verdict.words() + (c.isEmpty() ? "" : ": " + c));
            return d;
        });
    }

    /** The decisions on a release in its project's space, newest first. */
    public List<ApprovalDecision> decisions(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Release r = ReleaseService.release(tx, ProjectService.require(tx, s, project), version);
            return tx.approvals().decisions(s.id(), r.id());
        });
    }

    /**
     * Why a release may not be deployed in a space yet, or empty when it may. For deployments: call it inside the
     * deployment's transaction, before the release's <em>first</em> deployment in that space (later ones are not
     * asked again: an approval is for letting a release in, not for each deployment). Where the space requires
     * approval, the latest decision on the release in that space must be an approval.
     *
     * @return e.g. "Release 1.2.0 of Web Shop needs an approval in DevTest Space before its first deployment
     *         here; it has none.", or "… was rejected by alice: comment"
     */
    public static Optional<String> deploymentRefusal(StoreTx tx, long spaceId, long releaseId) {
        Space s = tx.spaces().findById(spaceId).orElseThrow(() -> new Refusal("There is no space with id " + spaceId + " in this store."));
        if (!tx.approvals().isRequired(spaceId)) {
            requirementNotRemoved(tx, s);
            return Optional.empty();
        }
        Release r = tx.releases().findById(releaseId).orElseThrow(() -> new Refusal("There is no release with id " + releaseId + " in this store."));
        String space = s.name();
        List<ApprovalDecision> decisions = tx.approvals().decisions(spaceId, releaseId);
        String release = "Release " + r.version() + " of " + r.projectName();
        decisionsNotRemoved(tx, s, r);
        odcm.model.role.Duties duties = DutyService.relied(tx, s);
        if (decisions.isEmpty()) {
            return Optional.of(release + " needs an approval in " + space + " before its first deployment here; it has none.");
        }
        ApprovalDecision latest = decisions.get(0);
        if (latest.verdict() == Verdict.REJECTED) {
            return Optional.of(release + " was rejected in " + space + " by " + latest.decidedBy() + ": " + latest.comment());
        }
        int have = approvers(tx, duties, r, decisions).size();
        if (have < duties.approvals()) {
            return Optional.of(release + " has " + have + " of " + duties.approvals() + " approvals in " + space + "; it needs "
                    + duties.approvals() + " distinct approvers" + (duties.approverNotMaker() ? " other than its maker" : "")
                    + " before its first deployment here (separation of duties).");
        }
        return Optional.empty();
    }

    /**
     * The latest decision on a release in its space when it is a rejection: it binds promotion whether or not the space
     * requires approval, until a later approval (decision 0045). With {@code againstTheAuditLog}, refused when a decision
     * was removed outside ODCM Console (the audit log records more than the store holds).
     */
    static Optional<ApprovalDecision> rejection(StoreTx tx, Space s, long releaseId, String version, String project, boolean againstTheAuditLog) {
        if (againstTheAuditLog) {
            decisionsNotRemoved(tx, s, version, project);
        }
        return tx.approvals().decisions(s.id(), releaseId).stream().findFirst().filter(d -> d.verdict() == Verdict.REJECTED);
    }

    /**
     * The distinct people whose approvals count (decision 0043): approvals since the latest rejection (a rejection still binds,
     * and overrules what came before it), each person once, the release's maker not at all where the space says so (nobody's, its maker not recorded).
     */
    static java.util.Set<String> approvers(StoreTx tx, odcm.model.role.Duties duties, Release r, List<ApprovalDecision> newestFirst) {
        String maker = duties.approverNotMaker() ? tx.duties().maker(r.id()).map(odcm.model.release.ReleaseMaker::madeBy).orElse(null) : null;
        java.util.Set<String> who = new java.util.TreeSet<>();
        if (duties.approverNotMaker() && maker == null) {
            return who; // its maker not recorded: not approved while duties are separated (DutyService.approvalRefusal), none counts
        }
        for (ApprovalDecision d : newestFirst) {
            if (d.verdict() == Verdict.REJECTED) {
                break;
            }
            if (!d.decidedBy().equals(maker)) {
                who.add(d.decidedBy());
            }
        }
        return who;
    }

    /**
     * Why the person acting may not approve the release under its space's separation of duties (they made it), or empty:
     * for the console to disable Approve… with the sentence the service would refuse with (decision 0043).
     */
    public Optional<String> approvalRefusal(String space, String project, String version) {
        return new DutyService(store).approvalRefusal(space, project, version);
    }

    /** "1 of 2 approvals" where the space requires approval; empty where it does not, or the latest decision is a rejection. */
    public Optional<String> tally(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            if (!tx.approvals().isRequired(s.id())) {
                return Optional.empty();
            }
            Release r = ReleaseService.release(tx, ProjectService.require(tx, s, project), version);
            List<ApprovalDecision> decisions = tx.approvals().decisions(s.id(), r.id());
            if (!decisions.isEmpty() && decisions.get(0).verdict() == Verdict.REJECTED) {
                return Optional.empty();
            }
            odcm.model.role.Duties duties = tx.duties().rules(s.id()).orElse(odcm.model.role.Duties.DEFAULT);
            return Optional.of(approvers(tx, duties, r, decisions).size() + " of " + duties.approvals() + " approvals");
        });
    }

    /**
     * Refuses when the audit log's last word on {@code s} is that approval is required while the store has no such
     * requirement: its row was removed outside ODCM Console, which would let releases in unapproved (decision 0039).
     */
    private static void requirementNotRemoved(StoreTx tx, Space s) {
        String consequence = "Whether " + s.describe() + " requires an approval is read from it as well, so nothing is deployed there";
        List<AuditAnchor.Named> names = AuditAnchor.names(tx, s, consequence);
        List<odcm.model.audit.AuditEntry> said = AuditAnchor.entries(tx, "space.require-approval",
                e -> names.stream().anyMatch(n -> n.covers(e) && e.subject().equals(n.describe())), consequence);
        if (!said.isEmpty() && said.get(said.size() - 1).detail().startsWith("releases need an approval")) {
            throw new Refusal(s.describe() + " requires an approval before a release's first deployment (audit entry "
                    + said.get(said.size() - 1).seq() + "), but the store's record of that requirement is missing: it was removed outside"
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
        List<AuditAnchor.Named> names = AuditAnchor.names(tx, s, consequence);
        java.util.function.Predicate<odcm.model.audit.AuditEntry> aboutIt = e -> e.subject().startsWith(release)
                && names.stream().anyMatch(n -> n.covers(e) && e.subject().endsWith("' of " + n.describe()));
        long logged = AuditAnchor.entries(tx, "release.approve", aboutIt, consequence).size()
                + AuditAnchor.entries(tx, "release.reject", aboutIt, consequence).size();
        long held = tx.projects().findBySpace(s.id()).stream()
                .mapToLong(p -> tx.approvals().decisionsOnVersion(s.id(), p.id(), version).size()).sum();
        if (logged > held) {
            throw new Refusal("The audit log records " + logged + " approval decisions on releases " + version + " in "
                    + s.describe() + " (of " + projectName + " or another project), the store holds " + held + ": a decision was"
                    + " removed outside ODCM Console, so whether the release is approved cannot be told and it is not deployed."
                    + " Restore the store from a backup.");
        }
    }
}
