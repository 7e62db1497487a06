package odcm.persistence;

import odcm.persistence.approval.ApprovalRepository;
import odcm.persistence.audit.AuditLog;
import odcm.persistence.bundle.BundleRepository;
import odcm.persistence.receipt.ReceiptRepository;
import odcm.persistence.deployment.DeploymentRepository;
import odcm.persistence.environment.EnvironmentRepository;
import odcm.persistence.lifecycle.LifecycleRepository;
import odcm.persistence.project.ProjectRepository;
import odcm.persistence.release.ReleaseRepository;
import odcm.persistence.role.RoleRepository;
import odcm.persistence.space.SpaceRepository;
import odcm.persistence.trust.TrustRepository;

/** The repositories of one transaction. Everything done through one StoreTx commits together or not at all. */
public interface StoreTx {
    SpaceRepository spaces();

    TrustRepository trusts();

    AuditLog audit();

    EnvironmentRepository environments();

    LifecycleRepository lifecycles();

    ProjectRepository projects();

    /** Insert and read only: releases are frozen. */
    ReleaseRepository releases();

    /** Bundles written (Outbox) and accepted. */
    BundleRepository bundles();

    /** Deployment receipts written and accepted; outcomes known from other spaces. */
    ReceiptRepository receipts();

    /** Deployments recorded here, and the upstream history of imported releases. */
    DeploymentRepository deployments();

    /** Approval requirements of spaces and decisions on releases. */
    ApprovalRepository approvals();

    /** Roles granted in local spaces (decision 0041). */
    RoleRepository roles();

    /** Separation of duties: rules per space, who made each release, trust proposals (decision 0043). */
    odcm.persistence.duty.DutyRepository duties();

    /** Environment templates, their instances and provisioning records (decision 0057). */
    odcm.persistence.environment.TemplateRepository templates();

    /** Acceptance before import: which spaces require it, decisions on imported releases (decision 0047). */
    odcm.persistence.acceptance.AcceptanceRepository acceptances();

    /** Each space's package store: its setting, feeds and packages (decision 0059). */
    odcm.persistence.pkg.PackageRepository packages();
}
