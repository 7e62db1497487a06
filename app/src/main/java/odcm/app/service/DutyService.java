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
     * Changes the rules given (null: as they are) in {@code space}; needs its administrator; audited when it changed.
     * @return the rules now
     */
    public Duties set(String space, Boolean approverNotMaker, Integer approvals, Boolean twoAdminTrust) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.SET_DUTIES, s);
            Duties was = relied(tx, s);
            Duties now = was.with(approverNotMaker, approvals, twoAdminTrust);
            if (tx.duties().setRules(s.id(), now, Instant.now(store.clock()), store.person().name())) {
                tx.audit().append("space.duties", s.describe(), now.words() + "; was " + was.words().replace(";", ","));
            }
            return now;
        });
    }

    /**
     * The rules of {@code s} where something relies on them: the row must say what the audit log's last {@code space.duties}
     * entry about the space says (none: the defaults), so a row removed, changed or put back to an earlier sealed state
     * outside ODCM Console is refused rather than read as a looser rule (as 0039 anchors the approval requirement).
     */
    static Duties relied(StoreTx tx, Space s) {
        Duties row = tx.duties().rules(s.id()).orElse(Duties.DEFAULT);
        String consequence = "The separation of duties of " + s.describe() + " is read from it as well, so nothing that relies on it is done";
        List<AuditAnchor.Named> names = AuditAnchor.names(tx, s, consequence);
        List<AuditEntry> said = AuditAnchor.entries(tx, "space.duties",
                e -> names.stream().anyMatch(n -> n.covers(e) && e.subject().equals(n.describe())), consequence);
        Duties logged = said.isEmpty() ? Duties.DEFAULT : Duties.parse(said.get(said.size() - 1).detail()).orElse(null);
        if (!row.equals(logged)) {
            throw new Refusal("The separation of duties of " + s.describe() + " in the store (" + row.words() + ") is not what the audit log"
                    + " records last (" + (said.isEmpty() ? "the defaults, " + Duties.DEFAULT.words() : "audit entry " + said.get(said.size() - 1).seq()
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
