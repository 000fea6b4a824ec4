package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"hitori"
)

// fillSystems reads the links (with what they point to), the outgoing
// relations and the covering contracts of list, in a few queries whatever
// its length.
func (h *Handover) fillSystems(ctx context.Context, list []*hitori.System) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*hitori.System, len(list))
	ids := make([]any, len(list))
	for i, s := range list {
		byID[s.ID], ids[i] = s, s.ID
		s.Links, s.Relations, s.Contracts = nil, nil, nil
	}
	in := placeholders(1, len(ids))
	err := h.eachRow(ctx, `SELECT system_id, kind, ref FROM system_links WHERE system_id IN (`+in+`) ORDER BY system_id, kind, ref`,
		ids, func(rows *sql.Rows) error {
			var id int64
			var l hitori.SystemLink
			if err := rows.Scan(&id, &l.Kind, &l.Ref); err != nil {
				return err
			}
			byID[id].Links = append(byID[id].Links, l)
			return nil
		})
	if err != nil {
		return fmt.Errorf("sqlstore: system links: %w", err)
	}
	err = h.eachRow(ctx, `SELECT r.from_id, r.to_id, r.kind, s.name FROM system_relations r JOIN systems s ON s.id = r.to_id
		WHERE r.from_id IN (`+in+`) ORDER BY r.from_id, LOWER(s.name), r.to_id`, ids, func(rows *sql.Rows) error {
		var r hitori.SystemRelation
		if err := rows.Scan(&r.From, &r.To, &r.Kind, &r.ToName); err != nil {
			return err
		}
		byID[r.From].Relations = append(byID[r.From].Relations, r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlstore: system relations: %w", err)
	}
	err = h.eachRow(ctx, `SELECT system_id, contract_id FROM contract_systems WHERE system_id IN (`+in+`) ORDER BY system_id, contract_id`,
		ids, func(rows *sql.Rows) error {
			var sid, cid int64
			if err := rows.Scan(&sid, &cid); err != nil {
				return err
			}
			byID[sid].Contracts = append(byID[sid].Contracts, cid)
			return nil
		})
	if err != nil {
		return fmt.Errorf("sqlstore: system contracts: %w", err)
	}
	return h.labelLinks(ctx, list)
}

// linkQueries read what a link points to: id, label, review date and last
// update (articles), monitor type and status (monitors).
var linkQueries = map[hitori.LinkKind]string{
	hitori.LinkArticle: `SELECT id, title, review_by, updated_at, '', '' FROM articles WHERE id IN (%s)`,
	hitori.LinkVault: `SELECT id, system || CASE WHEN username <> '' THEN ' (' || username || ')' ELSE '' END,
		NULL, updated_at, '', '' FROM vault_entries WHERE id IN (%s)`,
	hitori.LinkAsset: `SELECT id, TRIM(COALESCE(number, '') || ' ' || maker || ' ' || model), NULL, updated_at, '', ''
		FROM assets WHERE id IN (%s)`,
	hitori.LinkMonitor: `SELECT m.id, m.name, NULL, m.updated_at, m.type, COALESCE(st.status, 'pending')
		FROM monitors m LEFT JOIN monitor_states st ON st.monitor_id = m.id WHERE m.id IN (%s)`,
}

// labelLinks fills each link's label and details; a link whose target is
// gone is marked Missing.
func (h *Handover) labelLinks(ctx context.Context, list []*hitori.System) error {
	for _, kind := range hitori.LinkKinds {
		refs := map[string]bool{}
		var args []any
		for _, s := range list {
			for _, l := range s.Links {
				if l.Kind != kind || refs[l.Ref] {
					continue
				}
				if kind != hitori.LinkVault {
					if _, err := strconv.ParseInt(l.Ref, 10, 64); err != nil {
						continue // never a valid id: stays missing
					}
				}
				refs[l.Ref] = true
				args = append(args, l.Ref)
			}
		}
		found := map[string]hitori.SystemLink{}
		for start := 0; start < len(args); start += 500 {
			chunk := args[start:min(start+500, len(args))]
			if kind != hitori.LinkVault {
				for i, a := range chunk {
					n, _ := strconv.ParseInt(a.(string), 10, 64)
					chunk[i] = n
				}
			}
			q := fmt.Sprintf(linkQueries[kind], placeholders(1, len(chunk)))
			err := h.eachRow(ctx, q, chunk, func(rows *sql.Rows) error {
				var ref, label, mtype, mstatus string
				var review, updated sql.NullTime
				if err := rows.Scan(&ref, &label, &review, &updated, &mtype, &mstatus); err != nil {
					return err
				}
				l := hitori.SystemLink{Label: strings.TrimSpace(label), MonitorType: hitori.MonitorType(mtype),
					MonitorStatus: hitori.MonitorStatus(mstatus), UpdatedAt: updated.Time.UTC()}
				if review.Valid {
					t := review.Time.UTC()
					l.ReviewBy = &t
				}
				found[ref] = l
				return nil
			})
			if err != nil {
				return fmt.Errorf("sqlstore: %s links: %w", kind, err)
			}
		}
		for _, s := range list {
			for i, l := range s.Links {
				if l.Kind != kind {
					continue
				}
				f, ok := found[l.Ref]
				f.Kind, f.Ref, f.Missing = l.Kind, l.Ref, !ok
				s.Links[i] = f
			}
		}
	}
	return nil
}

// eachRow runs q on the read pool and calls fn for every row.
func (h *Handover) eachRow(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := h.db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
