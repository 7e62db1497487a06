package odcm.app.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import odcm.model.Refusal;
import odcm.model.cert.CertificateInfo;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.packaging.bundle.BundleInspector;
import odcm.packaging.bundle.Limits;
import odcm.persistence.Store;
import odcm.persistence.StoreTime;
import odcm.persistence.StoreTx;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;

/**
 * What expires soon, or has: local spaces' own certificates, remote spaces' pinned certificates, the certificates trusts rely
 * on, bundles in an Outbox not known to be imported, and bundle files waiting in an Inbox folder — read in one transaction,
 * judged by the store's clock. Reads only; an Inbox file's expiry is read from its manifest, unverified (decision 0055).
 */
public final class HealthService {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3650;
    private final Store store;

    public HealthService(Store store) {
        this.store = store;
    }

    /** What a finding is about. */
    public enum Kind {
        OWN_CERTIFICATE("Own certificate"), REMOTE_CERTIFICATE("Remote certificate"), TRUST("Trust"), OUTBOX_BUNDLE("Outbox bundle"),
        INBOX_BUNDLE("Inbox bundle"), KEY_OVERLAP("Key overlap"), COMPROMISED_KEY("Compromised key");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Something that expires within the days asked, or has: {@code daysLeft} whole days left, or negative (-1 or less) once expired. */
    public record Finding(Kind kind, String space, String name, Instant expires, long daysLeft, boolean expired, String sentence) {
        /** "Expired" or "Expires soon". */
        public String state() {
            return kind == Kind.COMPROMISED_KEY ? "Compromised" : expired ? "Expired" : "Expires soon";
        }
    }

    /** The findings, soonest first, as of {@code asOf}, for {@code days} days ahead. */
    public record Report(List<Finding> findings, int days, Instant asOf) {
        public long expired() {
            return findings.stream().filter(Finding::expired).count();
        }

        /** Keys declared compromised (decision 0056): counted with the expired (odcm check fails on them), named apart. */
        public long compromised() {
            return findings.stream().filter(f -> f.kind() == Kind.COMPROMISED_KEY).count();
        }

        public long soon() {
            return findings.size() - expired();
        }

        /** "2 expire soon, 1 expired", or "Nothing expires within 30 days." */
        public String summary() {
            if (findings.isEmpty()) {
                return "Nothing expires within " + days + (days == 1 ? " day." : " days.");
            }
            List<String> parts = new ArrayList<>();
            if (soon() > 0) {
                parts.add(soon() + (soon() == 1 ? " expires soon" : " expire soon"));
            }
            if (expired() > compromised()) {
                parts.add(expired() - compromised() + " expired");
            }
            if (compromised() > 0) {
                parts.add(compromised() + " compromised");
            }
            return String.join(", ", parts);
        }
    }

