package odcm.persistence;

import odcm.persistence.approval.ApprovalRepository;
import odcm.persistence.audit.AuditLog;
import odcm.persistence.environment.EnvironmentRepository;
import odcm.persistence.lifecycle.LifecycleRepository;
import odcm.persistence.project.ProjectRepository;
import odcm.persistence.release.ReleaseRepository;
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

    /** Approval requirements of spaces and decisions on releases. */
    ApprovalRepository approvals();
}
