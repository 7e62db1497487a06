package odcm.persistence.trust;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;

/** Trusts, active and revoked. */
public interface TrustRepository {
    Trust insert(long trusterId, long trustedId, TrustKind kind, Instant at, String by);

    Trust revoke(long trustId, Instant at, String by, String reason);

    Optional<Trust> findById(long trustId);

    /** Active and revoked, newest first. */
    List<Trust> findAll();

    /** Trusts (active and revoked) in which the space is truster or trusted. */
    List<Trust> involving(long spaceId);

    /** Active trusts in which the space is truster or trusted: what stops it from being deleted. */
    default List<Trust> activeInvolving(long spaceId) {
        return involving(spaceId).stream().filter(Trust::isActive).toList();
    }
}
