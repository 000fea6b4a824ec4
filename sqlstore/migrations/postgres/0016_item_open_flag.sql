-- A stored open flag: is_open is computed by the database from status (a
-- generated column, so no write path can forget it), and every index over
-- open items is partial on it; the store's open condition is the bare
-- column (sqlstore/item.go openCond). Kept in step with
-- ../sqlite/0016_item_open_flag.sql (a virtual column there: SQLite cannot
-- add a stored one). Adding a stored column rewrites the table: about
-- 20 s for 1,000,000 items on 2 cores.

ALTER TABLE items ADD COLUMN is_open BOOLEAN
    GENERATED ALWAYS AS (status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor')) STORED;

DROP INDEX items_next;
CREATE INDEX items_next ON items(quadrant, sla_next, created_at, id) WHERE is_open;

-- Open items newest first (SQLite has had it since 0014).
CREATE INDEX items_open_created ON items(created_at, id, status) WHERE is_open;

-- One person's (or nobody's) open items: the board's "mine"/"unassigned"
-- scopes (counts per quadrant and the "next" queue) and the default list
-- filtered by assignee (newest first).
CREATE INDEX items_open_assignee_next ON items(assignee_id, quadrant, sla_next, created_at, id) WHERE is_open;
CREATE INDEX items_open_assignee_created ON items(assignee_id, created_at, id) WHERE is_open;

-- The open items' trigram indexes (0014), on the flag.
SET LOCAL maintenance_work_mem = '256MB';
DROP INDEX items_open_title_trgm;
DROP INDEX items_open_body_trgm;
DO $$
DECLARE s text;
BEGIN
    SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX items_open_title_trgm ON items USING gin (title %I.gin_trgm_ops) WHERE is_open', s);
    EXECUTE format('CREATE INDEX items_open_body_trgm ON items USING gin (body %I.gin_trgm_ops) WHERE is_open', s);
END
$$;
