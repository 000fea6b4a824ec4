package web

import (
	"bytes"
	"fmt"
	"net/http"

	"hitori"
	"hitori/binder"
	"hitori/vault"
)

// BinderTranslator returns lang's catalogue (Japanese unless "en") for the
// handover binder, so the binder's words live with every other message.
func BinderTranslator(lang string) (binder.Translator, error) {
	all, err := loadLocales()
	if err != nil {
		return nil, err
	}
	l := all[lang]
	if l == nil {
		l = all["ja"]
	}
	return l.T, nil
}

// handoverExportRoutes are the administrator's binder download.
func (s *Server) handoverExportRoutes() []route {
	return []route{
		{"GET /admin/handover/binder", adminOnly, s.handoverBinderPage, false},
		{"POST /admin/handover/binder", adminOnly, s.handoverBinderExport, false},
	}
}

// handoverBinderPage is GET /admin/handover/binder: what the binder holds,
// and the download button (credentials only when asked, encrypted).
func (s *Server) handoverBinderPage(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "settings")
	p.Title = p.T("binder.page.title")
	s.render(w, http.StatusOK, "handover_binder", p)
	return nil
}

// handoverBinderExport is POST /admin/handover/binder: the binder as a
// zip, built in memory (it is a page and perhaps an encrypted export).
func (s *Server) handoverBinderExport(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "settings")
	p.Title = p.T("binder.page.title")
	p.Form = r.PostForm
	opt := binder.Options{T: p.T, Lang: p.Lang, BaseURL: s.cfg.BaseURL, IncludeSecrets: r.PostFormValue("include_secrets") != ""}
	if opt.IncludeSecrets {
		opt.Passphrase = r.PostFormValue("passphrase")
		if opt.Passphrase != r.PostFormValue("passphrase2") {
			return s.formError(w, "handover_binder", p, hitori.FieldError("passphrase2", "error.binder_passphrase_mismatch"))
		}
	}
	src := s.binderSources(vault.Actor{User: p.User, Remote: clientIP(r)})
	b, err := binder.Collect(r.Context(), src, opt)
	if err != nil {
		return s.formError(w, "handover_binder", p, err)
	}
	var buf bytes.Buffer
	if err := binder.WriteZip(&buf, b, p.T); err != nil {
		return err
	}
	detail := "without credentials"
	if len(b.VaultFile) > 0 {
		detail = "with the encrypted vault export"
	}
	s.audit(r, p.User, hitori.AuditHandoverExport, "", detail)
	noStore(w)
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="handover-binder-%s.zip"`, s.now().In(tokyo).Format("20060102")))
	_, err = w.Write(buf.Bytes())
	return err
}
