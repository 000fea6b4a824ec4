package web

import (
	"net/http"

	"hitori"
)

// contractCreate is POST /contracts.
func (s *Server) contractCreate(w http.ResponseWriter, r *http.Request) error {
	return s.contractSave(w, r, nil)
}

// contractUpdate is POST /contracts/{id}.
func (s *Server) contractUpdate(w http.ResponseWriter, r *http.Request) error {
	old, err := s.pathContract(r)
	if err != nil {
		return err
	}
	return s.contractSave(w, r, old)
}

// contractSave checks the whole form, reporting every bad field at once
// (422, values kept), and stores nothing unless all is well.
func (s *Server) contractSave(w http.ResponseWriter, r *http.Request, old *hitori.Contract) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	c, fields := contractFromForm(r.PostForm)
	if old != nil {
		c.ID = old.ID
	}
	probe := *c
	mergeFields(fields, probe.Validate())
	var saveErr error
	if len(fields) == 0 {
		if saveErr = s.handover().SaveContract(r.Context(), c); saveErr == nil {
			http.Redirect(w, r, "/contracts/"+idText(c.ID)+"?flash=saved", http.StatusSeeOther)
			return nil
		}
	}
	p, err := s.contractFormPage(r, old, r.PostForm)
	if err != nil {
		return err
	}
	return s.formError(w, "contract_form", p, handoverFormError(fields, saveErr))
}

// contractDeleteConfirm is GET /contracts/{id}/delete.
func (s *Server) contractDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContract(r)
	if err != nil {
		return err
	}
	s.renderDeleteConfirm(w, r, deleteConfirm{Name: c.Title, Action: "/contracts/" + idText(c.ID) + "/delete",
		Back: "/contracts/" + idText(c.ID), Detail: "handover.delete.contract_detail"})
	return nil
}

// contractDelete is POST /contracts/{id}/delete (audited by the store).
// The documents' bytes stay in the blob store until no row names them.
func (s *Server) contractDelete(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContract(r)
	if err != nil {
		return err
	}
	if err := s.handover().DeleteContract(r.Context(), c.ID); err != nil {
		return err
	}
	for _, f := range c.Files {
		s.dropContractBlob(r, f.SHA256)
	}
	http.Redirect(w, r, "/contracts?flash=deleted", http.StatusSeeOther)
	return nil
}
