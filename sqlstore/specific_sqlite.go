package sqlstore

import (
	"fmt"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// itemTextSQLite narrows a text query to the items whose title or body holds
// the FTS5 phrase $n, through the trigram table items_text (0014). When
// another condition already narrows the items (open ones, an assignee…),
// "+id" keeps SQLite from fetching every matching row by id (a common word
// matches 7 % of a million items): it walks the other condition's index and
// checks each id against the phrase's matches, gathered once.
func itemTextSQLite(n int, narrowed bool) string {
	col := "id"
	if narrowed {
		col = "+id"
	}
	return fmt.Sprintf(`%s IN (SELECT rowid FROM items_text WHERE items_text MATCH $%d)`, col, n)
}
