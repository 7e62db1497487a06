package odcm.app.service;

import odcm.persistence.Store;
import odcm.persistence.StoreLocation;

/** The composition root: one store and the services over it, shared by the console and the command line. */
public final class AppContext implements AutoCloseable {
    private final Store store;
    private final SpaceService spaces;
    private final RemoteSpaceService remotes;
    private final KeyService keys;
    private final TrustService trusts;
    private final AuditService audit;
    private final EnvironmentService environments;
    private final LifecycleService lifecycles;
    private final ProjectService projects;
    private final ReleaseService releases;
    private final BundleService bundles;
    private final DeploymentService deployments;
    private final ImportService imports;
    private final ApprovalService approvals;
    private final DashboardService dashboards;
    private final ReceiptService receipts;
    private final RoleService roles;
    private final DutyService duties;
    private final AcceptanceService acceptances;
    private final HealthService health;
    private final TemplateService templates;
    private final RemoteTemplateService remoteTemplates;
    private final PackageService packages;
    private final PackageTransferService packageTransfer;

    public AppContext(Store store) {
        this.store = store;
        this.spaces = new SpaceService(store);
        this.remotes = new RemoteSpaceService(store);
        this.keys = new KeyService(store);
        this.trusts = new TrustService(store);
        this.audit = new AuditService(store);
        this.environments = new EnvironmentService(store);
        this.lifecycles = new LifecycleService(store);
        this.projects = new ProjectService(store);
        this.releases = new ReleaseService(store);
        this.bundles = new BundleService(store);
        this.deployments = new DeploymentService(store);
        this.imports = new ImportService(store);
        this.approvals = new ApprovalService(store);
        this.dashboards = new DashboardService(store);
        this.receipts = new ReceiptService(store);
        this.roles = new RoleService(store);
        this.duties = new DutyService(store);
        this.acceptances = new AcceptanceService(store);
        this.health = new HealthService(store);
        this.templates = new TemplateService(store);
        this.remoteTemplates = new RemoteTemplateService(store);
        this.packages = new PackageService(store);
        this.packageTransfer = new PackageTransferService(store);
    }

    public static AppContext open(StoreLocation location) {
        return new AppContext(Store.open(location));
    }

    /** For work that only reads: the store opened the light way (see {@link Store#openForReading}); a change is refused. */
    public static AppContext openForReading(StoreLocation location) {
        return new AppContext(Store.openForReading(location));
    }

    public Store store() {
        return store;
    }

    public SpaceService spaces() {
        return spaces;
    }

    /** Key rotation and compromise statements (decision 0056). */
    public KeyService keys() {
        return keys;
    }

    public RemoteSpaceService remotes() {
        return remotes;
    }

    public TrustService trusts() {
        return trusts;
    }

    public AuditService audit() {
        return audit;
    }

    public EnvironmentService environments() {
        return environments;
    }

    public LifecycleService lifecycles() {
        return lifecycles;
    }

    public ProjectService projects() {
        return projects;
    }

    public ReleaseService releases() {
        return releases;
    }

    public BundleService bundles() {
        return bundles;
    }

    public DeploymentService deployments() {
        return deployments;
    }

    public ImportService imports() {
        return imports;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    public DashboardService dashboards() {
        return dashboards;
    }

    public ReceiptService receipts() {
        return receipts;
    }

    public RoleService roles() {
        return roles;
    }

    /** Separation of duties per local space (decision 0043). */
    public AcceptanceService acceptances() {
        return acceptances;
    }

    /** What expires soon, or has (decision 0055). */
    public HealthService health() {
        return health;
    }

    public TemplateService templates() {
        return templates;
    }

    /** Remote environment templates: placeholders of other spaces' templates (decision 0058). */
    public RemoteTemplateService remoteTemplates() {
        return remoteTemplates;
    }

    /** Each space's package store, its feeds and the check of a release's packages (decision 0059). */
    /** Packages between spaces: inventories, archives and their import (decision 0060). */
    public PackageTransferService packageTransfer() {
        return packageTransfer;
    }

    public PackageService packages() {
        return packages;
    }

    public DutyService duties() {
        return duties;
    }

    @Override
    public void close() {
        store.close();
    }
}
