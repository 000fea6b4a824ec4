package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"hitori"
)

// ApplyInventoryBatch applies several agents' reports in one transaction:
// one commit instead of one per report. A first report of a new PC adds
// hundreds of links to the scattered index of installations by package,
// and those pages are the same for every PC of a fleet; committing them
// once for a batch is what makes first reports affordable (BENCHMARKS.md,
// "Inventory ingestion"). Reports are applied in order, so two reports of
// one device in a batch see each other. If the batch fails, each report is
// applied alone, so that one bad report fails nobody else's: errs[i] is
// reports[i]'s error.
func (s *Assets) ApplyInventoryBatch(ctx context.Context, reports []*hitori.InventoryReport, opts []hitori.InventoryApply) ([]hitori.InventoryOutcome, []error) {
	outs := make([]hitori.InventoryOutcome, len(reports))
	errs := make([]error, len(reports))
	if len(reports) > 1 {
		now := s.db.now()
		err := s.db.write(ctx, func(tx *sql.Tx) error {
			links := &batchLinks{}
			for i, r := range reports {
				if err := inventoryFault(s.db, r); err != nil {
					return err
				}
				var err error
				if outs[i], err = applyInventory(ctx, tx, r, opts[i], now, links); err != nil {
					return err
				}
			}
			return links.flush(ctx, tx)
		})
		if err == nil {
			return outs, errs
		}
	}
	for i, r := range reports {
		outs[i], errs[i] = s.ApplyInventory(ctx, r, opts[i])
	}
	return outs, errs
}

// batchLinks collects the programs of the assets a batch creates, to link
// them all in one statement. Linking a new PC inserts an entry into the
// index of installations by package at each of its packages: hundreds of
// scattered pages, the same ones for every PC of a fleet. SQLite copies
// every page a statement changes into a statement journal first (the
// link's foreign keys could abort it halfway), and at 3,000 PCs that copy
// and the memory it took and gave back cost more than the rest of a
// report; one statement for the batch copies each page once.
type batchLinks struct {
	assets []int64
	lists  [][]hitori.InventorySoftware
}

func (b *batchLinks) add(id int64, list []hitori.InventorySoftware) {
	if len(list) > 0 {
		b.assets, b.lists = append(b.assets, id), append(b.lists, list)
	}
}

// flushIfHas links the collected programs now if asset id is among them.
func (b *batchLinks) flushIfHas(ctx context.Context, tx *sql.Tx, id int64) error {
	if b == nil || !slices.Contains(b.assets, id) {
		return nil
	}
	return b.flush(ctx, tx)
}

// flush links the collected programs: one statement when the catalogue
// has every package, three when it lacks some (as insertSoftware).
func (b *batchLinks) flush(ctx context.Context, tx *sql.Tx) error {
	if len(b.assets) == 0 {
		return nil
	}
	links, total := b.linksJSON()
	linked, err := linkBatch(ctx, tx, links, "")
	if err == nil && linked != total {
		err = insertPackages(ctx, tx, softwareJSON(b.union()))
		if err == nil {
			_, err = linkBatch(ctx, tx, links, ` ON CONFLICT (asset_id, package_id) DO NOTHING`)
		}
	}
	b.assets, b.lists = b.assets[:0], b.lists[:0]
	return err
}

// linksJSON is {"asset id": {ident: 0, …}, …} and the number of links.
func (b *batchLinks) linksJSON() (string, int64) {
	var total int64
	out := make([]byte, 0, 64<<10)
	out = append(out, '{')
	for i, id := range b.assets {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '"')
		out = strconv.AppendInt(out, id, 10)
		out = append(out, `":{`...)
		for k, s := range b.lists[i] {
			if k > 0 {
				out = append(out, ',')
			}
			out = appendJSONString(out, packageIdent(s))
			out = append(out, ":0"...)
		}
		out = append(out, '}')
		total += int64(len(b.lists[i]))
	}
	return string(append(out, '}')), total
}

// union is every collected program once (by package).
func (b *batchLinks) union() []hitori.InventorySoftware {
	seen := map[string]bool{}
	var out []hitori.InventorySoftware
	for _, list := range b.lists {
		for _, s := range list {
			if k := packageIdent(s); !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// linkBatch links assets to their packages from linksJSON's document and
// returns how many links it made.
func linkBatch(ctx context.Context, tx *sql.Tx, doc, conflict string) (int64, error) {
	return execLinks(ctx, tx, `INSERT INTO asset_packages (asset_id, package_id)
		SELECT a.id, p.id FROM json_each($1) b JOIN assets a ON a.id = CAST(b.key AS BIGINT), json_each(b.value) r
		JOIN software_packages p ON p.ident = r.key WHERE true`+conflict, doc)
}
