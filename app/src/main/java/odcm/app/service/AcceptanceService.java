package odcm.app.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import odcm.model.Names;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.compare.ReleaseDiff;
import odcm.model.project.Project;
import odcm.model.release.ImportAcceptance;
import odcm.model.release.Release;
import odcm.model.release.ReleaseMaker;
import odcm.model.release.ReleaseSnapshot;
import odcm.model.role.Action;
import odcm.model.space.Space;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;

/**
 * Acceptance before import (issue 15, point 4; docs/decisions/0047): a local space may require that a release imported into
 * it is accepted by one of its approvers, after reviewing its changes against the previous import of its project, before
 * any deployment of it there; an approver may instead decline it (saying why), which keeps it undeployable until someone
 * accepts it. Each decision names the release (revision) and the hash of its sealed snapshot (decision 0034), and goes in
 * the audit log in the same transaction. Not {@code bundle_accepted}: that only says a verified bundle was taken in.
 */
public final class AcceptanceService {
    private final Store store;

    public AcceptanceService(Store store) {
        this.store = store;
    }

    public boolean isRequired(String space) {
        return store.read(tx -> tx.acceptances().isRequired(EnvironmentService.requireLocal(tx, space).id()));
    }

    /** Sets or clears the requirement (its administrator); says so in the audit log when it changed. @return whether it changed */
    public boolean setRequired(String space, boolean required) {
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.SET_APPROVAL_RULE, s);
            boolean changed = tx.acceptances().setRequired(s.id(), required, StoreTime.now(store.clock()), store.person().name());
            if (changed) {
                tx.audit().append(REQUIRE, s.describe(), required ? REQUIRED : "imported releases no longer need to be accepted before deployment here");
            }
            return changed;
        });
    }

    private static final String REQUIRE = "space.require-acceptance";
    private static final String REQUIRED = "imported releases are accepted by an approver before any deployment here";

    /**
     * An imported release as its approver reviews it: the previous import of its project it is compared with (none: the
     * first import, everything is new), the diff, who imported it, the latest decision on it and whether the space requires one;
     * {@code templates}: the changes to environment templates it carried, held until it is accepted (decision 0058), "" when none.
     */
    public record Review(String space, String project, String version, int revision, String importedBy, Instant importedAt, String previousVersion,
                         int previousRevision, ReleaseDiff diff, ImportAcceptance latest, boolean required, Optional<String> acceptRefusal,
                         String templates) {
        public boolean firstImport() {
            return previousVersion == null;
        }

        /** "1.2.0" or "1.2.0 (revision 2)". */
        public String release() {
            return named(version, revision);
        }

        /** "Compared with 1.1.0, the previous import of 'Payments'." or "First import, everything is new." */
        public String against() {
            return firstImport() ? "First import of '" + project + "' here, everything is new."
                    : "Compared with " + (previousVersion.equals(version) ? version + " (revision " + previousRevision + ")"
                    : named(previousVersion, previousRevision)) + ", the previous import of '" + project + "'.";
        }

        /** "Awaits acceptance", "Accepted by ann on …: comment", "Declined by ann on …: why". */
        public String state() {
            return AcceptanceService.state(space, required, latest);
        }

        public boolean awaiting() {
            return required && (latest == null || !latest.accepted());
        }
    }

    /** An imported release not (yet) accepted in a space that requires it: for {@code odcm import pending} and the Releases screen. */
    public record Pending(String project, String version, int revision, String importedBy, ImportAcceptance latest) {
        public String sentence() {
            return "Release " + named(version, revision) + " of '" + project + "' imported by " + importedBy
                    + (latest == null ? " awaits acceptance." : " was declined by " + latest.decidedBy() + ": " + latest.comment());
        }
    }

    static String state(String space, boolean required, ImportAcceptance latest) {
        if (latest == null) {
            return required ? "Awaits acceptance in " + space + "." : "Not accepted (" + space + " does not require it).";
        }
        return (latest.accepted() ? "Accepted" : "Declined") + " by " + latest.decidedBy() + " on " + latest.decidedAt()
                + (latest.comment().isEmpty() ? "" : ": " + latest.comment()) + ".";
    }

    /**
     * What the Releases screen says of an imported release's acceptance ("Imported by bob. Awaits acceptance in Prod Space."),
     * or empty: a release made here, or one its space neither requires nor has a decision on.
     */
    public Optional<String> status(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.requireHead(tx, s, project);
            if (tx.projects().sourceSpace(p.id()).isEmpty()) {
                return Optional.<String>empty();
            }
            Release r = ReleaseService.release(tx, p, version);
            List<ImportAcceptance> d = tx.acceptances().decisions(s.id(), r.id());
            boolean required = tx.acceptances().isRequired(s.id());
            if (d.isEmpty() && !required) {
                return Optional.<String>empty();
            }
            int revision = tx.releases().revision(r.id());
            return Optional.of((revision > 1 ? "Revision " + revision + ", imported by " : "Imported by ") + tx.duties().maker(r.id()).map(ReleaseMaker::madeBy).orElse("someone") + ". "
                    + state(s.name(), required, d.isEmpty() ? null : d.get(0)) + (required && (d.isEmpty() || !d.get(0).accepted())
                    ? " An approver accepts it (Accept…) after reviewing its changes before any deployment of it here." : ""));
        });
    }

    static String named(String version, int revision) {
        return odcm.model.release.ReleaseHead.named(version, revision);
    }

    /** The review of {@code version} of an imported project: the diff is made outside the store's lock. */
    public Review review(String space, String project, String version) {
        record Read(Space s, Project p, Release r, int revision, Release previous, int previousRevision, ReleaseMaker maker, Instant at,
                    ImportAcceptance latest, boolean required, Optional<String> refusal, String templates) {
        }
        Read read = store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            Project p = ProjectService.require(tx, s, project);
            Release r = imported(tx, s, p, version);
            Release prev = previous(tx, s, p, r).flatMap(id -> tx.releases().findById(id)).orElse(null);
            List<ImportAcceptance> decisions = tx.acceptances().decisions(s.id(), r.id());
            return new Read(s, p, r, tx.releases().revision(r.id()), prev, prev == null ? 0 : tx.releases().revision(prev.id()),
                    tx.duties().maker(r.id()).orElse(null), tx.acceptances().importedAt(s.id(), r.id()).orElse(r.createdAt()),
                    decisions.isEmpty() ? null : decisions.get(0), tx.acceptances().isRequired(s.id()),
                    acceptRefusal(tx, s, r, RoleService.who(store).name()), RemoteTemplateService.held(tx, r));
        });
        Release r = read.r();
        ReleaseDiff diff = read.previous() == null
                ? ReleaseDiff.of(r.projectName(), new ReleaseDiff.Side("nothing (first import)", "", r.createdAt(), ""),
                        new ReleaseSnapshot(List.of(), List.of(), List.of(), List.of()), ReleaseDiff.Side.of(r), r.snapshot())
                : ReleaseDiff.of(read.previous(), r);
        return new Review(read.s().name(), read.p().name(), r.version(), read.revision(), read.maker() == null ? "someone" : read.maker().madeBy(),
                read.at(), read.previous() == null ? null : read.previous().version(), read.previousRevision(), diff, read.latest(), read.required(),
                read.refusal(), read.templates());
    }

    /** Accepts the current revision of {@code version} (an approver of the space, not its importer where duties are separated). */
    public ImportAcceptance accept(String space, String project, String version, String comment) {
        return decide(space, project, version, ImportAcceptance.Verdict.ACCEPTED, comment);
    }

    /** Declines it, saying why: it stays undeployable where acceptance is required until an approver accepts it. */
    public ImportAcceptance decline(String space, String project, String version, String reason) {
        return decide(space, project, version, ImportAcceptance.Verdict.DECLINED, reason);
    }

    private ImportAcceptance decide(String space, String project, String version, ImportAcceptance.Verdict verdict, String comment) {
        String c = Names.text("A comment", comment, ImportAcceptance.MAX_COMMENT).strip();
        if (verdict == ImportAcceptance.Verdict.DECLINED && c.isEmpty()) {
            throw new Refusal("Say why the import is declined: declining needs a reason (--comment).");
        }
        return store.write(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            RoleService.check(tx, store, Action.APPROVE, s);
            Project p = ProjectService.require(tx, s, project);
            Release r = imported(tx, s, p, version);
            String release = "Release " + named(r.version(), tx.releases().revision(r.id())) + " of '" + p.name() + "'";
            List<ImportAcceptance> decisions = tx.acceptances().decisions(s.id(), r.id());
            if (!decisions.isEmpty() && decisions.get(0).verdict() == verdict) {
                throw new Refusal(release + " was already " + verdict.words() + " in '" + s.name() + "' by " + decisions.get(0).decidedBy()
                        + " on " + decisions.get(0).decidedAt() + "; nothing was changed.");
            }
            if (verdict == ImportAcceptance.Verdict.ACCEPTED) {
                acceptRefusal(tx, s, r, RoleService.who(store).name()).ifPresent(why -> {
                    throw new Refusal(why);
                });
            }
            Long previous = previous(tx, s, p, r).orElse(null);
            ImportAcceptance d = tx.acceptances().insert(s.id(), r.id(), verdict, c, previous, StoreTime.now(store.clock()), store.person().name());
            if (verdict == ImportAcceptance.Verdict.DECLINED) {
                TemplateService.declined(tx, store, s, r); // a declined import provisions nothing (0058)
            }
            // The template changes it carried follow its fate: applied when accepted, dropped when declined (0058).
            String templates = RemoteTemplateService.decided(tx, s, r, verdict == ImportAcceptance.Verdict.ACCEPTED);
            tx.audit().append(verdict == ImportAcceptance.Verdict.ACCEPTED ? ACCEPT : DECLINE, subject(r, tx.releases().revision(r.id()), p, s),
                    verdict.words() + " snapshot " + d.snapshotHash() + (previous == null ? " (first import, everything new)"
                            : " after reviewing its changes against release #" + previous) + (c.isEmpty() ? "" : ": " + c)
                            + (templates.isEmpty() ? "" : "; " + templates));
            return d;
        });
    }

    private static final String ACCEPT = "import.accept";
    private static final String DECLINE = "import.decline";

    private static String subject(Release r, int revision, Project p, Space s) {
        return "release " + named(r.version(), revision) + " of project '" + p.name() + "' of " + s.describe();
    }

    /** The imported releases of a space not accepted there (the newest import first); empty where it does not require acceptance. */
    public List<Pending> pending(String space) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            List<Pending> out = new ArrayList<>();
            if (!tx.acceptances().isRequired(s.id())) {
                return out;
            }
            java.util.Map<Long, String> projects = new java.util.HashMap<>();
            tx.projects().findHeadsBySpace(s.id()).forEach(p -> projects.put(p.id(), p.name()));
            for (long id : tx.acceptances().importedReleases(s.id())) {
                odcm.model.release.ReleaseHead r = tx.releases().findHeadById(id).orElseThrow(); // heads only: no snapshot opened
                Optional<odcm.model.release.ReleaseHead> current = tx.releases().findHead(r.projectId(), r.version());
                if (current.isEmpty() || current.get().id() != id) {
                    continue; // superseded by a later revision, which is the one to accept
                }
                List<ImportAcceptance> d = tx.acceptances().decisions(s.id(), id);
                if (d.isEmpty() || !d.get(0).accepted()) {
                    out.add(new Pending(projects.getOrDefault(r.projectId(), "#" + r.projectId()), r.version(), r.revision(),
                            tx.duties().maker(id).map(ReleaseMaker::madeBy).orElse("someone"), d.isEmpty() ? null : d.get(0)));
                }
            }
            return out;
        });
    }

    /** Why the person acting may not accept it, or empty: for the console to disable Accept… with the service's sentence. */
    public Optional<String> acceptRefusal(String space, String project, String version) {
        return store.read(tx -> {
            Space s = EnvironmentService.requireLocal(tx, space);
            return acceptRefusal(tx, s, imported(tx, s, ProjectService.require(tx, s, project), version), RoleService.who(store).name());
        });
    }

    /** Separation of duties (decision 0043): its importer does not accept it where the space says an approver is not the maker. */
    private static Optional<String> acceptRefusal(StoreTx tx, Space s, Release r, String person) {
        if (!DutyService.relied(tx, s).approverNotMaker()) {
            return Optional.empty();
        }
        Optional<ReleaseMaker> m = tx.duties().maker(r.id());
        if (m.isEmpty()) {
            return Optional.of("Who imported release " + r.version() + " of " + r.projectName() + " is not recorded, so it cannot be accepted while '"
                    + s.name() + "' separates duties (an approver may not accept an import they made).");
        }
        if (m.get().madeBy().equals(person)) {
            return Optional.of(person + " imported release " + r.version() + " of " + r.projectName()
                    + ", so another approver must accept it (separation of duties in '" + s.name() + "').");
        }
        return Optional.empty();
    }

    /**
     * Why {@code r} may not be deployed in {@code s} for want of acceptance, or empty: where the space requires it, an imported
     * release is deployed only once the latest decision on it there accepted it, naming its snapshot as the store holds it.
     * Called by DeploymentService inside the deployment's transaction (and held by the team store's trigger, V26).
     */
    static Optional<String> deploymentRefusal(StoreTx tx, Space s, Project p, Release r) {
        if (!tx.acceptances().isRequired(s.id())) {
            requirementNotRemoved(tx, s);
            return Optional.empty();
        }
        if (tx.projects().sourceSpace(p.id()).isEmpty()) {
            return Optional.empty();
        }
        int revision = tx.releases().revision(r.id());
        decisionsNotRemoved(tx, s, r);
        String release = "Release " + named(r.version(), revision) + " of " + p.name();
        List<ImportAcceptance> decisions = tx.acceptances().decisions(s.id(), r.id());
        if (decisions.isEmpty()) {
            String importer = tx.duties().maker(r.id()).map(ReleaseMaker::madeBy).orElse("someone");
            return Optional.of(release + " was imported by " + importer + " and awaits acceptance in " + s.name() + "; an approver accepts it"
                    + " after reviewing its changes (odcm import accept \"" + s.name() + "\" \"" + p.name() + "\" " + r.version() + ").");
        }
        ImportAcceptance latest = decisions.get(0);
        if (!latest.accepted()) {
            return Optional.of(release + " was declined in " + s.name() + " by " + latest.decidedBy() + ": " + latest.comment()
                    + "; it is deployed there only once an approver accepts it (odcm import accept).");
        }
        if (!latest.snapshotHash().equals(tx.acceptances().snapshotHash(r.id()))) {
            return Optional.of(release + " was accepted in " + s.name() + " by " + latest.decidedBy() + " as another snapshot than the one"
                    + " the store holds; an approver accepts it again after reviewing its changes (odcm import accept).");
        }
        return Optional.empty();
    }

    /**
     * Refuses when the audit log's last word on {@code s} is that acceptance is required while the store has no such row: it was
     * removed outside ODCM Console, which would let imports in unaccepted (as decision 0039 anchors the approval requirement).
     */
    private static void requirementNotRemoved(StoreTx tx, Space s) {
        String consequence = "Whether " + s.describe() + " requires imports to be accepted is read from it as well, so nothing is deployed there";
        Optional<AuditEntry> last = AuditAnchor.lastAbout(tx, s, REQUIRE, e -> true, consequence);
        if (last.isPresent() && last.get().detail().equals(REQUIRED)) {
            throw new Refusal(s.describe() + " requires an imported release to be accepted before deployment (audit entry "
                    + last.get().seq() + "), but the store's record of that requirement is missing: it was removed outside"
                    + " ODCM Console, so nothing is deployed there. Require it again (odcm space require-acceptance), or restore the store from a backup.");
        }
    }

    /** Refuses when the audit log records more decisions on imports of {@code r}'s version in {@code s} than the store holds (one removed). */
    private static void decisionsNotRemoved(StoreTx tx, Space s, Release r) {
        String consequence = "The decisions on imports are read from it as well, so nothing is deployed in " + s.describe();
        String about = "release " + r.version() + " ";
        long logged = AuditAnchor.about(tx, s, List.of(ACCEPT, DECLINE), e -> e.subject().startsWith(about), consequence).countInSpace("' of ");
        int held = tx.acceptances().decisionsOnVersion(s.id(), r.version());
        if (logged > held) {
            throw new Refusal("The audit log records " + logged + " decisions on imports of release " + r.version() + " in " + s.describe()
                    + ", the store holds " + held + ": a decision was removed outside ODCM Console, so whether the release is accepted cannot"
                    + " be told and it is not deployed. Restore the store from a backup.");
        }
    }

    /** The imported release {@code version} of {@code p} (its current revision); refused for a project made here. */
    private static Release imported(StoreTx tx, Space s, Project p, String version) {
        Release r = ReleaseService.release(tx, p, version);
        if (tx.projects().sourceSpace(p.id()).isEmpty()) {
            throw new Refusal("Release " + r.version() + " of '" + p.name() + "' was made in '" + s.name() + "', not imported; only an imported"
                    + " release is accepted (a release made here is approved: odcm release approve).");
        }
        return r;
    }

    /** The release of the import before {@code r}'s of the same project here; empty for the first import. */
    private static Optional<Long> previous(StoreTx tx, Space s, Project p, Release r) {
        List<Long> imports = tx.acceptances().importedReleases(s.id(), p.id());
        int at = imports.indexOf(r.id());
        if (at < 0) {
            return imports.isEmpty() ? Optional.empty() : Optional.of(imports.get(imports.size() - 1));
        }
        return at == 0 ? Optional.empty() : Optional.of(imports.get(at - 1));
    }
}
