package sqlstore

import (
	"fmt"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// itemTextSQLite narrows a text query to the items whose title or body holds
// the FTS5 phrase $n, through a trigram table of 0014: items_open_text when
// only open items are wanted, else items_text. "+id" keeps SQLite from
// fetching every matching row by id (a common word matches 7 % of a million
// items): it walks the other condition's index instead (items_next or
// items_open_created for open items, an assignee's…) and checks each id
// against the phrase's matches, gathered once. Counting open items, or any
// items when the phrase is rare (a common one never comes here: see
// Items.commonText), the matches drive: a thousand rows fetched by id.
func itemTextSQLite(n int, scope textScope) string {
	switch scope {
	case textOpen:
		return fmt.Sprintf(`+id IN (SELECT rowid FROM items_open_text WHERE items_open_text MATCH $%d)`, n)
	case textOpenCount:
		return fmt.Sprintf(`id IN (SELECT rowid FROM items_open_text WHERE items_open_text MATCH $%d)`, n)
	}
	return fmt.Sprintf(`id IN (SELECT rowid FROM items_text WHERE items_text MATCH $%d)`, n)
}
