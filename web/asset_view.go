package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// assetViewData is what asset_view.html shows.
type assetViewData struct {
	Asset    *hitori.Asset
	Price    string
	Custom   []assetCustomRow
	History  []assetHistoryRow
	Software []hitori.AssetSoftwareEntry
	Choices  *assetChoices
	Today    hitori.Date
	Overdue  bool
	Round    *hitori.Stocktake // the open stocktake round, nil when none
	Seen     bool              // seen in Round already
}

type assetCustomRow struct{ Name, Value string }

// assetHistoryRow is one history entry as the page shows it.
type assetHistoryRow struct {
	Event   *hitori.AssetEvent
	Changes []assetChangeRow
}

type assetChangeRow struct{ Field, Old, New string }

// assetView is GET /assets/{id}: fields, custom fields, loan, stocktake
// confirmation when a round is open, installed software and history.
func (s *Server) assetView(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, assetNav)
	assetFlash(p, r)
	return s.assetViewWith(w, r, p, id, http.StatusOK)
}

// assetViewWith renders an asset's page on p with status (a refused
// action shows the page again with its errors).
func (s *Server) assetViewWith(w http.ResponseWriter, r *http.Request, p *page, id int64, status int) error {
	ctx := r.Context()
	a, err := s.asset.Asset(ctx, id)
	if err != nil {
		return err
	}
	p.Title = assetName(p, a)
	d := &assetViewData{Asset: a, Price: yenText(a.PriceYen), Today: s.asset.Today()}
	d.Overdue = a.Status == hitori.AssetOnLoan && a.LoanDue != "" && a.LoanDue < d.Today
	if d.Choices, err = s.assetChoicesFor(r); err != nil {
		return err
	}
	defs, err := s.asset.FieldDefs(ctx, a.Type)
	if err != nil {
		return err
	}
	shown := map[string]bool{}
	for _, f := range defs {
		d.Custom = append(d.Custom, assetCustomRow{f.Name, a.Custom[f.Name]})
		shown[f.Name] = true
	}
	for k, v := range a.Custom {
		if !shown[k] {
			d.Custom = append(d.Custom, assetCustomRow{k, v})
		}
	}
	if d.Software, err = s.asset.Software(ctx, id); err != nil {
		return err
	}
	events, err := s.asset.History(ctx, id)
	if err != nil {
		return err
	}
	for _, e := range events {
		d.History = append(d.History, assetHistoryRowOf(p, e, d.Choices))
	}
	if round, err := s.asset.Stocktake(ctx); err == nil {
		d.Round = round
		if d.Seen, err = s.asset.SeenInRound(ctx, round, id); err != nil {
			return err
		}
	} else if hitori.ErrorCode(err) != hitori.ENOTFOUND {
		return err
	}
	p.Data = d
	s.render(w, status, "asset_view", p)
	return nil
}

// assetHistoryRowOf names the changed fields and shows ids, types and
// statuses by their names in the reader's language.
func assetHistoryRowOf(p *page, e *hitori.AssetEvent, c *assetChoices) assetHistoryRow {
	row := assetHistoryRow{Event: e}
	for _, ch := range e.Changes {
		label := p.T("asset.field." + ch.Field)
		if name, ok := strings.CutPrefix(ch.Field, "custom."); ok {
			label = name
		}
		row.Changes = append(row.Changes, assetChangeRow{label, assetValueText(p, ch.Field, ch.Old, c), assetValueText(p, ch.Field, ch.New, c)})
	}
	return row
}

func assetValueText(p *page, field, v string, c *assetChoices) string {
	if v == "" {
		return "—"
	}
	switch field {
	case "type":
		return p.Label("asset.type.", v)
	case "status":
		return p.Label("asset.status.", v)
	case "price_yen":
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return yenText(&n)
		}
	case "person_id":
		for _, x := range c.People {
			if strconv.FormatInt(x.ID, 10) == v {
				return x.Name
			}
		}
		return "#" + v
	case "department_id":
		for _, x := range c.Departments {
			if strconv.FormatInt(x.ID, 10) == v {
				return x.Name
			}
		}
		return "#" + v
	}
	return v
}
