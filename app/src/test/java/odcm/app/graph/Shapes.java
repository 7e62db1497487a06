package odcm.app.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import odcm.model.cert.CertificateInfo;
import odcm.model.cert.Fingerprint;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.LifecycleCatalog;
import odcm.model.lifecycle.composite.LifecycleComposer;
import odcm.model.space.Space;
import odcm.model.space.SpaceKind;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;

/**
 * The four shapes of composite lifecycle from the source notes, composed by the model's own composer from a small
 * organisation built in code (after the model's test Organisation).
 */
public final class Shapes {
    private final List<Space> spaces = new ArrayList<>();
    private final List<Lifecycle> lifecycles = new ArrayList<>();
    private final List<LifecycleCatalog.ProjectLifecycle> projects = new ArrayList<>();
    private final List<RemoteEnvironment> remoteEnvironments = new ArrayList<>();
    private final List<Trust> trusts = new ArrayList<>();
    private long ids = 1;

    public Space local(String name) {
        return space(name, SpaceKind.LOCAL);
    }

    public Space remote(String name) {
        return space(name, SpaceKind.REMOTE);
    }

    private Space space(String name, SpaceKind kind) {
        CertificateInfo cert = new CertificateInfo("CN=" + name, "CN=" + name, "1", Instant.EPOCH, Instant.MAX, "EC", "secp256r1",
                new Fingerprint(String.format("%064x", ids)));
        Space s = new Space(ids++, kind, name, "", Instant.EPOCH, cert, 1);
        spaces.add(s);
        return s;
    }

    public static Phase phase(String name, PhaseMember... members) {
        return new Phase(name, Arrays.asList(members), ProgressionRule.ALL);
    }

    public static PhaseMember env(String name) {
        return new PhaseMember.LocalEnvironment(name.hashCode(), name);
    }

    public static PhaseMember promote(Space target) {
        return new PhaseMember.Promotion(target.id(), target.name());
    }

    public Lifecycle lifecycle(Space space, String name, boolean isDefault, Phase... phases) {
        Lifecycle l = new Lifecycle(ids++, space.id(), name, "", isDefault, List.of(phases), 1);
        lifecycles.add(l);
        return l;
    }

    /** The lifecycle as given (e.g. {@code withInstances} of one made here) in place of the one of the same id. */
    public Lifecycle replace(Lifecycle lifecycle) {
        lifecycles.replaceAll(l -> l.id() == lifecycle.id() ? lifecycle : l);
        return lifecycle;
    }

    public void project(Space space, String name, Lifecycle lifecycle) {
        projects.add(new LifecycleCatalog.ProjectLifecycle(space.id(), name, lifecycle.id()));
    }

    public void remoteEnvironment(Space holder, Space owner, String name) {
        remoteEnvironments.add(new RemoteEnvironment(ids++, holder.id(), owner.id(), owner.name(), name));
    }

    public void accepts(Space truster, Space trusted) {
        trusts.add(new Trust(ids++, truster.id(), truster.name(), trusted.id(), trusted.name(), trusted.isLocal(), TrustKind.RELEASE_BUNDLES,
                Instant.EPOCH, "me", null, null, null));
    }

    public CompositeLifecycle compose(Space space, String project) {
        return LifecycleComposer.compose(new LifecycleCatalog(spaces, lifecycles, projects, remoteEnvironments, trusts), space.id(), project);
    }

    /** Test here, produce there: DevTest Space, then the remote Prod Space. */
    public static CompositeLifecycle basic() {
        Shapes o = new Shapes();
        Space dev = o.local("DevTest Space");
        Space prod = o.remote("Prod Space");
        o.remoteEnvironment(dev, prod, "Production");
        o.project(dev, "Web", o.lifecycle(dev, "Dev to Prod", true, phase("Dev", env("Development")), phase("Test", env("Test"), env("Staging")),
                phase("Prod", promote(prod))));
        return o.compose(dev, "Web");
    }

    /** Geographic fan-out to several production spaces; one of them does not trust DevTest. */
    public static CompositeLifecycle geographic() {
        Shapes o = new Shapes();
        Space dev = o.local("DevTest Space");
        Space eu = o.local("Prod EU");
        Space us = o.local("Prod US");
        Space apac = o.remote("Prod APAC");
        o.remoteEnvironment(dev, apac, "Sydney");
        o.remoteEnvironment(dev, apac, "Singapore");
        o.lifecycle(eu, "EU Production", true, phase("Production", env("Frankfurt"), env("Dublin")));
        o.lifecycle(us, "US Production", true, phase("Canary", env("Virginia canary")), phase("Production", env("Virginia"), env("Oregon")));
        o.accepts(eu, dev);
        o.project(dev, "Web", o.lifecycle(dev, "Global", true, phase("Dev", env("Development")), phase("Test", env("Test")),
                phase("Production", promote(eu), promote(us), promote(apac))));
        return o.compose(dev, "Web");
    }

    /** There and back again: Dev, then the QA team's space, back to Dev, then the remote Prod Space. */
    public static CompositeLifecycle thereAndBack() {
        Shapes o = new Shapes();
        Space dev = o.local("DevTest Space");
        Space qa = o.local("QA Space");
        Space prod = o.remote("Prod Space");
        o.remoteEnvironment(dev, prod, "Production");
        o.lifecycle(qa, "QA", true, phase("Testing", env("QA Test")), phase("Sign-off", env("UAT")));
        o.accepts(qa, dev);
        o.project(dev, "Web", o.lifecycle(dev, "Dev", true, phase("Dev", env("Development")), phase("QA", promote(qa)),
                phase("Prod", promote(prod))));
        return o.compose(dev, "Web");
    }

    /** Through spaces: Dev, QA, Prod, each trusting the one before. */
    public static CompositeLifecycle throughSpaces() {
        Shapes o = new Shapes();
        Space dev = o.local("DevTest Space");
        Space qa = o.local("QA Space");
        Space prod = o.local("Prod Space");
        o.project(dev, "Web", o.lifecycle(dev, "Dev", true, phase("Dev", env("Development")), phase("To QA", promote(qa))));
        Lifecycle qaForWeb = o.lifecycle(qa, "QA for Web", false, phase("QA", env("QA"), env("Performance")), phase("To Prod", promote(prod)));
        o.project(qa, "DevTest Space: Web", qaForWeb);
        o.lifecycle(prod, "Prod", true, phase("Production", env("Production")));
        o.accepts(qa, dev);
        o.accepts(prod, qa);
        return o.compose(dev, "Web");
    }

    /** Through spaces, with one more promotion from QA straight to a second, remote production space. */
    public static CompositeLifecycle throughSpacesPlusOne() {
        Shapes o = new Shapes();
        Space dev = o.local("DevTest Space");
        Space qa = o.local("QA Space");
        Space prod = o.local("Prod Space");
        Space dr = o.remote("Disaster Recovery");
        o.project(dev, "Web", o.lifecycle(dev, "Dev", true, phase("Dev", env("Development")), phase("To QA", promote(qa))));
        Lifecycle qaForWeb = o.lifecycle(qa, "QA for Web", false, phase("QA", env("QA"), env("Performance")),
                phase("To Prod", promote(prod), promote(dr)));
        o.project(qa, "DevTest Space: Web", qaForWeb);
        o.lifecycle(prod, "Prod", true, phase("Production", env("Production")));
        o.accepts(qa, dev);
        o.accepts(prod, qa);
        return o.compose(dev, "Web");
    }
}
