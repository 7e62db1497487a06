package odcm.persistence;

import static odcm.persistence.jooq.Tables.CERTIFICATE;
import static odcm.persistence.jooq.Tables.SPACE;
import static odcm.persistence.jooq.Tables.TRUST;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import odcm.model.audit.AuditEntry;
import odcm.model.cert.Fingerprint;
import odcm.model.space.SpaceKind;
import odcm.model.trust.TrustKind;
import odcm.persistence.jooq.tables.records.CertificateRecord;
import odcm.persistence.jooq.tables.records.TrustRecord;
import org.jooq.DSLContext;

/**
 * The one sealing of trusts and certificates made before V15 (decision 0038, "Freshness", hole C): a row is sealed only when
 * an entry of the verified audit log vouches for it as it is; the others stay unsealed (so refused) and are named, one
 * sentence each, in the sealing's audit entry and the store's log for the key holder.
 * <ul>
 * <li>A trust: the {@code trust.add} entries of its sentence ("trust 'A' accepts … from 'B'", the spaces' names now), newest
 * row with newest entry, and so on back; it is revoked exactly when a {@code trust.revoke} of that sentence follows its entry
 * before the next {@code trust.add}.</li>
 * <li>A certificate: its DER hashes to its fingerprint, and a {@code space.create}, {@code remote.add} or
 * {@code remote.replace-cert} ("… to F") of its space's name names that fingerprint; it is retired exactly when a
 * {@code remote.replace-cert} names it as the one replaced ("from F"); a remote space's is confirmed exactly when an entry
 * says this fingerprint was confirmed.</li>
 * </ul>
 */
final class RowVouches {
    private RowVouches() {
    }

    /** Seals the vouched unsealed rows; adds a sentence for each other one to {@code notSealed}; says what was sealed. */
    static String sealVouched(RowSeals seals, DSLContext dsl, List<AuditEntry> log, List<String> notSealed) {
        int trusts = 0;
        List<TrustRecord> rows = dsl.selectFrom(TRUST).orderBy(TRUST.ID).fetch();
        for (TrustRecord t : rows) {
            if (t.getSeal() != null) {
                continue;
            }
            String sentence = "trust '" + name(dsl, t.getTrusterId()) + "' accepts " + words(t.getKind()) + " from '"
                    + name(dsl, t.getTrustedId()) + "'";
            if (trustVouched(t, sentence, rows.stream().filter(r -> sameTrust(r, t)).toList(), log)) {
                seals.seal(dsl, TRUST, TRUST.ID, t.getId());
                trusts++;
            } else {
                notSealed.add("The " + sentence + " (trust id " + t.getId() + ") was not sealed: no entry of the audit log vouches for it"
                        + " as it is (" + (t.getRevokedAt() == null ? "active" : "revoked") + ").");
            }
        }
        int certificates = 0;
        for (CertificateRecord c : dsl.selectFrom(CERTIFICATE).where(CERTIFICATE.SEAL.isNull()).orderBy(CERTIFICATE.ID).fetch()) {
            String space = dsl.select(SPACE.KIND, SPACE.NAME).from(SPACE).where(SPACE.ID.eq(c.getSpaceId())).fetchOptional()
                    .map(s -> SpaceKind.valueOf(s.value1()).words() + " '" + s.value2() + "'").orElse("space id " + c.getSpaceId());
            if (certificateVouched(c, space, log)) {
                seals.seal(dsl, CERTIFICATE, CERTIFICATE.ID, c.getId());
                certificates++;
            } else {
                notSealed.add("The certificate of the " + space + " with SHA-256 fingerprint " + c.getSha256() + " (certificate id "
                        + c.getId() + ") was not sealed: no entry of the audit log vouches for it as it is.");
            }
        }
        return trusts + (trusts == 1 ? " trust" : " trusts") + " and " + certificates + (certificates == 1 ? " certificate" : " certificates")
                + " made before they were sealed got their seal (each vouched for by an entry of this log"
                + (notSealed.isEmpty() ? "" : "; " + notSealed.size() + " not sealed, so refused until removed or the store restored: "
                + String.join(" ", notSealed)) + ")";
    }

    private static boolean sameTrust(TrustRecord a, TrustRecord b) {
        return a.getTrusterId().equals(b.getTrusterId()) && a.getTrustedId().equals(b.getTrustedId()) && a.getKind().equals(b.getKind());
    }

    private static boolean trustVouched(TrustRecord t, String sentence, List<TrustRecord> same, List<AuditEntry> log) {
        List<AuditEntry> about = log.stream().filter(e -> sentence.equals(e.subject())).toList();
        List<Long> adds = about.stream().filter(e -> e.action().equals("trust.add")).map(AuditEntry::seq).toList();
        int fromEnd = same.size() - 1 - same.indexOf(t);
        if (fromEnd >= adds.size()) {
            return false; // more such rows than the console ever added
        }
        long added = adds.get(adds.size() - 1 - fromEnd);
        long next = fromEnd == 0 ? Long.MAX_VALUE : adds.get(adds.size() - fromEnd);
        boolean revoked = about.stream().anyMatch(e -> e.action().equals("trust.revoke") && e.seq() > added && e.seq() < next);
        return revoked == (t.getRevokedAt() != null);
    }

    private static boolean certificateVouched(CertificateRecord c, String space, List<AuditEntry> log) {
        String fp;
        try {
            fp = Fingerprint.ofDigest(MessageDigest.getInstance("SHA-256").digest(c.getDer())).grouped();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        if (!fp.equals(new Fingerprint(c.getSha256()).grouped())) {
            return false;
        }
        List<AuditEntry> about = log.stream().filter(e -> space.equals(e.subject())).toList();
        boolean made = about.stream().anyMatch(e -> (e.action().equals("space.create") || e.action().equals("remote.add"))
                && e.detail().contains("fingerprint " + fp) || e.action().equals("remote.replace-cert") && e.detail().contains(" to " + fp));
        boolean replaced = about.stream().anyMatch(e -> e.action().equals("remote.replace-cert") && e.detail().contains("from " + fp + " "));
        boolean local = space.startsWith(SpaceKind.LOCAL.words() + " '"); // a local space's own certificate needs no confirming
        boolean confirmed = about.stream().anyMatch(e ->
                e.action().equals("remote.confirm") && e.detail().contains("fingerprint " + fp + " confirmed")
                        || (e.action().equals("remote.add") || e.action().equals("remote.replace-cert"))
                        && e.detail().contains(fp) && e.detail().endsWith("; fingerprint confirmed")
                        && (e.action().equals("remote.add") || e.detail().contains(" to " + fp)));
        return made && replaced == (c.getRetiredAt() != null) && (local || confirmed == (c.getConfirmedAt() != null));
    }

    private static String name(DSLContext dsl, long spaceId) {
        return dsl.select(SPACE.NAME).from(SPACE).where(SPACE.ID.eq(spaceId)).fetchOptional(SPACE.NAME).orElse("space id " + spaceId);
    }

    private static String words(String kind) {
        try {
            return TrustKind.valueOf(kind).words();
        } catch (IllegalArgumentException notAKind) {
            return "'" + kind + "'";
        }
    }
}
