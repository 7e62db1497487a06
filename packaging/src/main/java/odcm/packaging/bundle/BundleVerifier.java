package odcm.packaging.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import odcm.model.cert.Fingerprint;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import odcm.packaging.bundle.BundleReader.Refused;
import odcm.packaging.bundle.Json.BadJson;
import odcm.packaging.bundle.VerificationOutcome.*;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;

/**
 * The one verifier of release bundles, for screens and command line alike. It trusts nothing in the file before checking
 * it, in this order: the container (limits, names), the manifest's schema and shape, the signature's algorithms and exact
 * form (DER, signed attributes, detached), the source's trust here, the pinned certificate's validity now, the signature
 * against the pinned certificate (and its signer identifier, certificate and low-S), the addressee, the parts against the
 * exact list of the signed manifest, replay (already accepted, expired, created in the future, rollback), and the parts'
 * content and the secrets' algorithms. It reads its context and changes nothing.
 */
public final class BundleVerifier {
    private BundleVerifier() {
    }

    public static VerificationOutcome verify(byte[] bytes, VerificationContext context) {
        return guarded(bytes, context, BundleVerifier::check);
    }

    /** The checks of one kind of file, refusing by throwing {@link Refused}. */
    interface Check {
        VerificationOutcome run(byte[] bytes, VerificationContext context) throws Refused;
    }

    /** Runs {@code check}: a refusal is its outcome, and any parser surprise on hostile input a damaged file, never a crash. */
    static VerificationOutcome guarded(byte[] bytes, VerificationContext context, Check check) {
        return guarded(() -> check.run(bytes, context));
    }

    /** Checks already bound to their file and context. */
    interface Bound {
        VerificationOutcome run() throws Refused;
    }

    /** As {@link #guarded(byte[], VerificationContext, Check)}, for checks that need another context (key statements). */
    static VerificationOutcome guarded(Bound check) {
        try {
            return check.run();
        } catch (Refused r) {
            return r.outcome;
        } catch (RuntimeException e) {
            return new Malformed("its content cannot be read");
        }
    }

    /** The container's entries, refused unless the file is exactly the canonical container of those entries. */
    static Map<String, byte[]> container(byte[] bytes, Limits limits) throws Refused {
        Map<String, byte[]> entries = BundleReader.read(bytes, limits);
        if (!BundleReader.isCanonical(bytes, entries)) {
            // Every byte of a bundle is fixed by its entries; anything else (times, attributes, gaps) was changed on the way.
            throw new Refused(new Malformed("its ZIP container holds bytes the canonical container never holds, so it was altered"));
        }
        return entries;
    }

    private static VerificationOutcome check(byte[] bytes, VerificationContext ctx) throws Refused {
        Map<String, byte[]> entries = container(bytes, ctx.limits());
        byte[] manifestBytes = require(entries, BundleFormat.MANIFEST);
        byte[] signature = require(entries, BundleFormat.SIGNATURE);

        Dto.Manifest manifest = manifest(manifestBytes);
        Fingerprint source = fingerprint(manifest.source().certificateSha256(), "source");
        VerificationOutcome signed = signedByTrustedSource(manifestBytes, signature, BundleFormat.SIGNATURE, manifest.source().space(), source,
                ctx);
        if (signed != null) {
            return signed;
        }

        // From here the manifest is the source's own word.
        Fingerprint target = fingerprint(manifest.target().certificateSha256(), "target");
        VerificationOutcome elsewhere = ctx.notAddressedHere(manifest.target().space(), target);
        if (elsewhere != null) {
            return elsewhere;
        }
        UUID bundleId = UUID.fromString(manifest.bundleId());
        VerificationOutcome parts = parts(entries, manifest);
        if (parts != null) {
            return parts;
        }
        if (ctx.acceptedBundles().contains(bundleId)) {
            return new AlreadyAccepted(bundleId);
        }
        Instant created = instant(manifest.created(), "created");
        Instant expires = instant(manifest.expires(), "expires");
        if (!ctx.clock().instant().isBefore(expires)) {
            return new Expired(expires);
        }
        notInFuture(created, ctx);
        OptionalLong last = ctx.lastAcceptedSequence().apply(source);
        if (last.isPresent() && manifest.sequence() <= last.getAsLong()) {
            return new Rollback(manifest.sequence(), last.getAsLong());
        }
        return content(entries, manifest, bundleId, created, expires, source, target, ctx);
    }

