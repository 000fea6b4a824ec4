package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"hitori"
	"hitori/asset"
	"hitori/ledger"
)

// The ledger import room (issue 10): upload an Excel or CSV ledger, see
// the preview (rows to add, changes field by field, errors with sheet,
// row and column), correct the column mapping, confirm. Files up to
// asset.SyncRunBytes run within the request; larger ones run as a job and
// the page refreshes itself with the progress.

// ledgerNav is the menu entry the import belongs under (the register's).
const ledgerNav = "assets"

// maxLedgerUploadBytes is one ledger file plus the form around it.
var maxLedgerUploadBytes = ledger.DefaultLimits.FileBytes + 1<<20

func init() {
	// The upload route carries whole ledgers; the shared table knows the
	// other areas' limits.
	bodyLimits["POST /assets/import"] = maxLedgerUploadBytes
}

func (s *Server) ledgerRoutes() []route {
	return []route{
		{"GET /assets/import", staff, s.ledgerImportForm, false},
		{"POST /assets/import", staff, s.ledgerImportUpload, false},
		{"GET /asset-imports/{id}", staff, s.ledgerImportRun, false},
		{"POST /asset-imports/{id}/mapping", staff, s.ledgerImportMapping, false},
		{"POST /asset-imports/{id}/confirm", staff, s.ledgerImportConfirm, false},
		{"GET /assets/export", staff, s.ledgerExport, false},
	}
}

// ledgerService is the asset service for the ledger room. It is built on
// the server's stores; the service keeps no state of its own but the
// package's progress table, which every copy shares.
func (s *Server) ledgerService() *asset.Service {
	svc := asset.New(s.stores.Assets)
	svc.Now = s.now
	return svc
}

func (s *Server) ledgerPage(r *http.Request) *page {
	p := s.newPage(r, ledgerNav)
	p.Title = p.T("ledger.title")
	return p
}

// ledgerImportForm is GET /assets/import: the upload form.
func (s *Server) ledgerImportForm(w http.ResponseWriter, r *http.Request) error {
	p := s.ledgerPage(r)
	p.Data = ledgerFormData{MaxMiB: ledger.DefaultLimits.FileBytes >> 20}
	s.render(w, http.StatusOK, "asset_import", p)
	return nil
}

type ledgerFormData struct{ MaxMiB int64 }

// ledgerImportUpload is POST /assets/import (multipart "file", optional
// "sheet"): keep the file with a new run, preview it, show the run.
func (s *Server) ledgerImportUpload(w http.ResponseWriter, r *http.Request) error {
	p := s.ledgerPage(r)
	p.Data = ledgerFormData{MaxMiB: ledger.DefaultLimits.FileBytes >> 20}
	file, header, err := r.FormFile("file")
	if err != nil {
		return s.formError(w, "asset_import", p, hitori.FieldError("file", "error.required"))
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, ledger.DefaultLimits.FileBytes+1))
	if err != nil {
		return err
	}
	name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	run, err := s.ledgerService().StartRun(r.Context(), name, data, strings.TrimSpace(r.PostFormValue("sheet")), identityFrom(r).user.ID)
	if err != nil {
		return s.formError(w, "asset_import", p, err)
	}
	if err := s.startLedgerRun(r, run); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/asset-imports/%d", run.ID), http.StatusSeeOther)
	return nil
}

// startLedgerRun runs a queued run now when its file is small, else
// queues the job that runs it.
func (s *Server) startLedgerRun(r *http.Request, run *hitori.LedgerRun) error {
	if run.Size <= asset.SyncRunBytes {
		return s.ledgerService().RunLedger(r.Context(), run.ID)
	}
	return s.jobs.Enqueue(r.Context(), asset.RunJob(run))
}

func (s *Server) ledgerRunByPath(r *http.Request) (*hitori.LedgerRun, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return s.stores.Assets.LedgerRun(r.Context(), id)
}

// ledgerRunData is what asset_import_run.html shows.
type ledgerRunData struct {
	Run         *hitori.LedgerRun
	Report      *asset.RunReport
	Running     bool
	Done, Total int
	Percent     int
	Fields      []ledgerFieldChoice
	Creates     []hitori.LedgerOutcome
	Updates     []hitori.LedgerOutcome
}

type ledgerFieldChoice struct{ Value, Key string }

// IsCustom reports whether a column is mapped to a custom field.
func (ledgerRunData) IsCustom(field string) bool {
	return strings.HasPrefix(field, ledger.CustomPrefix)
}

