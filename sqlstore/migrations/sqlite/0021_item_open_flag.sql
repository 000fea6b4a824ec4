-- A stored open flag: is_open is computed by the database from status (a
-- generated column, so no write path can forget it), and every index over
-- open items is partial on it. The store's open condition is the bare
-- column (sqlstore/item.go openCond), word for word the indexes' WHERE, which
-- SQLite needs to use them; no other index can serve it, so the planner
-- cannot trade an ordered walk of open items for IN lookups in items_status
-- and a sort of every open item. Kept in step with
-- ../postgres/0021_item_open_flag.sql (a stored column there).

ALTER TABLE items ADD COLUMN is_open BOOLEAN
    GENERATED ALWAYS AS (status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor')) VIRTUAL;

DROP INDEX items_next;
CREATE INDEX items_next ON items(quadrant, sla_next, created_at, id) WHERE is_open;

DROP INDEX items_open_created;
CREATE INDEX items_open_created ON items(created_at, id, status) WHERE is_open;

-- One person's (or nobody's) open items: the board's "mine"/"unassigned"
-- scopes (counts per quadrant and the "next" queue) and the default list
-- filtered by assignee (newest first).
CREATE INDEX items_open_assignee_next ON items(assignee_id, quadrant, sla_next, created_at, id) WHERE is_open;
CREATE INDEX items_open_assignee_created ON items(assignee_id, created_at, id) WHERE is_open;