    /**
     * Checks a detached CMS signature over {@code signed}: exactly one signer, allowed algorithms, a source this space
     * trusts (not revoked), verified with the pinned certificate alone, carrying no other certificate. Null when all holds,
     * else the outcome. Shared by release bundles and deployment receipts.
     */
    static VerificationOutcome signedByTrustedSource(byte[] signed, byte[] signature, String signatureName, String sourceSpace,
                                                     Fingerprint source, VerificationContext ctx) throws Refused {
        SignerInformation signer = onlySigner(signed, signature, signatureName);
        SourceTrust trust = ctx.trust().apply(source);
        if (trust instanceof SourceTrust.Revoked) {
            return new TrustRevoked(sourceSpace, source);
        }
        if (trust instanceof SourceTrust.Compromised c) {
            return new KeyCompromised(sourceSpace, source, c.from());
        }
        if (trust instanceof SourceTrust.Retired r) {
            return new KeyRetired(sourceSpace, source, r.since());
        }
        if (!(trust instanceof SourceTrust.Trusted trusted)) {
            return new SignerNotTrusted(sourceSpace, source);
        }
        return signedWith(signer, signature, signatureName, sourceSpace, source, trusted.pinnedCertificateDer(), ctx.clock().instant());
    }

    /**
     * The one signer of a detached CMS signature over {@code signed}, with allowed algorithms and in its one form; refused
     * otherwise. The first half of every signature check (bundles, receipts, key statements).
     */
    static SignerInformation onlySigner(byte[] signed, byte[] signature, String signatureName) throws Refused {
        SignerInformation signer = Cms.onlySigner(signed, signature);
        if (signer == null) {
            throw new Refused(new InvalidPart(signatureName, "is not a detached CMS signature with exactly one signer"));
        }
        String disallowed = Cms.disallowedAlgorithm(signer);
        if (disallowed != null) {
            throw new Refused(new DisallowedAlgorithm(disallowed));
        }
        String form = Cms.formProblem(signature);
        if (form != null) {
            // Any other encoding of a signature would make a second file of the same signed content.
            throw new Refused(new InvalidPart(signatureName, form));
        }
        return signer;
    }

    /**
     * The second half: {@code signer} verified with {@code pinnedDer} alone (the certificate with fingerprint {@code source},
     * valid at {@code now}), naming it and carrying no other certificate. Null when all holds, else the outcome.
     */
    static VerificationOutcome signedWith(SignerInformation signer, byte[] signature, String signatureName, String sourceSpace,
                                          Fingerprint source, byte[] pinnedDer, Instant now) {
        X509CertificateHolder pinned;
        try {
            pinned = new X509CertificateHolder(pinnedDer);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("the pinned certificate of a trusted space is not a certificate", e);
        }
        if (!odcm.packaging.cert.Certificates.fingerprint(pinnedDer).equals(source)) {
            return new SignatureInvalid();
        }
        if (!pinned.isValidOn(java.util.Date.from(now))) {
            return new CertificateNotValid(sourceSpace, source, pinned.getNotBefore().toInstant(), pinned.getNotAfter().toInstant(), now);
        }
        if (!Cms.verifies(signer, pinned)) {
            return new SignatureInvalid();
        }
        String owner = Cms.signerProblem(signature, pinned);
        if (owner != null) {
            // Not trusted either way; refused so that no byte of the signature file goes unchecked.
            return new InvalidPart(signatureName, owner);
        }
        return null;
    }

    /** How far a creation time may be ahead of this clock: two computers' clocks differ a little. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    /** Refuses a creation time beyond this clock and {@link #CLOCK_SKEW}. */
    static void notInFuture(Instant created, VerificationContext ctx) throws Refused {
        Instant now = ctx.clock().instant();
        if (created.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refused(new CreatedInFuture(created, now));
        }
    }