// ledgerImportRun is GET /asset-imports/{id}: progress while the run
// goes, then the preview (or the import's result).
func (s *Server) ledgerImportRun(w http.ResponseWriter, r *http.Request) error {
	run, err := s.ledgerRunByPath(r)
	if err != nil {
		return err
	}
	p := s.ledgerPage(r)
	d := ledgerRunData{Run: run, Fields: ledgerFieldChoices()}
	switch run.State {
	case hitori.LedgerRunQueued, hitori.LedgerRunRunning:
		d.Running = true
		d.Done, d.Total, _ = asset.RunProgress(run.ID)
		if d.Total > 0 {
			d.Percent = d.Done * 100 / d.Total
		}
		// The page follows the job by reloading itself: no script needed.
		w.Header().Set("Refresh", "2")
	case hitori.LedgerRunFailed:
		p.Errors["_"] = p.T(run.Error)
	case hitori.LedgerRunDone:
		if d.Report, err = asset.ParseRunReport(run); err != nil {
			return err
		}
		for _, o := range d.Report.Rows {
			if o.Action == hitori.LedgerCreate {
				d.Creates = append(d.Creates, o)
			} else if o.Action == hitori.LedgerUpdate {
				d.Updates = append(d.Updates, o)
			}
		}
	}
	p.Data = d
	s.render(w, http.StatusOK, "asset_import_run", p)
	return nil
}

// ledgerFieldChoices are the mapping form's options: ignore, each asset
// field, and a custom field named after the column.
func ledgerFieldChoices() []ledgerFieldChoice {
	out := []ledgerFieldChoice{{"", "ledger.field.ignore"}}
	for _, f := range ledger.AssetColumns {
		out = append(out, ledgerFieldChoice{f, "ledger.field." + f})
	}
	return out
}

// ledgerImportMapping is POST /asset-imports/{id}/mapping: the corrected
// mapping (select "col.SHEET.INDEX" per column, "custom" for a custom
// field named after the header) and a new preview.
func (s *Server) ledgerImportMapping(w http.ResponseWriter, r *http.Request) error {
	run, err := s.ledgerRunByPath(r)
	if err != nil {
		return err
	}
	rep, err := asset.ParseRunReport(run)
	if err != nil {
		return err
	}
	mapping := ledger.Mapping{}
	if rep != nil {
		for si, sh := range rep.Sheets {
			if sh.Kind != "asset" {
				continue
			}
			for _, c := range sh.Columns {
				v, ok := r.PostForm[fmt.Sprintf("col.%d.%d", si, c.Index)]
				if !ok || c.Header == "" {
					continue
				}
				field := v[0]
				if field == "custom" {
					field = ledger.CustomPrefix + c.Header
				}
				mapping[c.Header] = field
			}
		}
	}
	if err := s.ledgerService().QueueRun(r.Context(), run, mapping, true); err != nil {
		return err
	}
	if err := s.startLedgerRun(r, run); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/asset-imports/%d", run.ID), http.StatusSeeOther)
	return nil
}

// ledgerImportConfirm is POST /asset-imports/{id}/confirm: import for real
// with the mapping of the preview.
func (s *Server) ledgerImportConfirm(w http.ResponseWriter, r *http.Request) error {
	run, err := s.ledgerRunByPath(r)
	if err != nil {
		return err
	}
	if err := s.ledgerService().QueueRun(r.Context(), run, nil, false); err != nil {
		return err
	}
	if err := s.startLedgerRun(r, run); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/asset-imports/%d", run.ID), http.StatusSeeOther)
	return nil
}

// ledgerExport is GET /assets/export?format=xlsx|csv&encoding=utf-8|cp932&layout=register|last-import.
func (s *Server) ledgerExport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	req := asset.ExportRequest{Format: q.Get("format"), Encoding: q.Get("encoding"), Layout: q.Get("layout")}
	if req.Format == "" {
		req.Format = "xlsx"
	}
	var buf bytes.Buffer
	if _, err := s.ledgerService().Export(r.Context(), &buf, req); err != nil {
		return err
	}
	name := "assets-" + s.now().In(tokyo).Format("20060102") + "." + req.Format
	ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if req.Format == "csv" {
		ctype = "text/csv; charset=utf-8"
		if req.Encoding == "cp932" {
			ctype = "text/csv; charset=shift_jis"
		}
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := buf.WriteTo(w)
	return err
}
