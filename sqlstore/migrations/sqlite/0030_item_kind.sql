-- The kind of work an item is (inquiry, interruption, project, maintenance,
-- incident), for the time and workload reports. Existing items get the
-- default a new item gets (hitori.DefaultWorkKind): tasks are projects,
-- walk-ups and phone calls interruptions, the rest inquiries; the admin
-- may change it. Kept in step with ../postgres/0030_item_kind.sql.

ALTER TABLE items ADD COLUMN kind TEXT NOT NULL DEFAULT 'inquiry';

UPDATE items SET kind = 'project' WHERE type = 'task';
UPDATE items SET kind = 'interruption' WHERE type <> 'task' AND source IN ('walkup', 'phone');

-- The time report joins each logged event to its item's category and kind.
CREATE INDEX item_events_minutes_item ON item_events(created_at, item_id, minutes) WHERE minutes > 0;
