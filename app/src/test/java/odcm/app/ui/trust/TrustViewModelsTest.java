package odcm.app.ui.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Add trust offers only sensible choices and says what it will do; revoking needs a reason. */
class TrustViewModelsTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    TrustsViewModel trusts;

    @BeforeEach
    void open() {
        ctx = TestStores.open(tmp, "b");
        ctx.spaces().create("Prod Space", "", KeyAlgorithm.EC_P256);
        ctx.spaces().create("Staging Space", "", KeyAlgorithm.EC_P256);
        TestStores.addConfirmedRemote(ctx, "DevTest Space", TestStores.foreignCertificatePem("DevTest Space"));
        trusts = new TrustsViewModel(ctx.trusts(), ctx.spaces(), runner);
        trusts.refresh();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    /**
     * Decision 0038, "Freshness": the trust revoked, then put back active with plain JDBC and the seal it had while active.
     * The Trusts screen shows no trust, and says why in one sentence (before: the trust listed as active).
     */
    @Test
    void aRevokedTrustPutBackActiveWithItsOldSealIsNotShownAsTrusted() throws Exception {
        Trust t = ctx.trusts().add("Prod Space", "DevTest Space", TrustKind.RELEASE_BUNDLES);
        String url = "jdbc:h2:file:" + TestStores.location(tmp, "b").storeDir().resolve("odcm");
        String activeSeal;
        try (var c = java.sql.DriverManager.getConnection(url, "sa", ""); var st = c.createStatement();
             var rs = st.executeQuery("SELECT seal FROM trust WHERE id = " + t.id())) {
            assertTrue(rs.next());
            activeSeal = rs.getString(1);
        }
        ctx.trusts().revoke(t.id(), "key compromised");
        ctx.close();
        try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
             var st = c.prepareStatement("UPDATE trust SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL, seal = ? WHERE id = ?")) {
            st.setString(1, activeSeal);
            st.setLong(2, t.id());
            assertEquals(1, st.executeUpdate());
        }
        ctx = TestStores.open(tmp, "b");
        trusts = new TrustsViewModel(ctx.trusts(), ctx.spaces(), runner);
        trusts.refresh();
        assertTrue(trusts.list().stream().noneMatch(Trust::isActive), trusts.list().toString());
        assertTrue(trusts.message().isError());
        assertTrue(trusts.message().text().startsWith("The trusts and certificates in this store are not the ones ODCM Console last recorded"),
                trusts.message().text());
    }

    @Test
    void onlyLocalSpacesAcceptAndNeverFromThemselves() {
        AddTrustViewModel vm = trusts.add();
        assertEquals(List.of("Prod Space", "Staging Space"), vm.trusters().stream().map(Space::name).sorted().toList());
        assertFalse(vm.validProperty().get());
        vm.trusterProperty().set(byName(vm.trusters(), "Prod Space"));
        assertEquals(List.of("DevTest Space", "Staging Space"), vm.trustedOptions().stream().map(Space::name).sorted().toList());
        vm.trustedProperty().set(byName(vm.trustedOptions(), "DevTest Space"));
        assertTrue(vm.validProperty().get());
        assertTrue(vm.previewProperty().get().startsWith("'Prod Space' will accept release bundles from 'DevTest Space' (disconnected"),
                vm.previewProperty().get());

        vm.trusterProperty().set(byName(vm.trusters(), "Staging Space"));
        assertEquals("DevTest Space", vm.trustedProperty().get().name(), "the other choice is kept when still possible");
    }

    @Test
    void aDuplicateTrustIsRefusedInline() {
        ctx.trusts().add("Prod Space", "DevTest Space", TrustKind.RELEASE_BUNDLES);
        trusts.refresh();
        AddTrustViewModel vm = trusts.add();
        vm.trusterProperty().set(byName(vm.trusters(), "Prod Space"));
        vm.trustedProperty().set(byName(vm.trustedOptions(), "DevTest Space"));
        AtomicReference<Trust> added = new AtomicReference<>();
        vm.submit(added::set);
        assertNull(added.get());
        assertEquals("'Prod Space' already accepts release bundles from 'DevTest Space'.", vm.form().error());
    }

    @Test
    void revokingNeedsAReasonAndThePanelFollows() {
        Trust t = ctx.trusts().add("Prod Space", "DevTest Space", TrustKind.RELEASE_BUNDLES);
        trusts.refresh();
        trusts.panelSpaceProperty().set(byName(trusts.allSpaces(), "DevTest Space"));
        assertEquals(List.of("'Prod Space' accepts release bundles"), trusts.acceptedBy());
        trusts.panelSpaceProperty().set(byName(trusts.allSpaces(), "Prod Space"));
        assertEquals(List.of("release bundles from 'DevTest Space'"), trusts.accepts());

        RevokeTrustViewModel vm = trusts.revoke(t);
        assertFalse(vm.validProperty().get());
        assertTrue(vm.problemProperty().get().startsWith("Say why"));
        vm.reasonProperty().set("DevTest key was compromised");
        assertTrue(vm.validProperty().get());
        AtomicReference<Trust> revoked = new AtomicReference<>();
        vm.submit(revoked::set);
        assertNotNull(revoked.get());
        assertEquals("DevTest key was compromised", revoked.get().revokeReason());

        trusts.refresh();
        assertTrue(trusts.list().isEmpty(), "revoked trusts are hidden by default");
        assertTrue(trusts.accepts().isEmpty());
        trusts.showRevokedProperty().set(true);
        assertEquals(1, trusts.list().size());
    }

    static Space byName(List<Space> spaces, String name) {
        return spaces.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theDetailLineSaysWhenByWhomAndWhyInFull() {
        String reason = "DevTest moved to another network; ".repeat(6).strip();
        Trust added = ctx.trusts().add("Prod Space", "DevTest Space", TrustKind.RELEASE_BUNDLES);
        String active = TrustsViewModel.detail(added);
        assertTrue(active.startsWith("'Prod Space' accepts release bundles from 'DevTest Space' (disconnected"), active);
        assertTrue(active.contains(" Granted " + odcm.app.ui.common.Formats.dateTime(added.createdAt()) + " by " + added.createdBy() + "."), active);
        assertFalse(active.contains("Revoked"), active);
        Trust revoked = ctx.trusts().revoke(added.id(), reason);
        String detail = TrustsViewModel.detail(revoked);
        assertTrue(detail.endsWith(" by " + revoked.revokedBy() + ", because: " + reason), detail);
        assertEquals("", TrustsViewModel.detail(null));
    }

    @Test
    void aTrustInAnExpiredCertificateIsRefusedInTheDialogInItsSentence() {
        TestStores.addConfirmedRemote(ctx, "QA Space", TestStores.foreignCertificatePemUntil("QA Space",
                java.time.Instant.now().plus(java.time.Duration.ofDays(30))));
        ctx.close();
        ctx = TestStores.openAhead(tmp, "b", java.time.Duration.ofDays(730));
        TrustsViewModel later = new TrustsViewModel(ctx.trusts(), ctx.spaces(), runner);
        later.refresh();
        AddTrustViewModel vm = later.add();
        vm.trusterProperty().set(vm.trusters().stream().filter(s -> s.name().equals("Prod Space")).findFirst().orElseThrow());
        vm.trustedProperty().set(vm.trustedOptions().stream().filter(s -> s.name().equals("QA Space")).findFirst().orElseThrow());
        AtomicReference<Trust> added = new AtomicReference<>();
        vm.submit(added::set);
        assertNull(added.get(), "the dialog stays open");
        assertTrue(vm.form().error().startsWith("The certificate of remote space 'QA Space' expired on "), vm.form().error());
        assertTrue(ctx.trusts().list(true).isEmpty());
    }
}
