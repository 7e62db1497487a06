package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import odcm.model.cert.Fingerprint;
import odcm.model.environment.Environment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.Phase;
import odcm.model.lifecycle.PhaseMember;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.Channel;
import odcm.model.project.Project;
import odcm.model.release.Release;
import odcm.model.release.ReleaseSnapshot;
import odcm.model.space.Space;
import odcm.persistence.project.ProjectData;
import odcm.persistence.receipt.ReceiptRepository.Accepted;
import odcm.persistence.receipt.ReceiptRepository.RemoteDeployment;
import odcm.persistence.receipt.ReceiptRepository.Written;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receipts written and accepted, and remote deployments, against a real H2 file: an older outcome never replaces a newer one. */
class ReceiptRepositoryTest {
    static final Instant T = Instant.parse("2025-05-01T10:00:00Z");

    @TempDir
    Path tmp;

    record Setup(Space dev, Space prod, Release release) {
    }

    private static Setup setUp(Store store) {
        Space dev = Fixtures.local(store, "DevTest Space");
        Space prod = Fixtures.remote(store, "Prod Space");
        return store.write(tx -> {
            Environment test = tx.environments().insert(dev.id(), "Test", "", T);
            Lifecycle l = tx.lifecycles().insert(dev.id(), "Main", "", true,
                    List.of(new Phase("Testing", List.of(new PhaseMember.LocalEnvironment(test.id(), "")), ProgressionRule.ALL)), T);
            Project p = tx.projects().insert(dev.id(), new ProjectData("Web", "", l.id(), List.of(), List.of(), List.of(),
                    List.of(new Channel("Default", true))), T);
            Release r = tx.releases().insert(p.id(), "1.0.0", "", "Default", new ReleaseSnapshot(List.of(), List.of(), List.of(), List.of()), T);
            return new Setup(dev, prod, r);
        });
    }

    private static long next(Store store, long space, long forSpace) {
        return store.read(tx -> tx.receipts().nextSequence(space, forSpace));
    }

    private static boolean record(Store store, RemoteDeployment d) {
        return store.write(tx -> tx.receipts().record(d));
    }

    private static RemoteDeployment reported(Setup s, String environment, boolean succeeded, Instant at) {
        return new RemoteDeployment(s.dev().id(), s.release().id(), s.prod().id(), "", environment, succeeded, at, "ops", null, at);
    }

    @Test
    void anOlderDeploymentNeverOverwritesANewerOne() {
        try (Store store = Fixtures.open(tmp)) {
            Setup s = setUp(store);
            assertTrue(record(store, reported(s, "Production", true, T.plusSeconds(60))), "the first is new");
            assertFalse(record(store, reported(s, "production", false, T)), "an older one is not recorded");
            assertFalse(record(store, reported(s, "Production", false, T.plusSeconds(60))),
                    "the same time again is not newer");
            List<RemoteDeployment> known = store.read(tx -> tx.receipts().remoteDeployments(s.dev().id()));
            assertEquals(1, known.size());
            assertTrue(known.get(0).succeeded(), "the newer outcome stays");
            assertEquals("Prod Space", known.get(0).reporterName());

            assertTrue(record(store, reported(s, "PRODUCTION", false, T.plusSeconds(120))), "a later one replaces it");
            assertTrue(record(store, reported(s, "Staging", true, T)), "another environment is its own row");
            known = store.read(tx -> tx.receipts().remoteDeployments(s.dev().id()));
            assertEquals(List.of("PRODUCTION", "Staging"), known.stream().map(RemoteDeployment::environment).toList(), "newest first");
            assertFalse(known.get(0).succeeded());
        }
    }

    @Test
    void writtenAndAcceptedReceiptsCountTheirSequencePerPair() {
        try (Store store = Fixtures.open(tmp)) {
            Setup s = setUp(store);
            assertEquals(1L, next(store, s.dev().id(), s.prod().id()));
            UUID id = UUID.randomUUID();
            store.write(tx -> {
                tx.receipts().insertOutbox(new Written(id, s.dev().id(), s.prod().id(), null, 1, T, T.plusSeconds(3600), 2, "r.odcmreceipt",
                        "ab".repeat(32)));
                tx.receipts().insertAccepted(new Accepted(id, s.dev().id(), s.prod().id(), new Fingerprint("cd".repeat(32)), 4, T, T));
                return null;
            });
            assertEquals(2L, next(store, s.dev().id(), s.prod().id()));
            assertEquals(1L, next(store, s.prod().id(), s.dev().id()), "the other direction counts apart");
            assertEquals("Prod Space", store.read(tx -> tx.receipts().outbox(s.dev().id())).get(0).forSpaceName());
            assertEquals(Set.of(id), store.read(tx -> tx.receipts().acceptedIds(s.dev().id())));
            assertEquals(OptionalLong.of(4), store.read(tx -> tx.receipts().lastAcceptedSequence(s.dev().id(), s.prod().id())));
            assertEquals(OptionalLong.empty(), store.read(tx -> tx.receipts().lastAcceptedSequence(s.prod().id(), s.dev().id())));
        }
    }
}
