-- Open items as an IN of the open statuses, which the planner matches to the
-- partial indexes below by proof rather than by text, and serves from them
-- (or from lookups in items_status, weighed with statistics). SQLite gets a
-- generated is_open flag instead (../sqlite/0021_item_open_flag.sql): its
-- planner needs the indexes' WHERE word for word and, without statistics,
-- prefers IN lookups in items_status and a sort of every open item. A stored
-- flag here would rewrite the table (and lose its visibility map, so every
-- index-only scan would read the table until the next VACUUM). The
-- store's condition is sqlstore/specific_postgres.go openCondPostgres.

DROP INDEX items_next;
CREATE INDEX items_next ON items(quadrant, sla_next, created_at, id)
    WHERE status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor');

-- Open items newest first (SQLite has had it since 0014).
CREATE INDEX items_open_created ON items(created_at, id, status)
    WHERE status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor');

-- One person's (or nobody's) open items: the board's "mine"/"unassigned"
-- scopes (counts per quadrant and the "next" queue) and the default list
-- filtered by assignee (newest first).
CREATE INDEX items_open_assignee_next ON items(assignee_id, quadrant, sla_next, created_at, id)
    WHERE status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor');
CREATE INDEX items_open_assignee_created ON items(assignee_id, created_at, id)
    WHERE status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor');

-- The open items' trigram indexes (0014), on the same condition.
SET LOCAL maintenance_work_mem = '256MB';
DROP INDEX items_open_title_trgm;
DROP INDEX items_open_body_trgm;
DO $$
DECLARE s text;
BEGIN
    SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX items_open_title_trgm ON items USING gin (title %I.gin_trgm_ops) WHERE status IN (''new'', ''in_progress'', ''waiting_requester'', ''waiting_vendor'')', s);
    EXECUTE format('CREATE INDEX items_open_body_trgm ON items USING gin (body %I.gin_trgm_ops) WHERE status IN (''new'', ''in_progress'', ''waiting_requester'', ''waiting_vendor'')', s);
END
$$;
