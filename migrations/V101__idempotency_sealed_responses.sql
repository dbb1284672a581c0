-- Idempotency records no longer keep the client's key or a readable response. The key is kept as the
-- SHA-256 of scope, a newline and the key (hex), and a stored response body is encrypted (AES-GCM) under a
-- key derived from the Idempotency-Key, which only the client holds: a replayed guest checkout still answers
-- the order's access token, and the database never shows it (nor a new cart's token).
-- Records written before this migration keep their readable bodies (body_sealed false) until they are
-- purged, 24 hours after they were written, so a retry across the upgrade is still answered.
ALTER TABLE idempotency_record RENAME COLUMN idempotency_key TO key_digest;
UPDATE idempotency_record SET key_digest = encode(sha256(convert_to(scope || E'\n' || key_digest, 'UTF8')), 'hex');
ALTER TABLE idempotency_record ADD COLUMN body_sealed boolean NOT NULL DEFAULT false;