    /** Days ahead: 1 to {@link #MAX_DAYS}. */
    public static int checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new Refusal("Look 1 to " + MAX_DAYS + " days ahead; " + days + " is not in that range.");
        }
        return days;
    }

    /** Outbox and Inbox bundles are told of at most this many days before they expire (see {@link #check}). */
    static final int BUNDLE_NOTICE_DAYS = 7;

    /** The end of the {@code days}th day after today (UTC): within N days by the calendar, as the days left are counted. */
    private static Instant horizon(Instant now, int days) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(days + 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * What expires within {@code days} days, or has, for the local space {@code space} (its own certificate, the trusts it
     * grants and the certificates of the remote spaces in them, its Outbox and Inbox), or for every space when null.
     */
    public Report check(String space, int days) {
        checkDays(days);
        Instant now = StoreTime.now(store.clock());
        Instant horizon = horizon(now, days);
        // A bundle lives 30 days by default: within the default 30 days every fresh one would be "soon" (a monitoring script
        // alarmed on each promotion). Bundles are told of in their last week, or within N days if fewer are asked for.
        Instant bundleHorizon = horizon(now, Math.min(days, BUNDLE_NOTICE_DAYS));
        Path inboxRoot = BundleService.inboxRoot(store);
        List<Finding> out = new ArrayList<>();
        List<Space> locals = store.read(tx -> {
            List<Space> all = tx.spaces().findAll();
            Space only = space == null ? null : SpaceService.require(tx, space);
            if (only != null && !only.isLocal()) {
                throw new Refusal("'" + only.name() + "' is a remote space; name a local space, or none to check every space.");
            }
            List<Trust> trusts = tx.trusts().findAll().stream().filter(Trust::isActive)
                    .filter(t -> only == null || t.trusterId() == only.id() || t.trustedId() == only.id()).toList();
            Set<Long> inTrusts = new HashSet<>();
            trusts.forEach(t -> {
                inTrusts.add(t.trusterId());
                inTrusts.add(t.trustedId());
            });
            for (Space s : all) {
                if (only == null || (s.isLocal() ? s.id() == only.id() : inTrusts.contains(s.id()))) {
                    certificate(s, now, horizon).ifPresent(out::add);
                    keys(tx, s, now, horizon, days, out);
                }
            }
            for (Trust t : trusts) {
                if (only == null || t.trusterId() == only.id()) {
                    all.stream().filter(s -> s.id() == t.trustedId()).findFirst().ifPresent(s -> trust(t, s.certificate(), now, horizon, out));
                }
            }
            List<Space> mine = all.stream().filter(Space::isLocal).filter(s -> only == null || s.id() == only.id()).toList();
            for (Space s : mine) {
                outbox(tx, s, now, bundleHorizon, days, out);
            }
            return mine;
        });
        for (Space s : locals) {
            inbox(s, BundleService.inboxFolder(inboxRoot, s.name()), now, bundleHorizon, out);
        }
        out.sort(Comparator.comparing(Finding::expires).thenComparing(Finding::name));
        return new Report(List.copyOf(out), days, now);
    }

    private static java.util.Optional<Finding> certificate(Space s, Instant now, Instant horizon) {
        CertificateInfo c = s.certificate();
        if (!c.notAfter().isBefore(horizon)) {
            return java.util.Optional.empty();
        }
        String whose = s.name() + (s.isLocal() ? "'s own certificate" : "'s certificate (a remote space)");
        String then = s.isLocal() ? (past(c.notAfter(), now) ? ": the spaces that trust it refuse its bundles and receipts; it cannot"
                + " promote or write receipts" : "; then the spaces that trust it will refuse its bundles and receipts")
                : (past(c.notAfter(), now) ? ": its bundles and receipts are refused here, and nothing can be sent to it; ask its owner for"
                + " a new one (odcm remote replace-cert)" : "; ask its owner for a new one before then");
        return java.util.Optional.of(finding(s.isLocal() ? Kind.OWN_CERTIFICATE : Kind.REMOTE_CERTIFICATE, s.name(), s.name(), c.notAfter(), now,
                whose, then));
    }

    /**
     * Keys over time (decision 0056): an earlier certificate's overlap that ends within the days asked, and a key declared
     * compromised (the current one's always, an earlier one's when declared within the last days asked).
     */
    private static void keys(StoreTx tx, Space s, Instant now, Instant horizon, int days, List<Finding> out) {
        var certificates = tx.spaces().certificates(s.id());
        for (var w : tx.spaces().windows(s.id())) {
            var c = certificates.stream().filter(x -> x.id() == w.certificateId()).findFirst().orElse(null);
            if (c == null) {
                continue;
            }
            String whose = s.name() + "'s " + (c.isCurrent() ? "current" : "earlier") + " certificate " + c.info().fingerprint().grouped();
            if (w.compromisedFrom() != null && (c.isCurrent() || w.compromisedFrom().isAfter(now.minus(Duration.ofDays(days))))) {
                out.add(new Finding(Kind.COMPROMISED_KEY, s.name(), s.name(), w.compromisedFrom(), -1, true, "The key of " + whose
                        + " is declared compromised from " + w.compromisedFrom() + " on: nothing signed with it is accepted" + (!c.isCurrent() ? ""
                        : s.isLocal() ? "; rotate the key (odcm space rotate-key)" : "; ask its owner for the new certificate (odcm remote replace-cert)")
                        + "."));
            } else if (w.compromisedFrom() == null && w.acceptedUntil() != null && now.isBefore(w.acceptedUntil()) && w.acceptedUntil().isBefore(horizon)) {
                out.add(finding(Kind.KEY_OVERLAP, s.name(), s.name(), w.acceptedUntil(), now, "The overlap of " + whose,
                        "; then only the current " + (s.isLocal() ? "key" : "certificate") + " is accepted"));
            }
        }
    }

    private static void trust(Trust t, CertificateInfo trusted, Instant now, Instant horizon, List<Finding> out) {
        if (!trusted.notAfter().isBefore(horizon)) {
            return;
        }
        String then = past(trusted.notAfter(), now) ? ": " + t.kind().words() + " from it are refused"
                : "; then " + t.kind().words() + " from it will be refused";
        out.add(finding(Kind.TRUST, t.trusterName(), t.sentence().replace("'", ""), trusted.notAfter(), now,
                "The trust by which " + t.sentence() + " relies on the certificate of '" + t.trustedName() + "', which", then));
    }

    /**
     * The space's bundle files not known to be imported: delivered ones were, a later bundle of the same release to the same
     * space supersedes an earlier one, a space of this console that accepted it or a receipt reporting that release there
     * says it was; one that expired more than {@code days} days ago is old news (there is nothing to remove it with).
     */
    private static void outbox(StoreTx tx, Space s, Instant now, Instant horizon, int days, List<Finding> out) {
        List<OutboxEntry> entries = tx.bundles().outbox(s.id());
        Instant oldest = now.minus(Duration.ofDays(days));
        for (OutboxEntry e : entries) {
            if (e.deliveredDirectly() || !e.expires().isBefore(horizon) || e.expires().isBefore(oldest)
                    || entries.stream().anyMatch(o -> o.releaseId() == e.releaseId() && o.targetSpaceId() == e.targetSpaceId() && o.sequence() > e.sequence())
                    || tx.bundles().accepted(e.targetSpaceId(), e.bundleId()).isPresent()
                    || tx.receipts().remoteDeployments(s.id(), e.releaseId()).stream().anyMatch(d -> d.reporterSpaceId() == e.targetSpaceId())) { // by id: the target may have been renamed since
                continue;
            }
            String what = "release " + e.version() + " of '" + e.project() + "' for '" + e.targetName() + "'";
            out.add(finding(Kind.OUTBOX_BUNDLE, s.name(), e.project() + " " + e.version() + " to " + e.targetName(), e.expires(), now,
                    "The bundle of " + what + " in the Outbox of '" + s.name() + "' (" + Path.of(e.fileName()).getFileName() + ")",
                    past(e.expires(), now) ? ": unless it was imported in time, promote the release again"
                            : "; if it is not imported by then, promote the release again"));
        }
    }

    /** Bundle files in the space's watched Inbox folder, addressed to it and not imported yet. */
    private void inbox(Space s, Path folder, Instant now, Instant horizon, List<Finding> out) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try {
            files = BundleService.inboxFiles(folder);
        } catch (IOException e) {
            return; // the Inbox screen says why it cannot list the folder
        }
        Set<java.util.UUID> accepted = store.read(tx -> tx.bundles().acceptedBundleIds(s.id()));
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = BundleService.readBundle(f);
            } catch (Refusal r) {
                continue; // unreadable: the Inbox says so; it has no expiry to tell
            }
            BundleInspector.header(bytes, Limits.DEFAULT)
                    .filter(h -> odcm.model.Names.same(h.targetSpace(), s.name()) && !accepted.contains(h.bundleId()) && h.expires().isBefore(horizon))
                    .ifPresent(h -> out.add(finding(Kind.INBOX_BUNDLE, s.name(), String.valueOf(f.getFileName()), h.expires(), now,
                            "The bundle file " + f.getFileName() + " from '" + h.sourceSpace() + "' waiting in the Inbox of '" + s.name() + "'",
                            past(h.expires(), now) ? ": it can no longer be imported; ask '" + h.sourceSpace() + "' for a new one and remove this file"
                                    : "; import it before then")));
        }
    }

    private static boolean past(Instant expires, Instant now) {
        return !now.isBefore(expires);
    }

    /** "… expires in 12 days (2027-01-01)…", "… expired 3 days ago (…)…", "… expires today (…)": days by the calendar, in UTC. */
    static Finding finding(Kind kind, String space, String name, Instant expires, Instant now, String subject, String then) {
        boolean expired = past(expires, now);
        // Days by the calendar (UTC), as the date beside them: "expires in 9 days (2026-12-14)" on 2026-12-05 at any hour.
        java.time.LocalDate on = expires.atOffset(ZoneOffset.UTC).toLocalDate();
        long calendar = java.time.temporal.ChronoUnit.DAYS.between(now.atOffset(ZoneOffset.UTC).toLocalDate(), on);
        long ago = Math.max(0, -calendar);
        long days = expired ? -Math.max(1, ago) : Math.max(0, calendar); // negative (-1 or less) once expired
        String date = on.toString();
        String when = expired ? (ago == 0 ? "expired today" : "expired " + ago + (ago == 1 ? " day ago" : " days ago"))
                : days == 0 ? "expires today" : "expires in " + days + (days == 1 ? " day" : " days");
        return new Finding(kind, space, name, expires, days, expired, subject + " " + when + " (" + date + ")" + then + ".");
    }
}
