package odcm.persistence;

import odcm.persistence.audit.AuditLog;
import odcm.persistence.space.SpaceRepository;
import odcm.persistence.trust.TrustRepository;

/** The repositories of one transaction. Everything done through one StoreTx commits together or not at all. */
public interface StoreTx {
    SpaceRepository spaces();

    TrustRepository trusts();

    AuditLog audit();
}
