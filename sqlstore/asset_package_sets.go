package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"hitori"
)

// packageCatalogue is this process's copy of the software catalogue rows
// it has met. A fleet reports the same few thousand packages over and
// over, so a new PC's programs are found here without a query. Rows are
// never deleted and a package's ident never changes; its title key
// changes only in a retitle, after which the copy starts again. Only
// committed rows are added (softwareWrite.committed).
type packageCatalogue struct {
	mu      sync.Mutex
	idents  map[string]packageRef
	entries map[int64]hitori.InventorySoftware
}

// packageRef is a catalogue row as found by its ident.
type packageRef struct {
	id       int64
	titleKey string
}

// maxCatalogue bounds the copy (a few hundred bytes an entry); when full
// it starts again rather than tracking use.
const maxCatalogue = 200_000

// find sets ids[i] to the id of list[i]'s package where the copy has it
// and returns the indexes of those it lacks, and whether a package's
// title key is not the one list gives. One lock and no allocation per
// program: a PC reports hundreds.
func (c *packageCatalogue) find(list []hitori.InventorySoftware, ids []int64) (missing []int, stale bool) {
	var key []byte
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, s := range list {
		key = append(append(append(append(append(key[:0], s.Name...), '\n'), s.Version...), '\n'), s.Publisher...)
		ref, ok := c.idents[string(key)]
		if !ok {
			missing = append(missing, i)
			continue
		}
		ids[i] = ref.id
		stale = stale || ref.titleKey != s.TitleKey
	}
	return missing, stale
}

func (c *packageCatalogue) byID(id int64) (hitori.InventorySoftware, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.entries[id]
	return p, ok
}

func (c *packageCatalogue) add(packages map[int64]hitori.InventorySoftware) {
	if len(packages) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries)+len(packages) > maxCatalogue {
		c.idents, c.entries = map[string]packageRef{}, map[int64]hitori.InventorySoftware{}
	}
	for id, p := range packages {
		c.idents[packageIdent(p)] = packageRef{id, p.TitleKey}
		c.entries[id] = p
	}
}

func (c *packageCatalogue) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.idents, c.entries = nil, nil
}

// formatPackageSet is asset_package_sets.packages: ids ascending,
// comma-separated.
func formatPackageSet(ids []int64) string {
	b := make([]byte, 0, 6*len(ids))
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(b)
}

// parsePackageSet reads formatPackageSet's text, ascending whatever the
// order it was written in.
func parsePackageSet(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	ids := make([]int64, 0, strings.Count(s, ",")+1)
	for f := range strings.SplitSeq(s, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("package set: %q is not a package id", f)
		}
		ids = append(ids, id)
	}
	if !slices.IsSorted(ids) {
		slices.Sort(ids)
	}
	return slices.Compact(ids), nil
}

// idsJSON is {"id": 0, …}, for json_each.
func idsJSON(ids []int64) string {
	b := make([]byte, 0, 10*len(ids)+2)
	b = append(b, '{')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, id, 10)
		b = append(b, `":0`...)
	}
	return string(append(b, '}'))
}

// The installations of a title: software_title_installs holds a row for
// every title key a license has named (putTitle counts it from the sets
// when it first does), and writes that change what an asset counts
// towards add to the rows that exist. A new PC of a fleet has hundreds of
// titles and a site licenses a few dozen: keeping a count of every title
// cost a first report more than the rest of its writes on PostgreSQL.

// titleCountsJSON is {title_key: [n], …} of the non-zero counts, and how
// many there are.
func titleCountsJSON(counts map[string]int, keepZero bool) (string, int) {
	b := make([]byte, 0, 40*len(counts)+2)
	b = append(b, '{')
	n := 0
	for k, d := range counts {
		if d == 0 && !keepZero {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = appendJSONString(b, k)
		b = append(b, ":["...)
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ']')
	}
	return string(append(b, '}')), n
}

