package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import odcm.persistence.jooq.Tables;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * A keyed row seal covers every column of its row in table order (decisions 0038, 0039), so a column added later to a
 * sealed table changes the sealed bytes of every row already there, and every one of them would be refused. This test
 * holds the columns each sealed table was sealed with: a migration that adds, drops or reorders one fails it here, and
 * decision 0039 ("A column added later") says what such a migration must bring along (a re-sealing step).
 */
class SealedColumnsTest {
    @Test
    void everySealedTableHasTheColumnsItsRowsWereSealedWith() {
        Map<Table<?>, String> sealed = new LinkedHashMap<>();
        sealed.put(Tables.TRUST, "id truster_id trusted_id kind created_at created_by revoked_at revoked_by revoke_reason seal");
        sealed.put(Tables.CERTIFICATE, "id space_id der sha256 subject issuer serial key_algorithm key_detail not_before not_after"
                + " added_at retired_at confirmed_at seal");
        sealed.put(Tables.BUNDLE_ACCEPTED, "space_id bundle_id source_space_id source_sha256 sequence release_id accepted_at seal");
        sealed.put(Tables.RECEIPT_ACCEPTED, "space_id receipt_id reporter_space_id reporter_sha256 sequence created_at accepted_at seal");
        sealed.put(Tables.SEQUENCE_RESERVED, "kind space_id to_space_id last_reserved seal");
        sealed.put(Tables.APPROVAL_DECISION, "id space_id release_id verdict comment decided_at decided_by seal");
        sealed.put(Tables.DEPLOYMENT, "id space_id release_id environment_id outcome deployed_at deployed_by seal");
        sealed.put(Tables.REMOTE_DEPLOYMENT, "space_id release_id reporter_space_id environment environment_key outcome deployed_at"
                + " deployed_by receipt_id reported_at seal");
        assertEquals(List.copyOf(sealed.keySet()).subList(2, sealed.size()), RowSeals.RECORDS, "the records of 0039");
        // Separation of duties (V21, decision 0043): sealed from their first row, so not among the records sealed once.
        sealed.put(Tables.DUTY_RULE, "space_id approver_not_maker approvals two_admin_trust set_at set_by seal");
        sealed.put(Tables.RELEASE_MAKER, "release_id made_by how made_at seal");
        sealed.put(Tables.TRUST_PROPOSAL, "id truster_id trusted_id kind fingerprint proposed_at proposed_by state decided_at decided_by"
                + " trust_id seal");
        // A loosening waiting for a second administrator (V23, decision 0043): sealed from its first row too.
        sealed.put(Tables.DUTY_PROPOSAL, "id space_id approver_not_maker approvals two_admin_trust proposed_at proposed_by state decided_at"
                + " decided_by seal");
        // Acceptance before import (V26, decision 0047): sealed from their first rows.
        sealed.put(Tables.ACCEPTANCE_POLICY, "space_id set_at set_by seal");
        sealed.put(Tables.IMPORT_ACCEPTANCE, "id space_id release_id verdict comment snapshot_hash compared_with decided_at decided_by seal");
        // Keys over time (V27, decision 0056): a certificate's overlap and compromise, sealed from its first row.
        sealed.put(Tables.CERTIFICATE_WINDOW, "certificate_id space_id accepted_until compromised_from seal");
        // The package setting (V31, decision 0059): sealed from V31 on; a row set before is set again (no re-sealing step).
        sealed.put(Tables.PACKAGE_POLICY, "space_id require_check store_folder set_at set_by seal");
        sealed.forEach((table, columns) -> assertEquals(Arrays.asList(columns.split(" ")), Arrays.stream(table.fields())
                .map(Field::getName).map(n -> n.toLowerCase(Locale.ROOT)).toList(), table.getName()
                + ": a column added to a sealed table changes every row's seal; see decision 0039, \"A column added later\""));
    }
}
