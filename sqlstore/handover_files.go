package sqlstore

import (
	"context"
	"fmt"
)

// ContractFileInUse reports whether any contract's document is stored
// under sum: a blob is removed only once no row names it (two contracts
// may carry the same signed PDF).
func (h *Handover) ContractFileInUse(ctx context.Context, sum string) (bool, error) {
	if _, err := staffActor(ctx); err != nil {
		return false, err
	}
	var n int
	if err := h.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM contract_files WHERE sha256 = $1`, sum).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlstore: contract file in use: %w", err)
	}
	return n > 0, nil
}