// addTitleInstalls adds deltas to the counted titles' installations, in
// one statement.
func addTitleInstalls(ctx context.Context, tx *sql.Tx, deltas map[string]int) error {
	doc, n := titleCountsJSON(deltas, false)
	if n == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE software_title_installs AS c SET assets = c.assets + CAST(r.value ->> 0 AS BIGINT)
		FROM json_each($1) r WHERE c.title_key = r.key`, doc)
	if err != nil {
		return fmt.Errorf("sqlstore: software installations: %w", err)
	}
	return nil
}

// setTitleInstalls stores counts as the titles' installations.
func setTitleInstalls(ctx context.Context, tx *sql.Tx, counts map[string]int) error {
	doc, n := titleCountsJSON(counts, true)
	if n == 0 {
		return nil
	}
	// The WHERE keeps SQLite from reading ON CONFLICT as a join's ON.
	_, err := tx.ExecContext(ctx, `INSERT INTO software_title_installs (title_key, assets)
		SELECT r.key, CAST(r.value ->> 0 AS BIGINT) FROM json_each($1) r WHERE true
		ON CONFLICT (title_key) DO UPDATE SET assets = excluded.assets`, doc)
	if err != nil {
		return fmt.Errorf("sqlstore: software installations: %w", err)
	}
	return nil
}

// titleCounter counts titles' installations from the sets for putTitle,
// once per transaction however many new titles it meets (a ledger's
// license sheet may name dozens).
type titleCounter struct {
	dialect string
	counts  map[string]int
}

func newTitleCounter(dialect string) *titleCounter { return &titleCounter{dialect: dialect} }

// countTitles makes sure the titles' installations are counted, in a
// transaction of its own.
func (s *Assets) countTitles(ctx context.Context, keys []string) error {
	if !slices.ContainsFunc(keys, func(k string) bool { return k != "" }) {
		return nil
	}
	counter := newTitleCounter(s.db.Dialect)
	return s.db.write(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if k == "" {
				continue
			}
			if err := counter.countTitle(ctx, tx, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// countTitle makes sure a title's installations are counted: a title no
// license named before gets its row, counted from the sets.
func (c *titleCounter) countTitle(ctx context.Context, tx *sql.Tx, key string) error {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT assets FROM software_title_installs WHERE title_key = $1`, key).Scan(&n)
	if err != sql.ErrNoRows {
		if err != nil {
			return fmt.Errorf("sqlstore: software installations: %w", err)
		}
		return nil
	}
	if c.counts == nil {
		// On PostgreSQL, writers of other transactions would change
		// sets and statuses this count does not see, and add to a row
		// they cannot see yet: they wait until this one commits.
		if err := lockInstallations(ctx, tx, c.dialect); err != nil {
			return err
		}
		if c.counts, err = countAllTitles(ctx, tx); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO software_title_installs (title_key, assets) VALUES ($1, $2)
		ON CONFLICT (title_key) DO NOTHING`, key, c.counts[key])
	if err != nil {
		return fmt.Errorf("sqlstore: software installations: %w", err)
	}
	return nil
}

// countAssetTitles adds sign to the installations of every title an
// asset has: when it is retired or leaves retirement, or is deleted.
func countAssetTitles(ctx context.Context, tx *sql.Tx, assetID int64, sign int) error {
	ids, err := packageSet(ctx, tx, assetID)
	if err != nil || len(ids) == 0 {
		return err
	}
	packages, err := packagesByID(ctx, tx, ids)
	if err != nil {
		return err
	}
	deltas := map[string]int{}
	for _, k := range titlesOf(packages) {
		deltas[k] = sign
	}
	return addTitleInstalls(ctx, tx, deltas)
}

// retitlePackages gives every catalogue package the title key titleKey
// makes of its name (nil: the name), after a normaliser change, and
// counts the installations of every title again.
func retitlePackages(ctx context.Context, tx *sql.Tx, titleKey func(string) string) error {
	if titleKey == nil {
		titleKey = func(name string) string { return name }
	}
	packages, err := allPackages(ctx, tx)
	if err != nil {
		return err
	}
	for id, p := range packages {
		if k := titleKey(p.Name); k != p.TitleKey {
			if _, err := tx.ExecContext(ctx, `UPDATE software_packages SET title_key = $1 WHERE id = $2`, k, id); err != nil {
				return fmt.Errorf("sqlstore: retitle software: %w", err)
			}
		}
	}
	return recountTitleInstalls(ctx, tx)
}

// recountTitleInstalls counts the installations of every counted title
// again from the assets' sets.
func recountTitleInstalls(ctx context.Context, tx *sql.Tx) error {
	all, err := countAllTitles(ctx, tx)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT title_key FROM software_title_installs`)
	if err != nil {
		return fmt.Errorf("sqlstore: count software: %w", err)
	}
	counts := map[string]int{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return fmt.Errorf("sqlstore: count software: %w", err)
		}
		counts[k] = all[k]
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: count software: %w", err)
	}
	return setTitleInstalls(ctx, tx, counts)
}

// countAllTitles counts, for every title key, the assets that are not
// retired and have one of its packages, from the sets: a read of every
// set, for a new title and after a retitle.
func countAllTitles(ctx context.Context, tx *sql.Tx) (map[string]int, error) {
	packages, err := allPackages(ctx, tx)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	rows, err := tx.QueryContext(ctx, `SELECT s.packages FROM asset_package_sets s JOIN assets a ON a.id = s.asset_id
		WHERE a.status <> 'retired'`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: count software: %w", err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var set string
		if err := rows.Scan(&set); err != nil {
			return nil, fmt.Errorf("sqlstore: count software: %w", err)
		}
		ids, err := parsePackageSet(set)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: count software: %w", err)
		}
		clear(seen)
		for _, id := range ids {
			if p, ok := packages[id]; ok && !seen[p.TitleKey] {
				seen[p.TitleKey] = true
				counts[p.TitleKey]++
			}
		}
	}
	return counts, rows.Err()
}
