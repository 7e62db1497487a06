package odcm.persistence.release;

import static odcm.persistence.jooq.Tables.PROJECT;
import static odcm.persistence.jooq.Tables.RELEASE;
import static odcm.persistence.jooq.Tables.RELEASE_BUNDLE_PARTS;
import static odcm.persistence.jooq.Tables.RELEASE_SEAL;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.release.Release;
import odcm.model.release.ReleaseHead;
import odcm.model.release.ReleaseSnapshot;
import odcm.persistence.Json;
import odcm.persistence.Lobs;
import odcm.persistence.SensitiveValues;
import odcm.persistence.StoreTime;
import odcm.persistence.environment.JooqEnvironmentRepository;
import odcm.persistence.jooq.tables.records.ReleaseRecord;
import odcm.persistence.project.Documents;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Releases in jOOQ: insert and read only. The row hash and its keyed seal (decision 0034) are made on insert and
 * checked on every read, whole or head only; the seal whenever the master key is at hand.
 */
public final class JooqReleaseRepository implements ReleaseRepository {
    private final DSLContext dsl;
    private final SensitiveValues sensitive;

    /** Versions compare ignoring case only (not by the name key): a frozen release row keeps the key it was created with. */
    private static String versionKey(String version) {
        return version.toLowerCase(java.util.Locale.ROOT);
    }

    public JooqReleaseRepository(DSLContext dsl, SensitiveValues sensitive) {
        this.dsl = dsl;
        this.sensitive = sensitive;
    }

    @Override
    public Release insert(long projectId, String version, int revision, String notes, String channel, ReleaseSnapshot snapshot, Instant at) {
        return insert(projectId, null, version, revision, notes, channel, snapshot, at);
    }

    @Override
    public Release insertImported(long projectId, long sourceSpaceId, String version, int revision, String notes, String channel,
                                  ReleaseSnapshot snapshot, Instant createdAtSource) {
        return insert(projectId, sourceSpaceId, version, revision, notes, channel, snapshot, createdAtSource);
    }

    private Release insert(long projectId, Long sourceSpaceId, String version, int revision, String notes, String channel,
                           ReleaseSnapshot snapshot, Instant at) {
        String versionKey = versionKey(version);
        ReleaseRecord r = dsl.newRecord(RELEASE);
        r.setProjectId(projectId);
        r.setVersion(version);
        r.setVersionKey(versionKey);
        r.setNotes(notes);
        r.setChannel(channel);
        r.setCreatedAt(StoreTime.column(at));
        r.setRevision(revision);
        r.setSourceSpaceId(sourceSpaceId);
        String context = contextKey(versionKey, revision);
        Json.Text text;
        try (SensitiveValues.Sealing sealing = sensitive.sealing()) {
            text = Documents.snapshotText(snapshot, (variable, value) -> sealing.seal(value, sensitive.releaseContext(projectId, context, variable)));
        }
        // The snapshot's text stays in its buffer: hashed from it and bound as a stream of it (Lobs.TEXT), never copied
        // into a string (a megabyte at size); the hash is the one hash(r) gives for the same text in the row.
        r.setSnapshotHash(hash(r, text.chars()));
        // Only the id is read back, by the row's unique key: a record's store() would read the whole row, and H2's
        // RETURNING (a select from the inserted row) copied its megabyte of snapshot once more.
        dsl.insertInto(RELEASE).set(r).set(SNAPSHOT_TEXT, text).execute();
        long id = dsl.select(RELEASE.ID).from(RELEASE).where(RELEASE.PROJECT_ID.eq(projectId)).and(RELEASE.VERSION_KEY.eq(versionKey))
                .and(RELEASE.REVISION.eq(revision)).fetchSingle(RELEASE.ID);
        seal(id, r.getSnapshotHash());
        // What was written, not parsed and opened again: the snapshot given is the one sealed into the row.
        String project = dsl.select(PROJECT.NAME).from(PROJECT).where(PROJECT.ID.eq(projectId)).fetchSingle(PROJECT.NAME);
        return new Release(id, projectId, project, version, notes, channel, StoreTime.instant(r.getCreatedAt()), snapshot);
    }

