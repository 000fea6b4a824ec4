-- Open items by last update: the work list sorted "updated" (its default
-- filter is open items). Without it the sort walked items_updated over every
-- item, closed ones included, checking each: a text with few open matches
-- (「佐藤」 among tasks) read all 1,000,000 items of a large site, 10 s.
-- Kept in step with ../postgres/0033_item_open_updated.sql.

CREATE INDEX items_open_updated ON items(updated_at, id) WHERE is_open;
