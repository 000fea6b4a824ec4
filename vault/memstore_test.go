package vault

import (
	"context"
	"sync"

	"hitori"
)

// memStore is an in-memory hitori.VaultStore for the service's unit tests;
// the SQL store runs the same contract in sqlstore.
type memStore struct {
	mu      sync.Mutex
	meta    *hitori.VaultMeta
	entries map[string]*hitori.VaultEntry
	audit   []*hitori.VaultAuditRecord
	jobs    []*hitori.Job
	fileID  int64
}

func newMemStore() *memStore { return &memStore{entries: map[string]*hitori.VaultEntry{}} }

func (m *memStore) FindVaultMeta(context.Context) (*hitori.VaultMeta, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.meta == nil {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "no vault")
	}
	c := *m.meta
	return &c, nil
}

func (m *memStore) appendLocked(rec *hitori.VaultAuditRecord, jobs []*hitori.Job) {
	prev := ""
	if n := len(m.audit); n > 0 {
		prev = m.audit[n-1].Hash
	}
	rec.Seq, rec.PrevHash = int64(len(m.audit)+1), prev
	rec.Hash = rec.ComputeHash(prev)
	c := *rec
	m.audit = append(m.audit, &c)
	m.jobs = append(m.jobs, jobs...)
}

func (m *memStore) CreateVaultMeta(_ context.Context, v *hitori.VaultMeta, rec *hitori.VaultAuditRecord) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.meta != nil {
		return hitori.Errorf(hitori.ECONFLICT, "exists")
	}
	c := *v
	m.meta = &c
	m.appendLocked(rec, nil)
	return nil
}

func (m *memStore) UpdateVaultMeta(_ context.Context, v *hitori.VaultMeta, old int64, keys map[string]string, rec *hitori.VaultAuditRecord, jobs []*hitori.Job) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.meta.Generation != old {
		return hitori.Errorf(hitori.ECONFLICT, "generation")
	}
	c := *v
	m.meta = &c
	for id, k := range keys {
		m.entries[id].DataKey = k
	}
	m.appendLocked(rec, jobs)
	return nil
}

func (m *memStore) CreateVaultEntry(_ context.Context, e *hitori.VaultEntry, rec *hitori.VaultAuditRecord) error {
	return m.UpdateVaultEntry(context.Background(), e, rec)
}

func (m *memStore) UpdateVaultEntry(_ context.Context, e *hitori.VaultEntry, rec *hitori.VaultAuditRecord) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := *e
	c.Files = append([]hitori.VaultFile(nil), e.Files...)
	for i := range c.Files {
		if c.Files[i].ID == 0 {
			m.fileID++
			c.Files[i].ID = m.fileID
		}
	}
	m.entries[e.ID] = &c
	m.appendLocked(rec, nil)
	return nil
}

func (m *memStore) DeleteVaultEntry(_ context.Context, id string, rec *hitori.VaultAuditRecord) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.entries, id)
	m.appendLocked(rec, nil)
	return nil
}

func (m *memStore) FindVaultEntry(_ context.Context, id string) (*hitori.VaultEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[id]
	if !ok {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "no entry")
	}
	c := *e
	c.Files = append([]hitori.VaultFile(nil), e.Files...)
	return &c, nil
}

func (m *memStore) ListVaultEntries(ctx context.Context) ([]*hitori.VaultEntry, error) {
	m.mu.Lock()
	ids := make([]string, 0, len(m.entries))
	for id := range m.entries {
		ids = append(ids, id)
	}
	m.mu.Unlock()
	var out []*hitori.VaultEntry
	for _, id := range ids {
		e, _ := m.FindVaultEntry(ctx, id)
		out = append(out, e)
	}
	return out, nil
}

func (m *memStore) AppendVaultAudit(_ context.Context, rec *hitori.VaultAuditRecord, jobs []*hitori.Job) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.appendLocked(rec, jobs)
	return nil
}

func (m *memStore) ListVaultAudit(_ context.Context, after int64, limit int) ([]*hitori.VaultAuditRecord, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*hitori.VaultAuditRecord
	for _, r := range m.audit {
		if r.Seq > after && len(out) < limit {
			c := *r
			out = append(out, &c)
		}
	}
	return out, nil
}
