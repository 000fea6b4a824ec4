package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hitori"
	"hitori/blob"
)

var contractSorts = []string{"decision", "end", "title", "vendor", "updated"}

type contractListData struct {
	Contracts []*hitori.Contract
	Query     string
	Sort      string
	Sorts     []string
	Pager     pager
}

// Yen writes an amount with separators, "—" when unknown.
func (d *contractListData) Yen(p *int64) string { return formatYen(p) }

// contractList is GET /contracts: contracts by decision date, with
// search, sort and pages.
func (s *Server) contractList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &contractListData{Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"), Sorts: contractSorts}
	if !slices.Contains(contractSorts, d.Sort) {
		d.Sort = "decision"
	}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.handover().Contracts(r.Context(), hitori.ContractFilter{Query: d.Query, Sort: d.Sort,
		Offset: (pg - 1) * systemsPerPage, Limit: systemsPerPage})
	if err != nil {
		return err
	}
	d.Contracts, d.Pager = list, newPager(r, pg, systemsPerPage, total)
	p := s.handoverPage(r, "handover.contracts.title", d)
	handoverFlash(p, r)
	s.render(w, http.StatusOK, "contract_list", p)
	return nil
}

// contractView is GET /contracts/{id}: terms, decision date, cost,
// covered systems and documents (with the upload form).
func (s *Server) contractView(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContract(r)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "contract_view", s.contractViewPage(r, c))
	return nil
}

func (s *Server) contractViewPage(r *http.Request, c *hitori.Contract) *page {
	p := s.handoverPage(r, "handover.contracts.title", map[string]any{"Contract": c, "Decision": c.DecisionOn(),
		"Monthly": formatYen(c.MonthlyYen), "Annual": formatYen(c.AnnualYen), "MaxMB": hitori.MaxContractFileSize >> 20})
	p.Title = c.Title
	handoverFlash(p, r)
	return p
}

// contractFile is GET /contracts/{id}/files/{fid}: a document, always
// downloaded, never rendered in the page's origin.
func (s *Server) contractFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	fid, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	f, err := s.handover().ContractFile(r.Context(), id, fid)
	if err != nil {
		return err
	}
	fh, err := blob.At(s.cfg.DataDir, blob.Contracts).Open(f.SHA256)
	if errors.Is(err, blob.ErrNotFound) {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	} else if err != nil {
		return err
	}
	defer fh.Close()
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(f.Name))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeContent(w, r, "", f.CreatedAt, fh)
	return nil
}
