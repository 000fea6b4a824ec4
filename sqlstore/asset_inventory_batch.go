package sqlstore

import (
	"context"
	"database/sql"

	"hitori"
)

// ApplyInventoryBatch applies several agents' reports in one transaction:
// one commit instead of one per report, and one statement for the batch's
// changes to the title counts, which every new PC of a fleet changes in
// the same rows (BENCHMARKS.md, "Inventory ingestion"). Reports are
// applied in order, so two reports of one device in a batch see each
// other. If the batch fails, each report is applied alone, so that one
// bad report fails nobody else's: errs[i] is reports[i]'s error.
func (s *Assets) ApplyInventoryBatch(ctx context.Context, reports []*hitori.InventoryReport, opts []hitori.InventoryApply) ([]hitori.InventoryOutcome, []error) {
	outs := make([]hitori.InventoryOutcome, len(reports))
	errs := make([]error, len(reports))
	if len(reports) > 1 {
		now := s.db.now()
		sw := s.db.softwareWrite(opts[0].TitleKey)
		err := s.db.write(ctx, func(tx *sql.Tx) error {
			for i, r := range reports {
				var err error
				if outs[i], err = applyInventory(ctx, tx, r, opts[i], now, sw); err != nil {
					return err
				}
			}
			return sw.finish(ctx, tx)
		})
		if err == nil {
			sw.committed()
			return outs, errs
		}
	}
	for i, r := range reports {
		outs[i], errs[i] = s.ApplyInventory(ctx, r, opts[i])
	}
	return outs, errs
}