    @Override
    public List<Release> findByProject(long projectId) {
        return find(RELEASE.PROJECT_ID.eq(projectId).and(current()));
    }

    @Override
    public List<ReleaseHead> findHeadsByProject(long projectId) {
        return heads(RELEASE.PROJECT_ID.eq(projectId).and(current()));
    }

    @Override
    public Optional<Release> find(long projectId, String version) {
        return find(RELEASE.PROJECT_ID.eq(projectId).and(RELEASE.VERSION_KEY.eq(versionKey(version.strip()))).and(current()))
                .stream().findFirst();
    }

    @Override
    public Optional<ReleaseHead> findHead(long projectId, String version) {
        return findHead(projectId, version, null);
    }

    @Override
    public Optional<ReleaseHead> findHead(long projectId, String version, CheckedHeads checked) {
        return heads(RELEASE.PROJECT_ID.eq(projectId).and(RELEASE.VERSION_KEY.eq(versionKey(version.strip()))).and(current()), checked)
                .stream().findFirst();
    }

    @Override
    public void insertBundleParts(long releaseId, byte[] parts, String secretsJson) {
        String snapshotHash = dsl.select(RELEASE.SNAPSHOT_HASH).from(RELEASE).where(RELEASE.ID.eq(releaseId)).fetchSingle(RELEASE.SNAPSHOT_HASH);
        byte[] sealed = sensitive.seal(partsHash(releaseId, snapshotHash, parts) + "\n" + secretsJson, sensitive.bundlePartsContext(releaseId));
        dsl.insertInto(RELEASE_BUNDLE_PARTS).set(RELEASE_BUNDLE_PARTS.RELEASE_ID, releaseId).set(RELEASE_BUNDLE_PARTS.PARTS, parts)
                .set(RELEASE_BUNDLE_PARTS.SECRETS_SEALED, sealed).execute();
    }

    @Override
    public Optional<BundleParts> bundleParts(long releaseId) {
        // Both read at their size (Lobs.BYTES): the parts are a megabyte at size.
        var row = dsl.select(RELEASE_BUNDLE_PARTS.PARTS.coerce(Lobs.BYTES), RELEASE_BUNDLE_PARTS.SECRETS_SEALED.coerce(Lobs.BYTES),
                        RELEASE.SNAPSHOT_HASH, RELEASE.VERSION, PROJECT.NAME)
                .from(RELEASE_BUNDLE_PARTS).join(RELEASE).on(RELEASE.ID.eq(RELEASE_BUNDLE_PARTS.RELEASE_ID))
                .join(PROJECT).on(PROJECT.ID.eq(RELEASE.PROJECT_ID))
                .where(RELEASE_BUNDLE_PARTS.RELEASE_ID.eq(releaseId)).fetchOne();
        if (row == null || !sensitive.available()) {
            return Optional.empty();
        }
        String release = "release " + row.value4() + " of project '" + row.value5() + "'";
        String opened = sensitive.open(row.value2(), sensitive.bundlePartsContext(releaseId), "the bundle parts of " + release).orElseThrow();
        int newline = opened.indexOf('\n');
        if (newline < 0 || !opened.substring(0, newline).equals(partsHash(releaseId, row.value3(), row.value1()))) {
            throw new Refusal("The bundle parts of " + release + " do not match the hash sealed with them: the store file was altered"
                    + " outside ODCM Console, so no bundle can be made of this release.");
        }
        return Optional.of(new BundleParts(row.value1(), opened.substring(newline + 1)));
    }

    @Override
    public int sealUnsealed() {
        var unsealed = dsl.select(RELEASE.ID, RELEASE.SNAPSHOT_HASH).from(RELEASE)
                .whereNotExists(DSL.selectOne().from(RELEASE_SEAL).where(RELEASE_SEAL.RELEASE_ID.eq(RELEASE.ID))).fetch();
        unsealed.forEach(row -> seal(row.value1(), row.value2()));
        return unsealed.size();
    }

