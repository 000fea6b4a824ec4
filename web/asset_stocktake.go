package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// Physical inventory (棚卸し) on a phone: the phone's own camera app reads
// a label's QR code and opens the asset's page, which carries a one-tap
// confirmation while a round is open; this page shows progress and what
// is still unseen. No scanning code of our own.

// assetStocktake is GET /assets/stocktake: progress and the unseen list,
// or a button to start a round.
func (s *Server) assetStocktake(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.stocktake.title")
	assetFlash(p, r)
	d := map[string]any{}
	round, err := s.asset.Stocktake(ctx)
	switch {
	case err == nil:
		unseen, err := s.asset.Unseen(ctx, round, 500)
		if err != nil {
			return err
		}
		percent := 100
		if round.Total > 0 {
			percent = round.Seen * 100 / round.Total
		}
		d["Round"], d["Unseen"], d["Percent"] = round, unseen, percent
	case hitori.ErrorCode(err) != hitori.ENOTFOUND:
		return err
	}
	p.Data = d
	s.render(w, http.StatusOK, "asset_stocktake", p)
	return nil
}

// assetStocktakeStart is POST /assets/stocktake: open a round.
func (s *Server) assetStocktakeStart(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.asset.StartStocktake(r.Context(), strings.TrimSpace(r.PostFormValue("note"))); err != nil {
		if hitori.ErrorCode(err) != hitori.ECONFLICT { // already open: show it
			return err
		}
	}
	http.Redirect(w, r, workFlashURL("/assets/stocktake", "stocktake_started"), http.StatusSeeOther)
	return nil
}

// assetStocktakeFinish is POST /assets/stocktake/finish: close the round.
func (s *Server) assetStocktakeFinish(w http.ResponseWriter, r *http.Request) error {
	round, err := s.asset.Stocktake(r.Context())
	if err != nil {
		return err
	}
	if err := s.asset.FinishStocktake(r.Context(), round.ID); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL("/assets/stocktake", "stocktake_finished"), http.StatusSeeOther)
	return nil
}

// assetSeen is POST /assets/{id}/seen: the one tap that confirms an asset
// where it stands (location and person_id as posted), back to its page.
func (s *Server) assetSeen(w http.ResponseWriter, r *http.Request) error {
	return s.assetAction(w, r, "seen", func(id int64) error {
		person, _ := strconv.ParseInt(r.PostFormValue("person_id"), 10, 64)
		_, err := s.asset.ConfirmSeen(r.Context(), id, hitori.StocktakeConfirm{
			Location: strings.TrimSpace(r.PostFormValue("location")), PersonID: person})
		return err
	})
}
