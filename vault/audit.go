package vault

import (
	"context"
	"fmt"

	"hitori"
)

// ChainBreak names the first record where the audit chain fails.
type ChainBreak struct {
	Seq    int64
	Reason string
}

func (b *ChainBreak) Error() string {
	return fmt.Sprintf("vault audit log broken at record %d: %s", b.Seq, b.Reason)
}

// VerifyChain checks records (oldest first, starting at the log's first
// record) link by link: sequence without gaps, each previous hash equal to
// the one before, each hash recomputed. It returns the first break.
func VerifyChain(records []*hitori.VaultAuditRecord, prevSeq int64, prevHash string) (*ChainBreak, int64, string) {
	for _, r := range records {
		switch {
		case r.Seq != prevSeq+1:
			return &ChainBreak{prevSeq + 1, fmt.Sprintf("missing (next record is %d)", r.Seq)}, prevSeq, prevHash
		case r.PrevHash != prevHash:
			return &ChainBreak{r.Seq, "does not follow the previous record's hash"}, prevSeq, prevHash
		case r.ComputeHash(prevHash) != r.Hash:
			return &ChainBreak{r.Seq, "its content does not match its hash (edited)"}, prevSeq, prevHash
		}
		prevSeq, prevHash = r.Seq, r.Hash
	}
	return nil, prevSeq, prevHash
}

// VerifyAudit walks the whole log. It returns the number of records and
// the first break (nil when intact).
func (s *Service) VerifyAudit(ctx context.Context) (int64, *ChainBreak, error) {
	var seq int64
	hash := ""
	for {
		recs, err := s.Store.ListVaultAudit(ctx, seq, 1000)
		if err != nil {
			return seq, nil, err
		}
		if len(recs) == 0 {
			return seq, nil, nil
		}
		var brk *ChainBreak
		if brk, seq, hash = VerifyChain(recs, seq, hash); brk != nil {
			return seq, brk, nil
		}
	}
}

// Audit returns records for the log page, oldest first after seq.
func (s *Service) Audit(ctx context.Context, a Actor, after int64, limit int) ([]*hitori.VaultAuditRecord, error) {
	if !a.isAdmin() {
		return nil, ErrForbidden
	}
	return s.Store.ListVaultAudit(ctx, after, limit)
}