    /**
     * The signed manifest is the exact list of parts: each part of a bundle listed once, every listed part present, nothing
     * unlisted, every hash matching; null when so, else the outcome.
     */
    static VerificationOutcome parts(Map<String, byte[]> entries, Dto.Manifest manifest) {
        Map<String, String> listed = new HashMap<>();
        for (Dto.Entry e : manifest.entries()) {
            if (e == null || e.name() == null || e.sha256() == null) {
                return new InvalidPart(BundleFormat.MANIFEST, "lists a part without its name or hash");
            }
            if (listed.put(e.name(), e.sha256()) != null) {
                return new InvalidPart(BundleFormat.MANIFEST, "lists the part " + e.name() + " twice");
            }
            if (!BundleFormat.HASHED.contains(e.name())) {
                return entries.containsKey(e.name()) && !e.name().equals(BundleFormat.MANIFEST) && !e.name().equals(BundleFormat.SIGNATURE)
                        ? new InvalidPart(BundleFormat.MANIFEST, "lists " + e.name() + ", which is not a part of a release bundle")
                        : new PartMissing(e.name());
            }
        }
        for (String name : entries.keySet()) {
            if (!name.equals(BundleFormat.MANIFEST) && !name.equals(BundleFormat.SIGNATURE) && !listed.containsKey(name)) {
                return new PartExtra(name);
            }
        }
        for (String name : BundleFormat.HASHED) {
            byte[] part = entries.get(name);
            if (part == null) {
                return new PartMissing(name);
            }
            if (!BundleWriter.sha256(part).equalsIgnoreCase(listed.get(name))) {
                String other = otherBundle(part, manifest.bundleId());
                return other != null ? new MixedBundles(name, other) : new PartHashMismatch(name);
            }
        }
        return null;
    }

    /** The part each kind of file opens with: a file missing its own but holding another's is of that other kind. */
    private static final Map<String, VerificationOutcome.Kind> FIRST_PARTS = Map.of(BundleFormat.MANIFEST, VerificationOutcome.Kind.RELEASE_BUNDLE,
            ReceiptFormat.RECEIPT, VerificationOutcome.Kind.DEPLOYMENT_RECEIPT, KeyStatementFormat.STATEMENT, VerificationOutcome.Kind.KEY_STATEMENT,
            SignedStatements.ARCHIVE, VerificationOutcome.Kind.PACKAGE_ARCHIVE, SignedStatements.INVENTORY, VerificationOutcome.Kind.PACKAGE_INVENTORY);

    /** The kind of file whose signed statement is the entry {@code name}, or null. */
    static VerificationOutcome.Kind kindOf(String name) {
        return FIRST_PARTS.get(name);
    }

    static byte[] require(Map<String, byte[]> entries, String name) throws Refused {
        byte[] b = entries.get(name);
        if (b == null) {
            if (FIRST_PARTS.containsKey(name)) {
                for (Map.Entry<String, VerificationOutcome.Kind> other : FIRST_PARTS.entrySet()) {
                    if (entries.containsKey(other.getKey())) {
                        throw new Refused(new VerificationOutcome.OtherKind(other.getValue()));
                    }
                }
            }
            throw new Refused(new PartMissing(name));
        }
        return b;
    }

    static Dto.Manifest manifest(byte[] bytes) throws Refused {
        return signedJson(bytes, Dto.Manifest.class, BundleFormat.SUPPORTED_SCHEMAS, BundleFormat.MANIFEST, m -> {
            if (m.source() == null || m.target() == null || m.entries() == null || m.bundleId() == null
                    || m.source().space() == null || m.target().space() == null) {
                throw new BadJson("lacks a required field");
            }
            if (!m.bundleId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                throw new BadJson("has a bundle id that is not a UUID");
            }
        });
    }

    /** The checks of one signed statement's fields once it was read, refusing with {@link BadJson}. */
    interface Fields<T> {
        void check(T read) throws BadJson;
    }

    /**
     * A signed statement ({@code manifest.json}, {@code receipt.json}, {@code statement.json}) read strictly: a schema version
     * of {@code schemas}, valid JSON of {@code type}, byte-for-byte canonical, and whatever {@code fields} checks; refused
     * otherwise as an invalid {@code part}.
     */
    static <T> T signedJson(byte[] bytes, Class<T> type, List<Integer> schemas, String part, Fields<T> fields) throws Refused {
        try {
            JsonNode schema = Json.field(bytes, "schemaVersion");
            if (schema == null || !schema.isInt() || !schemas.contains(schema.intValue())) {
                throw new Refused(new UnsupportedSchema(schema == null ? "(none)" : schema.toString(), schemas));
            }
            T read = Json.read(bytes, type);
            if (!java.util.Arrays.equals(Json.write(read), bytes)) {
                throw new BadJson("is not in canonical form (sorted keys, no spaces)");
            }
            fields.check(read);
            return read;
        } catch (BadJson e) {
            throw new Refused(new InvalidPart(part, e.getMessage()));
        }
    }

