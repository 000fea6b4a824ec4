-- Open items by last update: the work list sorted "updated" (its default
-- filter is open items). Without it the sort walked items_updated over every
-- item, closed ones included, checking each: a text with few open matches
-- (「起動しない」 among tasks) read most of 1,000,000 items, 1.1 s. Kept in
-- step with ../sqlite/0033_item_open_updated.sql.

CREATE INDEX items_open_updated ON items(updated_at, id)
    WHERE status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor');
