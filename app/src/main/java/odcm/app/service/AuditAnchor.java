package odcm.app.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditVerification;
import odcm.model.space.Space;
import odcm.persistence.StoreTx;
import odcm.persistence.audit.AuditLog;

/**
 * The audit log as the anchor of rows whose deletion a per-row seal cannot show (decision 0039): what was accepted, and
 * the approval decisions and requirement a deployment relies on. Its entries are keyed and chained to a head kept outside
 * the store, so an entry of ODCM Console's that names a thing counts even when the thing's row is gone; only while the log
 * verifies (an entry removed from its middle breaks the chain; one cut from its end is refused on open, decision 0019).
 */
final class AuditAnchor {
    private AuditAnchor() {
    }

    /** A name space had in the audit log's words ({@code describe}), from entry {@code from} on until entry {@code to}. */
    record Named(String describe, long from, long to) {
        boolean covers(AuditEntry e) {
            return e.seq() >= from && e.seq() < to;
        }
    }

    /**
     * The names {@code s} had, as the audit log records them: from the {@code space.create} entry that made it (found by
     * the fingerprint of one of its certificates, which are sealed rows) through each {@code space.rename}; neither the
     * space's name nor its creation time in its row, which are not sealed and which whoever writes the store could change
     * to make the log's entries about it miss it (review of 2026-12-05). A space renamed keeps its entries under its old
     * names; its old name taken by a new space is not it. Refused, saying {@code consequence}, when the row's name is not
     * the one the log ends with (renamed outside ODCM Console). A space the log does not record making (made before it
     * said so) is known by its present name.
     */
    static List<Named> names(StoreTx tx, Space s, String consequence) {
        return about(tx, s, List.of(), e -> false, consequence).names();
    }

    /** The names {@code s} had, and the entries of {@code actions} that {@code which}, oldest first: the log verified once for both. */
    record About(List<Named> names, List<AuditEntry> entries) {
        /** Whether {@code e}'s subject ends with {@code before} and a name the space had when {@code e} was written. */
        boolean inSpace(AuditEntry e, String before) {
            return names.stream().anyMatch(n -> n.covers(e) && e.subject().endsWith(before + n.describe()));
        }

        /** The entries whose subject ends with {@code before} and the space's name of then. */
        long countInSpace(String before) {
            return entries.stream().filter(e -> inSpace(e, before)).count();
        }
    }

    /**
     * {@link #names} and {@link #entries} of {@code actions} from one verification of the log (each verification reads its
     * tail, the head file and the store's end): every entry used, of the names as of the actions, verified at its place.
     */
    static About about(StoreTx tx, Space s, List<String> actions, Predicate<AuditEntry> which, String consequence) {
        List<String> all = new ArrayList<>(List.of(CREATE, RENAME));
        all.addAll(actions);
        List<AuditEntry> verified = verified(tx, all, consequence);
        String prefix = s.kind().words() + " '";
        Set<String> fingerprints = tx.spaces().certificates(s.id()).stream().map(c -> c.info().fingerprint().grouped())
                .collect(Collectors.toSet());
        AuditEntry made = null;
        for (AuditEntry e : verified) {
            int at = e.detail().indexOf(FINGERPRINT);
            if (e.action().equals(CREATE) && at >= 0 && e.subject().startsWith(prefix) && e.subject().endsWith("'")
                    && fingerprints.contains(e.detail().substring(at + FINGERPRINT.length()).split(";", 2)[0])) {
                made = e;
            }
        }
        List<AuditEntry> relied = verified.stream().filter(e -> actions.contains(e.action()) && which.test(e)).toList();
        if (made == null) {
            return new About(List.of(new Named(s.describe(), 0, Long.MAX_VALUE)), relied);
        }
        List<Named> names = new ArrayList<>();
        String name = made.subject().substring(prefix.length(), made.subject().length() - 1);
        long from = made.seq();
        for (AuditEntry e : verified) {
            String to = e.action().equals(RENAME) && e.subject().startsWith(prefix) && e.subject().endsWith("'")
                    ? e.subject().substring(prefix.length(), e.subject().length() - 1) : null;
            if (e.seq() > from && to != null && e.detail().equals("renamed from '" + name + "' to '" + to + "'")) {
                names.add(new Named(prefix + name + "'", from, e.seq()));
                name = to;
                from = e.seq();
            }
        }
        names.add(new Named(prefix + name + "'", from, Long.MAX_VALUE));
        if (!name.equals(s.name())) {
            throw new Refusal("The name of " + s.describe() + " is not the one the audit log gives it ('" + name + "', audit entry "
                    + from + "): it was changed outside ODCM Console. " + consequence + " until it is renamed back, or the store"
                    + " is restored from a backup.");
        }
        return new About(names, relied);
    }

