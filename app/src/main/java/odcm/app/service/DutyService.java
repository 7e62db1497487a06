package odcm.app.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.release.Release;
import odcm.model.release.ReleaseMaker;
import odcm.model.role.Action;
import odcm.model.role.Duties;
import odcm.model.role.DutyProposal;
import odcm.model.trust.TrustProposal;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;

/**
 * Separation of duties per local space (issue 14, point 3; docs/decisions/0043): set by the space's administrator, audited;
 * relied on by approvals (the maker may not approve, N distinct approvals) and trusts (two administrators).
 */
public final class DutyService {
    private final Store store;

    public DutyService(Store store) {
        this.store = store;
    }

    /** The rules of a local space as its row says (for showing). */
    public Duties of(String space) {
        return store.read(tx -> tx.duties().rules(EnvironmentService.requireLocal(tx, space).id()).orElse(Duties.DEFAULT));
    }

    /**
     * Changes the rules given (null: as they are) in {@code space}; needs its administrator; audited when it changed. Where
     * the space requires two administrators, a loosening is only proposed (see {@link #change}).
     * @return the rules now
     */
    public Duties set(String space, Boolean approverNotMaker, Integer approvals, Boolean twoAdminTrust) {
        return change(space, approverNotMaker, approvals, twoAdminTrust).now();
    }

    /** The rules now, and the proposal made instead where the change loosens them under two administrators (else null). */
    public record Change(Duties now, DutyProposal proposal) {
        public String sentence(String space) {
            return proposal != null ? proposal.sentence() : "Separation of duties in '" + space + "': " + now.sentence() + ".";
        }
    }

