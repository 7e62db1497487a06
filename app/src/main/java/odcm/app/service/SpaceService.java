package odcm.app.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.Seen;
import odcm.model.Secret;
import odcm.model.cert.CertificateFormat;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;
import odcm.model.trust.Trust;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.SpaceIdentity;
import odcm.persistence.Store;
import odcm.persistence.StoreTx;
import odcm.persistence.keys.KeyVault;
import odcm.persistence.space.NewCertificate;
import odcm.persistence.space.StoredCertificate;

/** Spaces of every kind: find, list, rename, delete; and local spaces: create, download the certificate. */
public final class SpaceService {
    private final Store store;

    public SpaceService(Store store) {
        this.store = store;
    }

    /** Now by the store's clock: what the validity of certificates is judged against. */
    public Instant now() {
        return Instant.now(store.clock());
    }

    public List<Space> list() {
        return store.read(tx -> tx.spaces().findAll());
    }

    public List<Space> locals() {
        return list().stream().filter(Space::isLocal).toList();
    }

    public List<Space> remotes() {
        return list().stream().filter(s -> !s.isLocal()).toList();
    }

    /** The space with this name (any case), or a refusal saying there is none. */
    public Space find(String name) {
        return store.read(tx -> require(tx, name));
    }

    static Space require(StoreTx tx, String name) {
        return tx.spaces().findByName(name == null ? "" : name.strip())
                .orElseThrow(() -> new Refusal("There is no space named '" + name + "'."));
    }

    static void checkNameFree(StoreTx tx, SpaceName name, long exceptId) {
        tx.spaces().findByName(name.value()).filter(s -> s.id() != exceptId).ifPresent(s -> {
            throw new Refusal("The name '" + name + "' is already taken by " + s.describe() + "; names must differ in more than letter case or look-alike letters.");
        });
    }

    /** A new local space with its own key pair and self-signed certificate; the private key is sealed under the master key. */
    public Space create(String name, String description, KeyAlgorithm algorithm) {
        SpaceName spaceName = SpaceName.of(name);
        String desc = Space.checkDescription(description);
        KeyVault vault = store.keyVault();
        store.read(tx -> {
            checkNameFree(tx, spaceName, -1);
            return null;
        });
        // Key generation is slow (RSA especially), so it runs before the transaction, not inside it.
        SpaceIdentity identity = Certificates.generate(spaceName.value(), algorithm, Instant.now(store.clock()));
        try (Secret privateKey = identity.privateKeyPkcs8()) {
            byte[] sealed = vault.seal(privateKey, store.spaceKeyContext(identity.info().fingerprint()));
            return store.write(tx -> {
                checkNameFree(tx, spaceName, -1);
                Space s = tx.spaces().insertLocal(spaceName, desc, new NewCertificate(identity.certificateDer(), identity.info()),
                        algorithm.name(), sealed);
                RoleService.madeBy(tx, store, s);
                tx.audit().append("space.create", s.describe(),
                        "key " + identity.info().keyDescription() + "; certificate fingerprint " + identity.info().fingerprint().grouped()
                                + (desc.isEmpty() ? "" : "; description '" + desc + "'"));
                return s;
            });
        }
    }

    public Space rename(String currentName, String newName) {
        return rename(currentName, newName, null);
    }

    /** As {@link #rename(String, String)}; refused, changing nothing, when it is no longer the one {@code seen} (decision 0036). */
    public Space rename(String currentName, String newName, Seen seen) {
        SpaceName target = SpaceName.of(newName);
        return store.write(tx -> {
            Space s = require(tx, currentName);
            RoleService.checkChange(tx, store, s);
            if (s.name().equals(target.value())) {
                throw new Refusal("The " + s.describe() + " is already called '" + target + "'.");
            }
            checkNameFree(tx, target, s.id());
            Space renamed = Changed.write(tx, seen, s.seen(), what(s), s.describe(), version -> tx.spaces().rename(s.id(), version, target));
            // Scopes name remote environments as "<space>: <environment>"; they follow the space's new name.
            for (var r : tx.environments().findAllRemote()) {
                if (r.ownerSpaceId() == s.id()) {
                    tx.projects().renameInScopes(r.spaceId(), s.name() + ": " + r.name(), renamed.name() + ": " + r.name());
                }
            }
            for (var r : tx.templates().findRemoteByOwner(s.id())) { // and remote templates as "<space>: <template> (template)" (0058)
                String name = odcm.model.lifecycle.PhaseMember.TemplateMember.displayName(r.template().name());
                tx.projects().renameInScopes(r.template().spaceId(), s.name() + ": " + name, renamed.name() + ": " + name);
            }
            tx.audit().append("space.rename", renamed.describe(), "renamed from '" + s.name() + "' to '" + renamed.name() + "'");
            return renamed;
        });
    }

