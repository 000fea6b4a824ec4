package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"hitori"
)

// JobAlert is the job kind that tells every administrator about an
// emergency recovery (or other vault event that must not go unnoticed).
const JobAlert = "vault.alert"

// AlertPayload is a JobAlert job's payload.
type AlertPayload struct {
	Action string `json:"action"`
	Detail string `json:"detail"`
	Remote string `json:"remote"`
}

// Split cuts the vault key into total shares, any threshold of which
// recover it, and records that a kit was issued.
func (s *Service) Split(ctx context.Context, a Actor, total, threshold int) ([]Share, error) {
	if !a.isAdmin() {
		return nil, ErrForbidden
	}
	key, m, err := s.unlocked(ctx)
	if err != nil {
		return nil, err
	}
	raw, err := Split(key, total, threshold)
	if err != nil {
		return nil, hitori.Errorf(hitori.EINVALID, "%v", err)
	}
	shares := make([]Share, len(raw))
	for i, r := range raw {
		shares[i] = Share{VaultID: m.VaultID, Generation: uint32(m.Generation), Threshold: byte(threshold), Total: byte(total), RawShare: r}
	}
	next := *m
	next.KitIssued, next.UpdatedAt = s.now(), s.now()
	detail := fmt.Sprintf("%d shares, threshold %d, generation %d", total, threshold, m.Generation)
	if err := s.Store.UpdateVaultMeta(ctx, &next, m.Generation, nil, a.record(hitori.VaultAuditSplit, "", detail), nil); err != nil {
		return nil, err
	}
	return shares, nil
}

// ShareError explains why shares do not open the vault, in words the
// recovery page and command can show as they are.
type ShareError struct{ Reason string }

func (e *ShareError) Error() string { return "vault: " + e.Reason }

// combineShares checks the shares belong together and to this vault, then
// recovers and confirms the key.
func combineShares(m *hitori.VaultMeta, shares []Share) ([]byte, error) {
	if len(shares) == 0 {
		return nil, &ShareError{"no shares given"}
	}
	for i, sh := range shares {
		if sh.VaultID != m.VaultID {
			return nil, &ShareError{fmt.Sprintf("share %d (holder %d) belongs to another vault (%s, this vault is %s)", i+1, sh.X, sh.VaultID, m.VaultID)}
		}
		if int64(sh.Generation) != m.Generation {
			return nil, &ShareError{fmt.Sprintf("share %d (holder %d) is from key generation %d; the vault was re-keyed and is at generation %d, so this kit is void", i+1, sh.X, sh.Generation, m.Generation)}
		}
	}
	k := int(shares[0].Threshold)
	if len(shares) < k {
		return nil, &ShareError{fmt.Sprintf("%d shares given, %d needed", len(shares), k)}
	}
	raw := make([]RawShare, len(shares))
	for i, sh := range shares {
		raw[i] = sh.RawShare
	}
	key, err := Combine(raw)
	if err != nil {
		return nil, &ShareError{err.Error()}
	}
	if !keyMatches(key, m.VaultID, m.Check) {
		return nil, &ShareError{"the shares do not open this vault (a share is damaged or thresholds differ)"}
	}
	return key, nil
}

// Recover opens the vault with emergency shares even when nobody knows
// the passphrase or no administrator is left, then re-keys it at once:
// a new vault key (protected by the key file), every data key re-wrapped,
// the used kit void. The recovery and an alert to every administrator are
// recorded in the same transaction.
func (s *Service) Recover(ctx context.Context, a Actor, shares []Share) error {
	m, err := s.Store.FindVaultMeta(ctx)
	if err != nil {
		return err
	}
	oldKey, err := combineShares(m, shares)
	if err != nil {
		var se *ShareError
		if errors.As(err, &se) {
			_ = s.Store.AppendVaultAudit(ctx, a.record(hitori.VaultAuditRecFail, "", se.Reason), nil)
		}
		return err
	}
	return s.rekey(ctx, a, m, oldKey, hitori.VaultAuditRecover,
		fmt.Sprintf("opened with %d emergency shares; re-keyed", len(shares)))
}

// Rekey replaces the vault key: every data key is re-wrapped, shares of the
// old key become void. The vault must be open in this process.
func (s *Service) Rekey(ctx context.Context, a Actor) error {
	if !a.isAdmin() {
		return ErrForbidden
	}
	key, m, err := s.unlocked(ctx)
	if err != nil {
		return err
	}
	return s.rekey(ctx, a, m, key, hitori.VaultAuditRekey, "re-keyed")
}

func (s *Service) rekey(ctx context.Context, a Actor, m *hitori.VaultMeta, oldKey []byte, action, detail string) error {
	entries, err := s.Store.ListVaultEntries(ctx)
	if err != nil {
		return err
	}
	newKey := NewKey()
	rewrapped := make(map[string]string, len(entries))
	for _, e := range entries {
		dk, err := open(oldKey, e.DataKey, dataKeyAD(m.VaultID, e.ID))
		if err != nil {
			return fmt.Errorf("vault: entry %s: data key does not open: %w", e.ID, err)
		}
		if rewrapped[e.ID], err = seal(newKey, dk, dataKeyAD(m.VaultID, e.ID)); err != nil {
			return err
		}
		clear(dk)
	}
	next := *m
	next.Generation, next.UpdatedAt, next.KitIssued = m.Generation+1, s.now(), hitori.VaultMeta{}.KitIssued
	if err := s.protect(&next, newKey, ""); err != nil {
		return err
	}
	rec := a.record(action, "", fmt.Sprintf("%s; generation %d → %d; %d data keys re-wrapped", detail, m.Generation, next.Generation, len(entries)))
	payload, _ := json.Marshal(AlertPayload{Action: action, Detail: rec.Detail, Remote: a.Remote})
	jobs := []*hitori.Job{{Kind: JobAlert, Payload: string(payload), MaxAttempts: 20}}
	if err := s.Store.UpdateVaultMeta(ctx, &next, m.Generation, rewrapped, rec, jobs); err != nil {
		return err
	}
	s.mu.Lock()
	s.key, s.gen = newKey, next.Generation
	s.mu.Unlock()
	return nil
}
