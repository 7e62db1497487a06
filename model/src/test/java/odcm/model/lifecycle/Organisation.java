package odcm.model.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.composite.LifecycleCatalog;
import odcm.model.space.Space;
import odcm.model.space.SpaceKind;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;

/** A small organisation built in code for composition tests: spaces, lifecycles, projects, trusts. */
final class Organisation {
    private final List<Space> spaces = new ArrayList<>();
    private final List<Lifecycle> lifecycles = new ArrayList<>();
    private final List<LifecycleCatalog.ProjectLifecycle> projects = new ArrayList<>();
    private final List<RemoteEnvironment> remoteEnvironments = new ArrayList<>();
    private final List<Trust> trusts = new ArrayList<>();
    private long ids = 1;

    Space local(String name) {
        return space(name, SpaceKind.LOCAL);
    }

    Space remote(String name) {
        return space(name, SpaceKind.REMOTE);
    }

    private Space space(String name, SpaceKind kind) {
        CertificateInfo cert = new CertificateInfo("CN=" + name, "CN=" + name, "1", Instant.EPOCH, Instant.MAX, "EC", "secp256r1",
                new Fingerprint(String.format("%064x", ids)));
        Space s = new Space(ids++, kind, name, "", Instant.EPOCH, cert, 1);
        spaces.add(s);
        return s;
    }

    static Phase phase(String name, PhaseMember... members) {
        return new Phase(name, Arrays.asList(members), ProgressionRule.ALL);
    }

    static PhaseMember env(String name) {
        return new PhaseMember.LocalEnvironment(name.hashCode(), name);
    }

    static PhaseMember promote(Space target) {
        return new PhaseMember.Promotion(target.id(), target.name());
    }

    Lifecycle lifecycle(Space space, String name, boolean isDefault, Phase... phases) {
        Lifecycle l = new Lifecycle(ids++, space.id(), name, "", isDefault, List.of(phases), 1);
        lifecycles.add(l);
        return l;
    }

    /** A lifecycle made elsewhere (with its instances, say). */
    Lifecycle add(Lifecycle l) {
        lifecycles.add(l);
        return l;
    }

    void project(Space space, String name, Lifecycle lifecycle) {
        projects.add(new LifecycleCatalog.ProjectLifecycle(space.id(), name, lifecycle.id()));
    }

    void remoteEnvironment(Space holder, Space owner, String name) {
        remoteEnvironments.add(new RemoteEnvironment(ids++, holder.id(), owner.id(), owner.name(), name));
    }

    void accepts(Space truster, Space trusted) {
        trusts.add(new Trust(ids++, truster.id(), truster.name(), trusted.id(), trusted.name(), trusted.isLocal(), TrustKind.RELEASE_BUNDLES,
                Instant.EPOCH, "me", null, null, null));
    }

    LifecycleCatalog catalog() {
        return new LifecycleCatalog(spaces, lifecycles, projects, remoteEnvironments, trusts);
    }
}