    public Space describe(String name, String description) {
        return describe(name, description, null);
    }

    /** As {@link #describe(String, String)}; refused, changing nothing, when it is no longer the one {@code seen}. */
    public Space describe(String name, String description, Seen seen) {
        String desc = Space.checkDescription(description);
        return store.write(tx -> {
            Space s = require(tx, name);
            RoleService.checkChange(tx, store, s);
            Space changed = Changed.write(tx, seen, s.seen(), what(s), s.describe(), version -> tx.spaces().updateDescription(s.id(), version, desc));
            tx.audit().append("space.describe", s.describe(), "description from '" + s.description() + "' to '" + desc + "'");
            return changed;
        });
    }

    private static String what(Space s) {
        return "Space '" + s.name() + "'";
    }

    /** Deletes a local space, refused while any active trust refers to it. */
    public void delete(String name) {
        store.write(tx -> {
            Space s = require(tx, name);
            if (!s.isLocal()) {
                throw new Refusal("'" + s.name() + "' is a remote space; remove it with 'remote remove'.");
            }
            RoleService.checkChange(tx, store, s);
            deleteChecked(tx, s, "space.delete");
            return null;
        });
    }

    static void deleteChecked(StoreTx tx, Space s, String action) {
        List<String> refs = new ArrayList<>();
        List<String> revoked = new ArrayList<>();
        for (Trust t : tx.trusts().involving(s.id())) {
            (t.isActive() ? refs : revoked).add("the trust " + t.sentence());
        }
        if (!refs.isEmpty()) {
            throw new Refusal("Cannot " + (s.isLocal() ? "delete " : "remove ") + s.describe() + " while " + String.join(" and ", refs)
                    + (refs.size() == 1 ? " refers" : " refer") + " to it; revoke " + (refs.size() == 1 ? "that trust" : "those trusts") + " first.");
        }
        List<String> templates = new ArrayList<>(); // a remote template names its owner, a carried one its source (0058)
        for (var r : tx.templates().findRemoteByOwner(s.id())) {
            templates.add(tx.spaces().findById(r.template().spaceId()).map(Space::name).orElse("?") + "'s remote template '" + r.displayName() + "'");
        }
        for (var t : tx.templates().findBySource(s.id())) {
            templates.add(tx.spaces().findById(t.spaceId()).map(Space::name).orElse("?") + "'s template '" + t.name() + "', made by its bundles,");
        }
        if (!templates.isEmpty()) {
            throw new Refusal("Cannot " + (s.isLocal() ? "delete " : "remove ") + s.describe() + " while " + String.join(" and ", templates)
                    + (templates.size() == 1 ? " names" : " name") + " it; delete " + (templates.size() == 1 ? "that template" : "those templates") + " first.");
        }
        tx.spaces().delete(s.id());
        // Revoked trusts go with the space; their history stays readable here, in the audit log.
        tx.audit().append(action, s.describe(), "deleted; certificate fingerprint was " + s.certificate().fingerprint().grouped()
                + (revoked.isEmpty() ? "" : "; revoked trusts removed with it: " + String.join("; ", revoked)));
    }

    /** The space's current certificate as PEM text or DER bytes, for handing to another network. */
    public byte[] certificate(String name, CertificateFormat format) {
        return store.read(tx -> {
            Space s = require(tx, name);
            StoredCertificate current = tx.spaces().certificates(s.id()).get(0);
            return Certificates.encode(current.der(), format);
        });
    }

    /**
     * Exports the space's current certificate: {@code write} gets its bytes (PEM text or DER) inside the transaction that
     * records the export in the audit log (the space and {@code destination}, a file name or "standard output"; a certificate
     * holds no secret, so nothing else), so a failed write records nothing.
     */
    public Space exportCertificate(String name, CertificateFormat format, String destination, java.util.function.Consumer<byte[]> write) {
        return store.write(tx -> {
            Space s = require(tx, name);
            StoredCertificate current = tx.spaces().certificates(s.id()).get(0);
            write.accept(Certificates.encode(current.der(), format));
            tx.audit().append("space.certificate-export", s.describe(), format + " to " + destination + "; certificate fingerprint "
                    + current.info().fingerprint().grouped());
            return s;
        });
    }

    /** Current certificate first, then earlier ones. */
    public List<StoredCertificate> certificates(String name) {
        return store.read(tx -> tx.spaces().certificates(require(tx, name).id()));
    }
}
