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
  sealed_private_key VARBINARY(16384) NOT NULL,
  CONSTRAINT fk_former_space_key_certificate FOREIGN KEY (certificate_id) REFERENCES certificate (id) ON DELETE CASCADE,
  CONSTRAINT fk_former_space_key_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE
);
