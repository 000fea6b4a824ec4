package web

import (
	"net/http"
	"net/url"

	"hitori"
)

// systemFormPage builds the new/edit page of sys (nil: a new system).
func (s *Server) systemFormPage(r *http.Request, sys *hitori.System, form url.Values) (*page, error) {
	d := &systemFormData{System: sys}
	if err := s.systemChoices(r, d); err != nil {
		return nil, err
	}
	p := s.handoverPage(r, "handover.systems.new", d)
	switch {
	case form != nil:
		p.Form = form
	case sys != nil:
		p.Form = systemFormValues(sys)
	default:
		p.Form = url.Values{"kind": {string(hitori.SystemOther)}, "criticality": {string(hitori.CriticalMedium)}}
	}
	d.Relations = relationRows(p.Form)
	if sys != nil {
		p.Title = p.T("handover.systems.edit", sys.Name)
		picker, err := s.linkPicker(r, sys)
		if err != nil {
			return nil, err
		}
		d.Picker = picker
	}
	handoverFlash(p, r)
	return p, nil
}

// systemNew is GET /systems/new.
func (s *Server) systemNew(w http.ResponseWriter, r *http.Request) error {
	p, err := s.systemFormPage(r, nil, nil)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "system_form", p)
	return nil
}

// systemEdit is GET /systems/{id}/edit: the system's fields and relations,
// and (#links) its links with the picker that adds more.
func (s *Server) systemEdit(w http.ResponseWriter, r *http.Request) error {
	sys, err := s.pathSystem(r)
	if err != nil {
		return err
	}
	p, err := s.systemFormPage(r, sys, nil)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "system_form", p)
	return nil
}

func (s *Server) pathSystem(r *http.Request) (*hitori.System, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.handover().System(r.Context(), id)
}

// systemCreate is POST /systems.
func (s *Server) systemCreate(w http.ResponseWriter, r *http.Request) error {
	return s.systemSave(w, r, nil)
}

// systemUpdate is POST /systems/{id}: fields and relations; links stay.
func (s *Server) systemUpdate(w http.ResponseWriter, r *http.Request) error {
	old, err := s.pathSystem(r)
	if err != nil {
		return err
	}
	return s.systemSave(w, r, old)
}

// systemSave checks the whole form, reporting every bad field at once
// with the typed values kept (422), and stores nothing unless all is well.
func (s *Server) systemSave(w http.ResponseWriter, r *http.Request, old *hitori.System) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	sys, fields := systemFromForm(r.PostForm)
	if old != nil {
		sys.ID, sys.Links = old.ID, old.Links
	}
	probe := *sys
	mergeFields(fields, probe.Validate())
	var saveErr error
	if len(fields) == 0 {
		if saveErr = s.handover().SaveSystem(r.Context(), sys); saveErr == nil {
			http.Redirect(w, r, "/systems/"+idText(sys.ID)+"?flash=saved", http.StatusSeeOther)
			return nil
		}
	}
	p, err := s.systemFormPage(r, old, r.PostForm)
	if err != nil {
		return err
	}
	return s.formError(w, "system_form", p, handoverFormError(fields, saveErr))
}

// handoverFormError is the error a form re-renders with: the field errors
// read from the form, or else what the service refused.
func handoverFormError(fields map[string]string, saveErr error) error {
	if len(fields) > 0 {
		return &hitori.Error{Code: hitori.EINVALID, Key: "error.fields", Message: "error.fields", Fields: fields}
	}
	return saveErr
}

// systemDeleteConfirm is GET /systems/{id}/delete.
func (s *Server) systemDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	sys, err := s.pathSystem(r)
	if err != nil {
		return err
	}
	s.renderDeleteConfirm(w, r, deleteConfirm{Name: sys.Name, Action: "/systems/" + idText(sys.ID) + "/delete",
		Back: "/systems/" + idText(sys.ID), Detail: "handover.delete.system_detail"})
	return nil
}

// systemDelete is POST /systems/{id}/delete (audited by the store).
func (s *Server) systemDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.handover().DeleteSystem(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/systems?flash=deleted", http.StatusSeeOther)
	return nil
}