    /**
     * Changes the rules given (null: as they are) in {@code space}; needs its administrator; audited. Where the space requires
     * two administrators for a trust, a change that loosens a rule (approver-not-maker off, fewer approvals, two-admin-trust
     * off) is a proposal another administrator confirms ({@link #confirm}); tightening is immediate.
     */
    public Change change(String space, Boolean approverNotMaker, Integer approvals, Boolean twoAdminTrust) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.SET_DUTIES, s);
            Duties was = relied(tx, s);
            Duties now = was.with(approverNotMaker, approvals, twoAdminTrust);
            if (DutyProposal.loosens(was, now)) {
                DutyProposal p = tx.duties().proposeDuties(s.id(), now, Instant.now(store.clock()), store.person().name());
                tx.audit().append("space.duties.propose", s.describe(), "proposal #" + p.id() + ": " + now.words().replace(";", ",")
                        + "; was " + was.words().replace(";", ",") + "; loosens, so needs a second administrator to confirm it");
                return new Change(was, p);
            }
            apply(tx, s, was, now, "");
            return new Change(now, null);
        });
    }

    private void apply(StoreTx tx, Space s, Duties was, Duties now, String why) {
        if (tx.duties().setRules(s.id(), now, Instant.now(store.clock()), store.person().name())) {
            tx.audit().append("space.duties", s.describe(), now.words() + "; was " + was.words().replace(";", ",") + why);
        }
    }

    /**
     * Confirms duty proposal {@code id}: another administrator of its space than its proposer; its rules are set (and their
     * space.duties entry written) now.
     */
    public Duties confirm(long id) {
        return store.write(tx -> {
            DutyProposal p = pending(tx, id);
            Space s = tx.spaces().findById(p.spaceId()).orElseThrow();
            RoleService.check(tx, store, Action.SET_DUTIES, s);
            String me = RoleService.who(store).name();
            if (p.proposedBy().equals(me)) {
                throw new Refusal(me + " proposed this change of the separation of duties, so another administrator of '" + s.name()
                        + "' must confirm it.");
            }
            Duties was = relied(tx, s);
            if (was.equals(p.duties())) {
                throw new Refusal("The separation of duties of " + s.describe() + " is already what proposal #" + id + " proposes; decline it.");
            }
            apply(tx, s, was, p.duties(), ", proposed by " + p.proposedBy() + " (proposal #" + id + "), confirmed by " + me);
            tx.duties().decideDuties(id, TrustProposal.State.CONFIRMED, Instant.now(store.clock()), store.person().name());
            return p.duties();
        });
    }

    /** Declines duty proposal {@code id} (another administrator), or withdraws it (its proposer); the rules stay. */
    public DutyProposal decline(long id) {
        return store.write(tx -> {
            DutyProposal p = pending(tx, id);
            Space s = tx.spaces().findById(p.spaceId()).orElseThrow();
            RoleService.check(tx, store, Action.SET_DUTIES, s);
            boolean own = p.proposedBy().equals(RoleService.who(store).name());
            DutyProposal d = tx.duties().decideDuties(id, own ? TrustProposal.State.WITHDRAWN : TrustProposal.State.DECLINED,
                    Instant.now(store.clock()), store.person().name());
            tx.audit().append(own ? "space.duties.withdraw" : "space.duties.decline", s.describe(), "proposal #" + id + " by " + p.proposedBy()
                    + (own ? " withdrawn" : " declined"));
            return d;
        });
    }

    /** Pending duty proposals of a local space, oldest first. */
    public List<DutyProposal> proposals(String space) {
        return store.read(tx -> tx.duties().dutyProposals(EnvironmentService.requireLocal(tx, space).id()));
    }

    /** Why the person acting may not confirm {@code p}, or empty (for the console's button). */
    public Optional<String> confirmRefusal(DutyProposal p) {
        String me = RoleService.who(store).name();
        return p.proposedBy().equals(me) ? Optional.of(me + " proposed this change, so another administrator of '" + p.spaceName()
                + "' must confirm it (separation of duties).") : Optional.empty();
    }

    private static DutyProposal pending(StoreTx tx, long id) {
        DutyProposal p = tx.duties().dutyProposal(id).orElseThrow(() -> new Refusal("There is no proposal #" + id + " of separation of duties."));
        if (!p.isPending()) {
            throw new Refusal("Proposal #" + id + " of separation of duties was already " + p.state().words() + " by " + p.decidedBy() + ".");
        }
        return p;
    }

    /**
     * The rules of {@code s} where something relies on them: the row must say what the audit log's last {@code space.duties}
     * entry about the space says (none: the defaults), so a row removed, changed or put back to an earlier sealed state
     * outside ODCM Console is refused rather than read as a looser rule (as 0039 anchors the approval requirement).
     */
    static Duties relied(StoreTx tx, Space s) {
        Duties row = tx.duties().rules(s.id()).orElse(Duties.DEFAULT);
        String consequence = "The separation of duties of " + s.describe() + " is read from it as well, so nothing that relies on it is done";
        java.util.Optional<AuditEntry> last = AuditAnchor.lastAbout(tx, s, "space.duties", e -> true, consequence);
        Duties logged = last.isEmpty() ? Duties.DEFAULT : Duties.parse(last.get().detail()).orElse(null);
        if (!row.equals(logged)) {
            throw new Refusal("The separation of duties of " + s.describe() + " in the store (" + row.words() + ") is not what the audit log"
                    + " records last (" + (last.isEmpty() ? "the defaults, " + Duties.DEFAULT.words() : "audit entry " + last.get().seq()
                    + ": " + (logged == null ? "unreadable" : logged.words())) + "): it was changed or removed outside ODCM Console, so nothing that"
                    + " relies on it is done. Set it again (odcm space duties), or restore the store from a backup.");
        }
        return row;
    }

    /** Records who made {@code r} here: the person acting, who created it or imported the bundle it came in. */
    static void made(StoreTx tx, Store store, Release r, boolean imported) {
        tx.duties().recordMaker(r.id(), store.person().name(), imported, Instant.now(store.clock()));
    }

    /**
     * Why {@code person} may not approve {@code r} in {@code s} under its rules, or empty: the maker of a release approves it
     * only where the space allows it; a release whose maker is not recorded (made before makers were) is not approved there.
     */
    static Optional<String> approvalRefusal(StoreTx tx, Space s, Release r, String person) {
        Duties d = relied(tx, s);
        if (!d.approverNotMaker()) {
            return Optional.empty();
        }
        Optional<ReleaseMaker> m = tx.duties().maker(r.id());
        if (m.isEmpty()) {
            return Optional.of("Who made release " + r.version() + " of " + r.projectName() + " is not recorded (it was made before ODCM Console"
                    + " recorded it), so it cannot be approved while '" + s.name() + "' separates duties (an approver may not approve a release"
                    + " they made). Its administrator can turn that rule off to approve it.");
        }
        if (m.get().madeBy().equals(person)) {
            return Optional.of(person + " " + m.get().how() + " release " + r.version() + " of " + r.projectName()
                    + ", so another approver must approve it (separation of duties in '" + s.name() + "').");
        }
        return Optional.empty();
    }

    /** {@link #approvalRefusal} for the person acting, for a screen or command to say before asking. */
    public Optional<String> approvalRefusal(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Release r = ReleaseService.release(tx, ProjectService.require(tx, s, project), version);
            return approvalRefusal(tx, s, r, RoleService.who(store).name());
        });
    }

    /** Who made a release here, if recorded. */
    public Optional<ReleaseMaker> maker(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            return tx.duties().maker(ReleaseService.release(tx, ProjectService.require(tx, s, project), version).id());
        });
    }
}
