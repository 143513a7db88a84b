-- Remissbrygga store, version 3: the search index tables lose their foreign keys to `resources`.
--
-- Why: the repository is the only writer of resource_tokens and resource_refs and replaces a resource's rows in
-- the same transaction as the resource itself; resources are never deleted (a deletion would be a new version
-- with `deleted`), so ON DELETE CASCADE never fired. The FK checks cost one lookup per index row, and on PGlite
-- (no autovacuum, so no re-planning) the cached referential-integrity plan chosen while the table was empty keeps
-- scanning: submits slowed down linearly with the number of stored resources (measured: 1.8 → 3.8 ms per
-- 13-resource insert over 1,500 referrals; flat without the FK). docs/benchmarks.md has the numbers.
ALTER TABLE resource_tokens DROP CONSTRAINT IF EXISTS resource_tokens_resource_type_id_fkey;
ALTER TABLE resource_refs DROP CONSTRAINT IF EXISTS resource_refs_resource_type_id_fkey;
