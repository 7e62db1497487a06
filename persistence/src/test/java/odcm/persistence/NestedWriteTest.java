package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import odcm.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write inside a write joins it: one user action made of several steps commits or rolls back as a whole. */
class NestedWriteTest {
    @TempDir
    Path tmp;

    @Test
    void innerWritesRollBackWithTheOuterOne() {
        try (Store store = Fixtures.open(tmp)) {
            assertThrows(Refusal.class, () -> store.write(tx -> {
                Fixtures.remote(store, "First Space");
                store.write(inner -> inner.audit().append("test.inner", "inner", ""));
                throw new Refusal("the third step fails");
            }));
            assertEquals(0, store.read(tx -> tx.spaces().findAll()).size());
            assertEquals(0, store.read(tx -> tx.audit().list(odcm.model.audit.AuditFilter.ALL)).size());
        }
    }

    @Test
    void innerWritesCommitWithTheOuterOne() {
        try (Store store = Fixtures.open(tmp)) {
            store.write(tx -> {
                Fixtures.remote(store, "First Space");
                return Fixtures.remote(store, "Second Space");
            });
            assertEquals(2, store.read(tx -> tx.spaces().findAll()).size());
        }
    }

    @Test
    void aHandledInnerFailureLeavesNothingOfItsOwn() {
        try (Store store = Fixtures.open(tmp)) {
            store.write(tx -> {
                Fixtures.remote(store, "Kept Space");
                try {
                    store.write(inner -> {
                        Fixtures.remote(store, "Dropped Space");
                        throw new Refusal("this step fails and the caller carries on");
                    });
                } catch (Refusal expected) {
                    // handled: the outer action goes on
                }
                return null;
            });
            assertEquals(java.util.List.of("Kept Space"), store.read(tx -> tx.spaces().findAll()).stream().map(s -> s.name()).toList());
        }
    }

    @Test
    void anAuditEntryOfARolledBackStepIsNotTakenAsTheLogsEnd() {
        try (Store store = Fixtures.open(tmp)) {
            store.write(tx -> {
                tx.audit().append("test.outer", "outer", "");
                try {
                    store.write(inner -> {
                        inner.audit().append("test.inner", "inner", "");
                        throw new Refusal("rolled back");
                    });
                } catch (Refusal expected) {
                    // handled
                }
                return null;
            });
            assertEquals(1, store.read(tx -> tx.audit().list(odcm.model.audit.AuditFilter.ALL)).size());
            assertEquals(odcm.model.audit.AuditVerification.Intact.class, store.read(tx -> tx.audit().verify()).getClass(),
                    "the head records entry 1, not the rolled-back entry 2");
        }
    }
}