    private void seal(long releaseId, String snapshotHash) {
        dsl.insertInto(RELEASE_SEAL).set(RELEASE_SEAL.RELEASE_ID, releaseId).set(RELEASE_SEAL.SEAL, sensitive.releaseSeal(releaseId, snapshotHash))
                .execute();
    }

    /** SHA-256 over the release's id and snapshot hash and its parts: the parts of this release, as frozen. */
    static String partsHash(long releaseId, String snapshotHash, byte[] parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(("odcm-release-parts-v1\n" + releaseId + "\n" + snapshotHash + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(parts));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public boolean exists(long projectId, String version) {
        return dsl.fetchExists(RELEASE, RELEASE.PROJECT_ID.eq(projectId).and(RELEASE.VERSION_KEY.eq(versionKey(version.strip()))));
    }

    @Override
    public int revision(long releaseId) {
        return dsl.select(RELEASE.REVISION).from(RELEASE).where(RELEASE.ID.eq(releaseId)).fetchSingle(RELEASE.REVISION);
    }

    /** No later revision of the same version exists. */
    private static Condition current() {
        var later = RELEASE.as("later");
        return DSL.notExists(DSL.selectOne().from(later).where(later.PROJECT_ID.eq(RELEASE.PROJECT_ID))
                .and(later.VERSION_KEY.eq(RELEASE.VERSION_KEY)).and(later.REVISION.gt(RELEASE.REVISION)));
    }

    /** Revision 1 keeps the context of releases made before revisions existed; later ones are bound to their revision too. */
    private static String contextKey(String versionKey, int revision) {
        return revision == 1 ? versionKey : versionKey + "#r" + revision;
    }

    @Override
    public int count(long projectId) {
        return dsl.fetchCount(RELEASE, RELEASE.PROJECT_ID.eq(projectId));
    }

    @Override
    public Optional<Release> findById(long releaseId) {
        return findById(releaseId, null);
    }

    @Override
    public Optional<Release> findById(long releaseId, CheckedHeads checked) {
        return find(RELEASE.ID.eq(releaseId), checked).stream().findFirst();
    }

    @Override
    public Optional<ReleaseHead> findHeadById(long releaseId) {
        return heads(RELEASE.ID.eq(releaseId)).stream().findFirst();
    }

    private List<Release> find(Condition condition) {
        return find(condition, null);
    }

    private List<Release> find(Condition condition, CheckedHeads checked) {
        return dsl.select(RELEASE.fields()).select(PROJECT.NAME, RELEASE_SEAL.SEAL)
                .from(RELEASE).join(PROJECT).on(PROJECT.ID.eq(RELEASE.PROJECT_ID)).leftJoin(RELEASE_SEAL).on(RELEASE_SEAL.RELEASE_ID.eq(RELEASE.ID))
                .where(condition).orderBy(RELEASE.CREATED_AT.desc(), RELEASE.ID.desc())
                .fetch(row -> release(row, checked));
    }

    /**
     * The snapshot's stored UTF-8 bytes, for a head: its hash is checked over them as they are, without decoding a megabyte
     * of text into a string only to encode it again (decision 0030, create round 2), streamed into the digest
     * ({@link Lobs#STREAMED}: no megabyte array of them, 2026-12-05 evening).
     */
    private static final org.jooq.Field<Lobs.Streamed> SNAPSHOT_UTF8 = RELEASE.SNAPSHOT_JSON.coerce(Lobs.STREAMED).as("snapshot_utf8");

    /** The snapshot's length in chars, which H2 keeps beside its text (not counted again from a megabyte of bytes). */
    private static final org.jooq.Field<Integer> SNAPSHOT_CHARS = DSL.charLength(RELEASE.SNAPSHOT_JSON).as("snapshot_chars");

    /** The snapshot's text written from its buffer ({@link Lobs#TEXT}). */
    private static final org.jooq.Field<Json.Text> SNAPSHOT_TEXT = RELEASE.SNAPSHOT_JSON.coerce(Lobs.TEXT);

    /** Every column of the row but the snapshot's text, which comes as {@link #SNAPSHOT_UTF8} and {@link #SNAPSHOT_CHARS}. */
    private static final List<org.jooq.Field<?>> HEAD_FIELDS = java.util.Arrays.stream(RELEASE.fields())
            .filter(f -> !f.equals(RELEASE.SNAPSHOT_JSON)).toList();

    private List<ReleaseHead> heads(Condition condition) {
        return heads(condition, null);
    }

    private List<ReleaseHead> heads(Condition condition, CheckedHeads checked) {
        return dsl.select(HEAD_FIELDS).select(SNAPSHOT_UTF8, SNAPSHOT_CHARS, PROJECT.NAME, RELEASE_SEAL.SEAL)
                .from(RELEASE).join(PROJECT).on(PROJECT.ID.eq(RELEASE.PROJECT_ID)).leftJoin(RELEASE_SEAL).on(RELEASE_SEAL.RELEASE_ID.eq(RELEASE.ID))
                .where(condition).orderBy(RELEASE.CREATED_AT.desc(), RELEASE.ID.desc())
                .fetch(row -> head(row, checked));
    }

    /**
     * The row, refused when it does not match its hash or its seal: every read, whole or head only, checks both. A row whose
     * head {@code checked} holds (read earlier in the same operation, with the same columns) has the UTF-8 of the text it
     * is read with compared with the bytes hashed then, instead of hashed again ({@link CheckedHeads}).
     */
    private ReleaseRecord checked(Record row, CheckedHeads checked) {
        ReleaseRecord r = row.into(RELEASE);
        String snapshot = r.getSnapshotJson();
        byte[] utf8 = snapshot.getBytes(StandardCharsets.UTF_8);
        CheckedHeads.Checked earlier = checked == null ? null : checked.earlier(r, snapshot.length());
        return checked(row, r, earlier != null && java.util.Arrays.equals(utf8, earlier.snapshot()) ? earlier.hash()
                : hash(r, snapshot.length(), utf8));
    }

    /**
     * The hash catches a row changed by hand; the seal, a row changed and hashed again (anybody can compute a SHA-256), or
     * put in whole: only the master key makes a seal. Without the key nothing can be sealed, signed or changed, and the
     * seal is not checked.
     */
    private ReleaseRecord checked(Record row, ReleaseRecord r, String hash) {
        String release = "Release " + r.getVersion() + " of project '" + row.get(PROJECT.NAME) + "'";
        if (!hash.equals(r.getSnapshotHash())) {
            throw new Refusal(release + " does not match the hash it was frozen with: the store file was altered outside ODCM Console,"
                    + " so this release cannot be used.");
        }
        if (sensitive.available()) {
            String seal = row.get(RELEASE_SEAL.SEAL);
            if (seal == null) {
                throw new Refusal(release + " has no seal: it was put into the store file, or its seal removed, outside ODCM Console,"
                        + " so this release cannot be used.");
            }
            if (!MessageDigest.isEqual(seal.getBytes(StandardCharsets.US_ASCII),
                    sensitive.releaseSeal(r.getId(), hash).getBytes(StandardCharsets.US_ASCII))) {
                throw new Refusal(release + " does not match the seal it was frozen with: the store file was altered outside ODCM Console,"
                        + " so this release cannot be used.");
            }
        }
        return r;
    }

    /**
     * A head, its hash and seal checked. With {@code checked} (one operation's earlier checks, {@link CheckedHeads}): a row
     * checked there with these columns has its snapshot bytes compared with those instead of hashed again, and one not
     * checked there is read whole, checked, and kept there; one above {@link CheckedHeads#keptAtMost()} is hashed as it
     * streams, as without {@code checked}, and not kept.
     */
    private ReleaseHead head(Record row, CheckedHeads checked) {
        ReleaseRecord r = row.into(RELEASE); // its snapshot text left null: hashed from its bytes
        Lobs.Streamed utf8 = row.get(SNAPSHOT_UTF8);
        // PostgreSQL's char_length counts code points, the hash Java's chars (UTF-16 units): counted from the bytes there,
        // which its driver hands over whole anyway.
        byte[] whole = dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES ? utf8.bytes() : null;
        int chars = whole != null ? utf16Length(whole) : row.get(SNAPSHOT_CHARS);
        CheckedHeads.Checked earlier = checked == null ? null : checked.earlier(r, chars);
        if (earlier != null) {
            boolean[] same = {false};
            String hash = hash(r, chars, d -> same[0] = sameOrDigest(utf8::read, earlier.snapshot(), d));
            checked(row, r, same[0] ? earlier.hash() : hash); // the same columns and bytes: the hash computed over them then
        } else if (checked != null && (whole != null ? whole.length : utf8.length()) <= CheckedHeads.keptAtMost()) {
            byte[] bytes = whole != null ? whole : utf8.bytes();
            String hash = hash(r, chars, bytes);
            checked(row, r, hash);
            checked.put(r, chars, bytes, hash);
        } else {
            checked(row, r, whole != null ? hash(r, chars, whole) : hash(r, chars, utf8::digest));
        }
        return new ReleaseHead(r.getId(), r.getProjectId(), r.getVersion(), r.getRevision() == null ? 1 : r.getRevision(), r.getNotes(),
                r.getChannel(), StoreTime.instant(r.getCreatedAt()));
    }

    /**
     * Whether {@code content} (its chunks handed over in order, as {@link Lobs.Streamed#read} does) is {@code kept}, byte for
     * byte; when it is not, the content has been fed to {@code digest} whole (the prefix that matched taken from {@code kept},
     * which holds the same bytes), exactly as {@link Lobs.Streamed#digest} would have. Read once.
     */
    static boolean sameOrDigest(java.util.function.Consumer<java.util.function.ObjIntConsumer<byte[]>> content, byte[] kept,
                                MessageDigest digest) {
        int[] matched = {0}; // bytes found equal so far; -1 once they differ, from when on every chunk goes to the digest
        content.accept((chunk, n) -> {
            int at = matched[0];
            if (at >= 0 && n <= kept.length - at && java.util.Arrays.equals(chunk, 0, n, kept, at, at + n)) {
                matched[0] = at + n;
                return;
            }
            if (at >= 0) {
                digest.update(kept, 0, at);
                matched[0] = -1;
            }
            digest.update(chunk, 0, n);
        });
        if (matched[0] == kept.length) {
            return true;
        }
        if (matched[0] > 0) { // a prefix of kept, shorter than it
            digest.update(kept, 0, matched[0]);
        }
        return false;
    }

    /** The length in Java chars of the string whose UTF-8 is {@code utf8}: one per code point, two for one beyond the BMP. */
    static int utf16Length(byte[] utf8) {
        int n = 0;
        for (byte b : utf8) {
            if ((b & 0xC0) != 0x80) {
                n += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return n;
    }

    private Release release(Record row, CheckedHeads checked) {
        ReleaseRecord r = checked(row, checked);
        String project = row.get(PROJECT.NAME);
        ReleaseSnapshot snapshot = Documents.snapshot(r.getSnapshotJson(), (variable, sealed) -> sensitive.open(sealed,
                sensitive.releaseContext(r.getProjectId(), contextKey(r.getVersionKey(), r.getRevision()), variable),
                "variable '" + variable + "' of release " + r.getVersion() + " of project '" + project + "'"));
        return new Release(r.getId(), r.getProjectId(), project, r.getVersion(), r.getNotes(), r.getChannel(),
                StoreTime.instant(r.getCreatedAt()), snapshot);
    }

    /**
     * SHA-256 over every column but id and the hash itself, each length-prefixed so no two rows hash alike by shifting text.
     * Public: anybody can compute it, which is why the seal binds it with a key.
     */
    public static String hash(ReleaseRecord r) {
        String snapshot = r.getSnapshotJson();
        return hash(r, snapshot.length(), snapshot.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #hash(ReleaseRecord)} of the row whose snapshot text, {@code snapshotLength} chars long, is stored as
     * {@code snapshotUtf8}. Bytes that are no string's UTF-8, or a length that is not theirs, never match a hash made from
     * a string: an altered row is refused as before.
     */
    static String hash(ReleaseRecord r, int snapshotLength, byte[] snapshotUtf8) {
        return hash(r, snapshotLength, d -> d.update(snapshotUtf8));
    }

    /**
     * {@link #hash(ReleaseRecord)} of the row whose snapshot text is {@code snapshot}: its UTF-8 fed to the digest a chunk at
     * a time, as {@link String#getBytes} encodes it (a lone surrogate as '?'), without a megabyte array of it. The chars are
     * copied a chunk at a time into an array the encoder reads directly: on a read-only buffer (what the snapshot writer
     * hands over) the JDK's UTF-8 encoder takes its char-by-char path, about a tenth of an import.
     */
    static String hash(ReleaseRecord r, CharBuffer snapshot) {
        return hash(r, snapshot.remaining(), d -> {
            CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            CharBuffer source = snapshot.duplicate();
            CharBuffer in = CharBuffer.allocate(HASH_CHUNK);
            ByteBuffer out = ByteBuffer.allocate(HASH_CHUNK * 3); // at most 3 bytes a char: never overflows
            boolean end = false;
            while (!end) {
                int n = Math.min(in.remaining(), source.remaining());
                source.get(in.array(), in.arrayOffset() + in.position(), n);
                in.position(in.position() + n);
                end = !source.hasRemaining();
                in.flip();
                CoderResult result = encoder.encode(in, out, end); // a high surrogate at a chunk's end waits for the next chunk
                if (end && result.isUnderflow()) {
                    result = encoder.flush(out);
                }
                if (!result.isUnderflow()) {
                    throw new IllegalStateException("UTF-8 of a chunk fits its buffer: " + result);
                }
                out.flip();
                d.update(out);
                out.clear();
                in.compact();
            }
        });
    }

    private static final int HASH_CHUNK = 8 * 1024;

    /**
     * Every value of the row the hash covers but the snapshot: {@code fields} length-prefixed before it, {@code tail} after
     * it. The one list of them: {@link CheckedHeads} keeps and compares this very value, so a column added to the hash is a
     * column compared there too (a column hashed but not compared would let a row altered in it take the kept hash).
     */
    record Hashed(List<String> fields, String tail) {
    }

    static Hashed hashed(ReleaseRecord r) {
        return new Hashed(List.of(Long.toString(r.getProjectId()), r.getVersion(), r.getVersionKey(), r.getNotes(), r.getChannel(),
                Long.toString(StoreTime.instant(r.getCreatedAt()).toEpochMilli())),
                // revision 1 hashes as rows made before revisions existed
                r.getRevision() != null && r.getRevision() != 1 ? "\nrevision:" + r.getRevision() : "");
    }

    private static String hash(ReleaseRecord r, int snapshotLength, java.util.function.Consumer<MessageDigest> snapshotUtf8) {
        try {
            // Fed to the digest field by field (the snapshot is a megabyte at size): the same bytes as the UTF-8 of the whole text.
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("odcm-release-v1".getBytes(StandardCharsets.UTF_8));
            Hashed columns = hashed(r);
            for (String field : columns.fields()) {
                d.update(("\n" + field.length() + ":").getBytes(StandardCharsets.UTF_8));
                d.update(field.getBytes(StandardCharsets.UTF_8));
            }
            d.update(("\n" + snapshotLength + ":").getBytes(StandardCharsets.UTF_8));
            snapshotUtf8.accept(d);
            d.update(columns.tail().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
