-- Keys over time (issue 17, points 1 and 2; docs/decisions/0056-keys-over-time.md).

-- What a key rotation or a compromise statement changed about one certificate of a space: until when a rotated-away
-- certificate is still accepted (the overlap: bundles and receipts signed by it, or addressed to it), and from when its key
-- is not trusted at all (a compromise). A certificate without a row: current, or retired and no longer accepted.
-- Keyed-sealed (RowSeals) from its first row, like the certificate it widens.
CREATE TABLE certificate_window (
  certificate_id BIGINT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  accepted_until TIMESTAMP WITH TIME ZONE,
  compromised_from TIMESTAMP WITH TIME ZONE,
  seal VARCHAR(64),
  CONSTRAINT fk_certificate_window_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id) ON DELETE CASCADE,
  CONSTRAINT fk_certificate_window_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE
);

-- A local space's former private key, kept after a rotation (sealed under the master key, bound to its own certificate, as
-- space_key) so that bundles encrypted to the old certificate still open during the overlap; removed when it is retired.
CREATE TABLE former_space_key (
  certificate_id BIGINT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  algorithm VARCHAR(40) NOT NULL,
  sealed_private_key BYTEA NOT NULL,
  CONSTRAINT fk_former_space_key_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id) ON DELETE CASCADE,
  CONSTRAINT fk_former_space_key_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT ck_former_space_key_size CHECK (octet_length(sealed_private_key) <= 16384)
);

-- Who may write them is row-level security's (V20, decision 0042), as for the certificates and keys they belong to: a
-- certificate's window whoever may change its space (a remote space's: administrators, as remote replace-cert); a former
-- key the local space's administrators.
ALTER TABLE certificate_window ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON certificate_window FOR SELECT USING (true);
CREATE POLICY odcm_write ON certificate_window FOR ALL USING (odcm_may_change_space(space_id)) WITH CHECK (odcm_may_change_space(space_id)
  AND EXISTS (SELECT FROM certificate c WHERE c.id = certificate_id AND c.space_id = certificate_window.space_id));
ALTER TABLE former_space_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON former_space_key FOR SELECT USING (true);
CREATE POLICY odcm_write ON former_space_key FOR ALL USING (odcm_may(space_id, 'ADMINISTRATOR')) WITH CHECK (odcm_may(space_id, 'ADMINISTRATOR')
  AND EXISTS (SELECT FROM certificate c WHERE c.id = certificate_id AND c.space_id = former_space_key.space_id));
