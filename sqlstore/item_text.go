package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"hitori"
)

// textCond is the condition for an item list's text query q: q anywhere in
// the title or body, ignoring case as LIKE does ("HD-1029" or "1029" also
// finds the item itself). args holds the statement's arguments so far; the
// condition's are appended. The list and the item search both come here.
//
// The LIKE below decides every result, so results are those of a plain
// substring scan; what differs by database is an index that narrows the rows
// LIKE looks at: an FTS5 trigram table on SQLite (itemTextSQLite), pg_trgm
// GIN indexes on PostgreSQL (itemTextPostgres). Migration 0014 builds both.
func (s *Items) textCond(q string, scope textScope, args []any) (string, []any) {
	lower := strings.ToLower(q)
	args = append(args, "%"+escapeLike(lower)+"%")
	n := len(args)
	var cond string
	if lower == strings.ToUpper(q) {
		// Nothing to fold (Japanese, digits): skip LOWER, which costs
		// PostgreSQL a locale-aware copy of every candidate's body.
		cond = fmt.Sprintf(`title LIKE $%d ESCAPE '\' OR body LIKE $%[1]d ESCAPE '\'`, n)
	} else {
		cond = fmt.Sprintf(`LOWER(title) LIKE $%d ESCAPE '\' OR LOWER(body) LIKE $%[1]d ESCAPE '\'`, n)
		if s.db.Dialect == Postgres {
			// ILIKE alone: the pg_trgm indexes serve it, and for a
			// lower-case pattern it is LOWER(…) LIKE (a UTF-8 database
			// lowers both sides). Both together made the planner multiply
			// their selectivities into an estimate of one row and read
			// every match through the index, then sort: 107 ms for
			// 「outlook」 among 40,008 open items, against 4.5 ms walking
			// the newest open items until a page matched.
			cond = itemTextPostgresFold(n)
		}
	}
	if s.db.Dialect == SQLite && utf8.RuneCountInString(q) >= 3 && scope != textScan {
		// Trigrams need three characters: shorter queries scan as before.
		args = append(args, ftsPhrase(q))
		fts := itemTextSQLite(len(args), scope)
		if trigramsExact(q) {
			// The trigram phrase is then exactly the substring: no row
			// needs LIKE, and none is read just to check it.
			cond = fts
		} else {
			cond = fmt.Sprintf(`%s AND (%s)`, fts, cond)
		}
	}
	if id, ok := hitori.ParseItemKey(q); ok {
		args = append(args, id)
		cond = fmt.Sprintf("(%s) OR id = $%d", cond, len(args))
	}
	return "(" + cond + ")", args
}

// openTextCountQuery is, on SQLite, the capped count of open items holding
// a text, read from items_open_text alone, when the filter asks for nothing
// else (the list as the UI opens it, text typed). That table indexes
// exactly the open items (migration 0014's triggers; its condition is
// is_open's), and a phrase of three characters or more matches exactly
// the substring when trigramsExact, so no item row needs reading:
// checking each match against the items table cost 1,001 lookups per page
// (5 ms of a list's 10 ms at 1,000,000 items). ok is false when the filter asks for more.
func (s *Items) openTextCountQuery(ctx context.Context, f hitori.ItemFilter) (query string, args []any, ok bool, err error) {
	u, err := itemActor(ctx)
	if err != nil || !isStaff(u) || s.db.Dialect != SQLite {
		return "", nil, false, err
	}
	q := strings.TrimSpace(f.Query)
	if _, isKey := hitori.ParseItemKey(q); isKey || !(f.OpenOnly || f.Sort == "next") || utf8.RuneCountInString(q) < 3 || !trigramsExact(q) ||
		len(f.Statuses) > 0 || f.Type != "" || f.Quadrant != 0 || f.AssigneeID != nil || f.RequesterID != nil || f.Category != "" || f.Tag != "" {
		return "", nil, false, nil
	}
	return `SELECT COUNT(*) FROM (SELECT rowid FROM items_open_text WHERE items_open_text MATCH $1 LIMIT $2) AS capped`,
		[]any{ftsPhrase(q), hitori.ItemCountCap + 1}, true, nil
}

// trigramsExact reports whether the trigram phrase of q matches exactly
// the texts holding q, ignoring case, so that no row needs LIKE: every
// character of q is either without another case (Japanese, digits,
// punctuation) or ASCII. FTS5 folds case by Unicode; LIKE and SQLite's
// LOWER only ASCII. They differ for the few non-ASCII letters that fold
// to an ASCII one (the Kelvin sign K to k, the long s ſ to s), which then
// match as PostgreSQL's LOWER matches them too. Other letters with case
// (full-width Ｅｘｃｅｌ, Greek, accented Latin) are left to LIKE.
func trigramsExact(q string) bool {
	for _, r := range q {
		if r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
			return false
		}
	}
	return true
}

// textScope tells textCond what else the filter asks for, so it can pick an
// index: every item, items narrowed by another indexed condition, or open
// items only.
type textScope int

const (
	textAll textScope = iota
	textNarrowed
	textOpen
	// textOpenCount: open items, counted rather than listed in an order.
	textOpenCount
	// textScan: a word so common that walking the list's order and checking
	// each row finds a page sooner than the index would (see commonText).
	textScan
)

// commonText reports whether more than ItemCountCap items contain q, on
// SQLite where the trigram index can tell in a fraction of a millisecond.
// Finding a common word's matches through the index means reading and
// sorting all of them (71,438 items for 「プリンター」 at 1M: 0.9 s), while
// walking the newest (or latest updated) items and checking each finds a
// page of 50 after some 700 rows (under 1 ms), and its capped count after
// some 14,000; a rare word is the other way round.
func (s *Items) commonText(ctx context.Context, q string) (bool, error) {
	if s.db.Dialect != SQLite || utf8.RuneCountInString(q) < 3 {
		return false, nil
	}
	var n int
	err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT rowid FROM items_text WHERE items_text MATCH $1 LIMIT $2) AS m`,
		ftsPhrase(q), hitori.ItemCountCap+1).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlstore: text frequency: %w", err)
	}
	return n > hitori.ItemCountCap, nil
}

// textScopeOf is f's textScope.
func textScopeOf(f hitori.ItemFilter) textScope {
	open := f.OpenOnly || f.Sort == "next"
	if len(f.Statuses) > 0 && !open {
		open = true
		for _, st := range f.Statuses {
			open = open && st.Open()
		}
	}
	switch {
	case open:
		return textOpen
	case len(f.Statuses) > 0 || f.Quadrant != 0 || f.AssigneeID != nil || f.RequesterID != nil:
		return textNarrowed
	}
	return textAll
}

// ftsPhrase quotes q as one FTS5 string: with the trigram tokenizer it
// matches rows containing q as a substring (folding case), whatever q holds.
func ftsPhrase(q string) string {
	return `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
}
