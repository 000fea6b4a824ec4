package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// The asset page's buttons: lifecycle status, check-out and check-in of
// loan equipment, and deletion. A refused action shows the asset page
// again with the reason (422 or 409), nothing written.

// assetAction runs act for {id} and redirects to the asset page with
// ?flash=flash, or renders the page with the action's error.
func (s *Server) assetAction(w http.ResponseWriter, r *http.Request, flash string, act func(id int64) error) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := act(id); err != nil {
		e, ok := hitori.AsError(err)
		if !ok || (e.Code != hitori.EINVALID && e.Code != hitori.ECONFLICT) {
			return err
		}
		p := s.newPage(r, assetNav)
		for f, k := range e.Fields {
			p.Errors[f] = p.T(k)
		}
		p.Errors["_"] = p.T(e.Key)
		status := statusOf(e.Code)
		return s.assetViewWith(w, r, p, id, status)
	}
	http.Redirect(w, r, workFlashURL(assetPageURL(id), flash), http.StatusSeeOther)
	return nil
}

// assetStatus is POST /assets/{id}/status.
func (s *Server) assetStatus(w http.ResponseWriter, r *http.Request) error {
	return s.assetAction(w, r, "status", func(id int64) error {
		return s.asset.SetStatus(r.Context(), id, hitori.AssetStatus(r.PostFormValue("status")), strings.TrimSpace(r.PostFormValue("note")))
	})
}

// assetCheckOut is POST /assets/{id}/checkout: person_id, loan_due, note.
func (s *Server) assetCheckOut(w http.ResponseWriter, r *http.Request) error {
	return s.assetAction(w, r, "checked_out", func(id int64) error {
		person, _ := strconv.ParseInt(r.PostFormValue("person_id"), 10, 64)
		due := hitori.Date(strings.TrimSpace(r.PostFormValue("loan_due")))
		return s.asset.CheckOut(r.Context(), id, person, due, strings.TrimSpace(r.PostFormValue("note")))
	})
}

// assetCheckIn is POST /assets/{id}/checkin: location, note.
func (s *Server) assetCheckIn(w http.ResponseWriter, r *http.Request) error {
	return s.assetAction(w, r, "checked_in", func(id int64) error {
		return s.asset.CheckIn(r.Context(), id, strings.TrimSpace(r.PostFormValue("location")), strings.TrimSpace(r.PostFormValue("note")))
	})
}

// assetDeleteConfirm is GET /assets/{id}/delete: what will go, and the button.
func (s *Server) assetDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.asset.Asset(r.Context(), id)
	if err != nil {
		return err
	}
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.delete.title", assetName(p, a))
	p.Data = a
	s.render(w, http.StatusOK, "asset_delete", p)
	return nil
}

// assetDelete is POST /assets/{id}/delete: the asset and its history go,
// and the audit log keeps who deleted what.
func (s *Server) assetDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.asset.Delete(r.Context(), id)
	if err != nil {
		return err
	}
	p := s.newPage(r, assetNav)
	s.audit(r, hitori.UserFromContext(r.Context()), hitori.AuditAssetDelete, assetName(p, a),
		strings.TrimSpace(a.Maker+" "+a.Model+" "+a.Serial))
	http.Redirect(w, r, workFlashURL("/assets", "deleted"), http.StatusSeeOther)
	return nil
}

// assetLoans is GET /assets/loans: loans past their due date, then every
// asset on loan.
func (s *Server) assetLoans(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	overdue, err := s.asset.OverdueLoans(ctx)
	if err != nil {
		return err
	}
	lent, _, err := s.asset.Assets(ctx, hitori.AssetFilter{Status: hitori.AssetOnLoan, Limit: 500})
	if err != nil {
		return err
	}
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.loans.title")
	p.Data = map[string]any{"Overdue": overdue, "Lent": lent, "Today": s.asset.Today()}
	s.render(w, http.StatusOK, "asset_loans", p)
	return nil
}