    static Fingerprint fingerprint(String hex, String which) throws Refused {
        return fingerprint(hex, which, BundleFormat.MANIFEST);
    }

    static Fingerprint fingerprint(String hex, String which, String part) throws Refused {
        try {
            return new Fingerprint(hex);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refused(new InvalidPart(part, "names a " + which + " certificate fingerprint that is not 64 hex digits"));
        }
    }

    static Instant instant(String text, String field) throws Refused {
        return instant(text, field, BundleFormat.MANIFEST);
    }

    static Instant instant(String text, String field, String part) throws Refused {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Refused(new InvalidPart(part, "has a '" + field + "' time that is not an ISO-8601 instant"));
        }
    }

    /** The bundle id a part names when it is not {@code expected}; null when it names none or the same. */
    private static String otherBundle(byte[] part, String expected) {
        try {
            JsonNode id = Json.field(part, "bundleId");
            return id != null && id.isTextual() && !id.textValue().equals(expected) ? id.textValue() : null;
        } catch (BadJson | RuntimeException e) {
            return null;
        }
    }

    /**
     * release.json: with a {@code revision} (2 to {@link BundleContent#MAX_REVISION}) a later revision of the release, without
     * one revision 1, as every bundle was before revisions travelled (decision 0048). An explicit revision 1, 0, a negative or
     * a larger one is refused: one release is written one way only.
     */
    private static Dto.RevisedReleasePart releasePart(Map<String, byte[]> entries, String bundleId, Json.Budget budget) throws Refused {
        JsonNode revision;
        try {
            revision = Json.field(entries.get(BundleFormat.RELEASE), "revision");
        } catch (BadJson e) {
            throw new Refused(new InvalidPart(BundleFormat.RELEASE, e.getMessage()));
        }
        if (revision != null && !revision.isInt()) { // 2.0 or 2e0 would be bound as 2: one release is written one way only
            throw new Refused(new InvalidPart(BundleFormat.RELEASE, "gives a revision that is not a whole number from 2 to "
                    + BundleContent.MAX_REVISION));
        }
        if (revision == null) {
            Dto.ReleasePart r = part(entries, BundleFormat.RELEASE, Dto.ReleasePart.class, bundleId, budget);
            return new Dto.RevisedReleasePart(r.bundleId(), r.project(), r.version(), r.notes(), r.channel(), r.created(), 1);
        }
        Dto.RevisedReleasePart r = part(entries, BundleFormat.RELEASE, Dto.RevisedReleasePart.class, bundleId, budget);
        if (r.revision() < 2 || r.revision() > BundleContent.MAX_REVISION) {
            throw new Refused(new InvalidPart(BundleFormat.RELEASE, "gives revision " + r.revision() + ", where a later revision is 2 to "
                    + BundleContent.MAX_REVISION + " and revision 1 names none"));
        }
        return r;
    }

    private static <T> T part(Map<String, byte[]> entries, String name, Class<T> type, String bundleId, Json.Budget budget) throws Refused {
        try {
            T value = Json.read(entries.get(name), type, budget);
            String named = (String) type.getMethod("bundleId").invoke(value);
            if (!bundleId.equals(named)) {
                throw new Refused(new MixedBundles(name, String.valueOf(named)));
            }
            return value;
        } catch (BadJson e) {
            throw new Refused(new InvalidPart(name, e.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VerificationOutcome content(Map<String, byte[]> entries, Dto.Manifest m, UUID bundleId, Instant created, Instant expires,
                                               Fingerprint source, Fingerprint target, VerificationContext ctx) throws Refused {
        String id = m.bundleId();
        Json.Budget budget = new Json.Budget();
        Dto.RevisedReleasePart release = releasePart(entries, id, budget);
        Dto.ProcessPart process = part(entries, BundleFormat.PROCESS, Dto.ProcessPart.class, id, budget);
        Dto.VariablesPart variables = part(entries, BundleFormat.VARIABLES, Dto.VariablesPart.class, id, budget);
        Dto.TemplatesPart templates = templates(entries, id, budget);
        Dto.PackagesPart packages = part(entries, BundleFormat.PACKAGES, Dto.PackagesPart.class, id, budget);
        Dto.HistoryPart history = history(entries, id, budget);

        try {
            String disallowed = Cms.disallowedEnvelope(entries.get(BundleFormat.SECRETS));
            if (disallowed != null) {
                // Refused whether or not the secrets are opened now: a bundle is genuine only with the algorithms we name.
                throw new Refused(new DisallowedAlgorithm(disallowed));
            }
        } catch (Cms.Undecryptable e) {
            throw new Refused(new InvalidPart(BundleFormat.SECRETS, e.getMessage()));
        }
        Map<String, String> secretValues = null;
        if (ctx.keyOf(target) != null) {
            secretValues = secrets(entries.get(BundleFormat.SECRETS), m, release, ctx);
        }
        BundleContent content = build(m, bundleId, created, expires, release, process, variables, templates, packages, history, secretValues);
        return new Genuine(content, source, target, secretValues != null);
    }

    /** The parts read strictly, each naming this bundle; no secrets. */
    static BundleContent unsealedContent(Map<String, byte[]> entries, Dto.Manifest m, UUID bundleId, Instant created, Instant expires)
            throws Refused {
        String id = m.bundleId();
        Json.Budget b = new Json.Budget();
        return build(m, bundleId, created, expires, releasePart(entries, id, b),
                part(entries, BundleFormat.PROCESS, Dto.ProcessPart.class, id, b), part(entries, BundleFormat.VARIABLES, Dto.VariablesPart.class, id, b),
                templates(entries, id, b), part(entries, BundleFormat.PACKAGES, Dto.PackagesPart.class, id, b),
                history(entries, id, b), null);
    }

    /**
     * history.json, strictly: with an {@code outOfOrder} object when the source overrode lifecycle order, without the field
     * as every earlier bundle (a field given as null is neither, and refused).
     */
    private static Dto.HistoryPart history(Map<String, byte[]> entries, String id, Json.Budget budget) throws Refused {
        Dto.HistoryPart h = withOptional(entries, BundleFormat.HISTORY, "outOfOrder", id, budget, Dto.HistoryPart.class,
                Dto.EarlierHistoryPart.class, e -> new Dto.HistoryPart(e.bundleId(), e.deployments(), null));
        if (h == null) {
            throw new Refused(new InvalidPart(BundleFormat.HISTORY, "gives its override of lifecycle order as null"));
        }
        return h;
    }

    /**
     * templates.json, strictly: with {@code environmentTemplates} when the release reaches environment templates in the target
     * (decision 0058), without the field as every earlier bundle (a field given as null or empty is neither, and refused).
     */
    private static Dto.TemplatesPart templates(Map<String, byte[]> entries, String id, Json.Budget budget) throws Refused {
        Dto.TemplatesPart t = withOptional(entries, BundleFormat.TEMPLATES, "environmentTemplates", id, budget, Dto.TemplatesPart.class,
                Dto.EarlierTemplatesPart.class, e -> new Dto.TemplatesPart(e.bundleId(), null, e.templates()));
        if (t == null || t.environmentTemplates() != null && t.environmentTemplates().isEmpty()) {
            throw new Refused(new InvalidPart(BundleFormat.TEMPLATES, "gives its environment templates as null or none"));
        }
        return t;
    }

    /**
     * A part that may carry {@code field} (written only when there is something to say, so a part without it is exactly what
     * earlier consoles wrote): read strictly as {@code with} when the field is there, as {@code earlier} (then widened) when it
     * is not. Null when the field is there but null, which the caller refuses.
     */
    private static <T, E> T withOptional(Map<String, byte[]> entries, String part, String field, String id, Json.Budget budget, Class<T> with,
                                         Class<E> earlier, java.util.function.Function<E, T> widen) throws Refused {
        com.fasterxml.jackson.databind.JsonNode given;
        try {
            given = Json.field(entries.get(part), field);
        } catch (BadJson e) {
            throw new Refused(new InvalidPart(part, e.getMessage()));
        }
        if (given == null) {
            return widen.apply(part(entries, part, earlier, id, budget));
        }
        return given.isNull() ? null : part(entries, part, with, id, budget);
    }

    /**
     * The environment templates carried (decision 0058), each checked as a template made here is (name, expression, a
     * sensitive parameter in the name expression); a sensitive parameter has no default, as a variable template has none.
     */
    private static List<odcm.model.environment.EnvironmentTemplate> environmentTemplates(Dto.TemplatesPart templates) throws Refused {
        if (templates.environmentTemplates() == null) {
            return List.of();
        }
        counted(BundleFormat.TEMPLATES, templates.environmentTemplates().size(), BundleContent.MAX_ENVIRONMENT_TEMPLATES, "environment templates");
        List<odcm.model.environment.EnvironmentTemplate> out = new ArrayList<>();
        for (Dto.EnvironmentTemplate t : templates.environmentTemplates()) {
            List<VariableTemplate> parameters = new ArrayList<>();
            for (Dto.Template p : t.parameters()) {
                boolean sensitive = TemplateType.valueOf(p.type()) == TemplateType.SENSITIVE;
                if (sensitive != (p.defaultValue() == null)) {
                    throw new Refused(new InvalidPart(BundleFormat.TEMPLATES, "gives a sensitive parameter's default in clear, or a plain one without one"));
                }
                parameters.add(new VariableTemplate(p.name(), p.label(), p.helpText(), TemplateType.valueOf(p.type()), p.options(), p.mandatory(),
                        sensitive ? "" : p.defaultValue()));
            }
            try {
                out.add(new odcm.model.environment.EnvironmentTemplate(0, 0, t.name(), t.description(), parameters, steps(t.provisioning()),
                        steps(t.deprovisioning()), odcm.model.environment.EnvironmentTemplate.expression(t.nameExpression(), parameters),
                        odcm.model.environment.EnvironmentTemplate.OnExisting.valueOf(t.onExisting()), t.deprovisionWhenProgressed(),
                        t.deprovisionAfterDays(), 0));
            } catch (odcm.model.Refusal | IllegalArgumentException | NullPointerException e) {
                String why = String.valueOf(e.getMessage());
                throw new Refused(new InvalidPart(BundleFormat.TEMPLATES, "carries an environment template that is not valid ("
                        + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why) + ")"));
            }
            String name = out.get(out.size() - 1).name(); // checked by now: it may stand in a sentence
            counted(BundleFormat.TEMPLATES, t.provisioning().size() + t.deprovisioning().size(), Limits.MAX_STEPS, "steps of environment template '" + name + "'");
            if (out.stream().filter(x -> odcm.model.Names.same(x.name(), name)).count() > 1) {
                throw new Refused(new InvalidPart(BundleFormat.TEMPLATES, "carries environment template '" + name + "' twice"));
            }
        }
        return out;
    }

    private static List<DeploymentStep> steps(List<Dto.Step> steps) {
        return steps.stream().map(s -> new DeploymentStep(s.name(), s.actionType(), s.properties(),
                new Scope(s.scope()), s.packages().stream().map(p -> new PackageReference(p.packageId())).toList())).toList();
    }

    private static BundleContent build(Dto.Manifest m, UUID bundleId, Instant created, Instant expires, Dto.RevisedReleasePart release,
                                       Dto.ProcessPart process, Dto.VariablesPart variables, Dto.TemplatesPart templates,
                                       Dto.PackagesPart packages, Dto.HistoryPart history, Map<String, String> secretValues) throws Refused {
        try {
            counted(BundleFormat.PROCESS, process.steps().size(), Limits.MAX_STEPS, "steps");
            counted(BundleFormat.VARIABLES, variables.variables().size(), Limits.MAX_VARIABLES, "variables");
            counted(BundleFormat.PACKAGES, packages.packages().size(), Limits.MAX_PACKAGES, "packages");
            List<DeploymentStep> steps = steps(process.steps());
            List<Variable> vars = new ArrayList<>();
            java.util.Set<String> opened = new java.util.HashSet<>();
            for (Dto.Variable v : variables.variables()) {
                if (v.sensitive() != (v.value() == null)) {
                    throw new Refused(new InvalidPart(BundleFormat.VARIABLES, "gives a sensitive value in clear or a plain value without one"));
                }
                Scope scope = new Scope(v.scope()); // made once: the secret's key and the variable's own
                String value = v.value();
                if (v.sensitive()) {
                    value = secretValues == null ? "" : secret(secretValues, key(v.name(), scope), v.name(), opened);
                }
                vars.add(new Variable(v.name(), value, v.sensitive(), scope));
            }
            if (secretValues != null && opened.size() != secretValues.size()) {
                // The writer puts exactly the sensitive variables' values in secrets.cms (BundleParts.of).
                throw new Refused(new InvalidPart(BundleFormat.SECRETS, "holds a value for a variable that variables.json does not declare sensitive"));
            }
            List<VariableTemplate> temps = templates.templates().stream().map(t -> new VariableTemplate(t.name(), t.label(), t.helpText(),
                    TemplateType.valueOf(t.type()), t.options(), t.mandatory(), t.defaultValue())).toList();
            List<PackageVersion> pkgs = packages.packages().stream().map(p -> new PackageVersion(p.packageId(), p.version(), p.sha256())).toList();
            List<BundleContent.HistoryEntry> done = new ArrayList<>();
            for (Dto.Deployment d : history.deployments()) {
                done.add(new BundleContent.HistoryEntry(d.space(), d.environment(), instant(d.deployedAt(), "deployedAt"), d.outcome()));
            }
            Instant releaseCreated = instant(release.created(), "created", BundleFormat.RELEASE);
            Dto.OutOfOrder o = history.outOfOrder();
            return new BundleContent(bundleId, m.source().space(), m.target().space(), m.sequence(), created, expires,
                    release.project(), release.version(), release.notes(), release.channel(), new ReleaseSnapshot(steps, vars, temps, pkgs), done,
                    releaseCreated, release.revision(), o == null ? null : new BundleContent.OutOfOrder(o.by(), o.reason(), o.skipped()),
                    environmentTemplates(templates));
        } catch (odcm.model.Refusal | IllegalArgumentException | NullPointerException e) {
            throw new Refused(new InvalidPart("content", "does not describe a valid release (" + e.getMessage() + ")"));
        }
    }

    private static void counted(String part, int count, int max, String what) throws Refused {
        if (count > max) {
            throw new Refused(new InvalidPart(part, "holds " + count + " " + what + ", more than the " + max + " this console reads"));
        }
    }

    /** A sensitive variable's value from the opened secrets; refused when they hold none for it (never imported as empty). */
    private static String secret(Map<String, String> secretValues, String key, String name, java.util.Set<String> opened) throws Refused {
        if (!secretValues.containsKey(key)) {
            throw new Refused(new InvalidPart(BundleFormat.SECRETS, "holds no value for sensitive variable '" + name + "'"));
        }
        opened.add(key);
        return secretValues.get(key);
    }

    private static String key(String name, List<String> scope) {
        return key(name, new Scope(scope));
    }

    private static String key(String name, Scope scope) {
        return name + "\u0000" + scope.environments();
    }

    /** Opens secrets.cms with this space's key; it must name this bundle, release and target. */
    private static Map<String, String> secrets(byte[] envelope, Dto.Manifest m, Dto.RevisedReleasePart release, VerificationContext ctx) throws Refused {
        PrivateKey key = Cms.privateKey(ctx.keyOf(fingerprint(m.target().certificateSha256(), "target")));
        byte[] plain;
        try {
            plain = Cms.decrypt(envelope, key);
        } catch (Cms.Undecryptable e) {
            throw new Refused(e.algorithm ? new DisallowedAlgorithm(e.getMessage())
                    : new InvalidPart(BundleFormat.SECRETS, e.getMessage()));
        }
        try {
            Dto.Secrets s = Json.read(plain, Dto.Secrets.class);
            if (!m.bundleId().equals(s.bundleId()) || !release.project().equals(s.project()) || !release.version().equals(s.version())
                    || !m.target().space().equals(s.targetSpace())
                    || !m.target().certificateSha256().equalsIgnoreCase(s.targetCertificateSha256())) {
                throw new Refused(new MixedBundles(BundleFormat.SECRETS, s.bundleId()));
            }
            Map<String, String> values = new HashMap<>();
            for (Dto.SecretValue v : s.values()) {
                String named = key(v.name(), v.scope());
                if (values.containsKey(named)) {
                    throw new Refused(new InvalidPart(BundleFormat.SECRETS, "gives the value of sensitive variable '" + v.name() + "' twice"));
                }
                values.put(named, v.value());
            }

            return values;
        } catch (BadJson e) {
            throw new Refused(new InvalidPart(BundleFormat.SECRETS, e.getMessage()));
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }
}