    private static final String CREATE = "space.create";
    private static final String RENAME = "space.rename";

    /**
     * The audit log's last entry of {@code action} about {@code s} itself (its subject one of the names the space had then)
     * that {@code which}, or empty: what a setting of the space was last said to be, for a check that its row was not removed
     * or changed outside ODCM Console (decision 0039).
     */
    static java.util.Optional<AuditEntry> lastAbout(StoreTx tx, Space s, String action, Predicate<AuditEntry> which, String consequence) {
        About about = about(tx, s, List.of(action), which, consequence);
        List<AuditEntry> said = about.entries().stream().filter(e -> about.names().stream().anyMatch(n -> n.covers(e)
                && e.subject().equals(n.describe()))).toList();
        return said.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(said.get(said.size() - 1));
    }

    /** How a {@code template.edit} entry's detail starts when it renamed the template (EnvironmentTemplate.changes). */
    private static final String RENAMED = "renamed from '";

    /**
     * The names environment template {@code present} of {@code s} had from {@code since} on, its present name first, as the
     * audit log's {@code template.edit} entries record its renames (decision 0057): what a release frozen at {@code since}
     * may call it in its scopes. Walked back from the newest entry, each rename to the name of then, so a former name taken
     * by another template later is not this one's. Refused, saying {@code consequence}, while the log does not verify.
     */
    static List<String> templateNames(StoreTx tx, Space s, String present, java.time.Instant since, String consequence) {
        About about = about(tx, s, List.of("template.edit"), e -> e.detail().startsWith(RENAMED), consequence);
        List<String> names = new ArrayList<>(List.of(present));
        String name = present;
        for (int i = about.entries().size() - 1; i >= 0; i--) {
            AuditEntry e = about.entries().get(i);
            if (e.at().isBefore(since)) {
                break;
            }
            String to = "' to '" + name + "'";
            int end = e.detail().indexOf(to);
            while (end >= 0 && !(e.detail().length() == end + to.length() || e.detail().startsWith(";", end + to.length()))) {
                end = e.detail().indexOf(to, end + 1);
            }
            if (end >= RENAMED.length() && about.inSpace(e, "environment template '" + name + "' of ")) {
                name = e.detail().substring(RENAMED.length(), end);
                names.add(name);
            }
        }
        return names;
    }

    /** Where a {@code space.create} entry's detail names the space's certificate (SpaceService.create). */
    private static final String FINGERPRINT = "; certificate fingerprint ";

    /**
     * The entries of any of {@code actions}, oldest first, each verified at its place in a verified log (decision 0044: from
     * where this open store last verified it); refused, saying {@code consequence} ("so no bundle is verified or imported in
     * this store"), when it was tampered with or its end cannot be believed.
     */
    private static List<AuditEntry> verified(StoreTx tx, List<String> actions, String consequence) {
        AuditLog.Verified v = tx.audit().verifiedWithAction(actions.toArray(String[]::new));
        if (v.log() instanceof AuditVerification.Broken || v.log() instanceof AuditVerification.Truncated) {
            throw new Refusal(v.log().sentence() + " " + consequence + " until it is restored from a backup.");
        }
        String end = tx.audit().endProblem(); // a head that is missing or cannot be believed: the end, so the anchor, is void (0044)
        if (end != null) {
            throw new Refusal(end + " " + consequence + " until the newer store is put back (with its key folder's head file) or this"
                    + " one is accepted with: odcm audit accept-rollback --reason \"...\"");
        }
        return v.entries();
    }
}
