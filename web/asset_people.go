package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hitori"
)

// People and departments: the register's own records of who uses what.

// assetPeople is GET /people[?q=&page=]: the list and a form to add one.
func (s *Server) assetPeople(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, assetNav)
	assetFlash(p, r)
	p.Form = url.Values{"q": {strings.TrimSpace(r.URL.Query().Get("q"))}}
	return s.assetPeoplePage(w, r, p, http.StatusOK)
}

func (s *Server) assetPeoplePage(w http.ResponseWriter, r *http.Request, p *page, status int) error {
	p.Title = p.T("asset.people.title")
	pg := pageNumber(r.URL.Query().Get("page"))
	const per = 100
	people, total, err := s.asset.People(r.Context(), hitori.PersonFilter{Query: p.Form.Get("q"), Offset: (pg - 1) * per, Limit: per})
	if err != nil {
		return err
	}
	depts, err := s.asset.Departments(r.Context())
	if err != nil {
		return err
	}
	p.Data = map[string]any{"People": people, "Total": total, "Pager": newPager(r, pg, per, total), "Departments": depts}
	s.render(w, status, "asset_people", p)
	return nil
}

// assetPerson is GET /people/{id}: the person's form and their assets.
func (s *Server) assetPerson(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	person, err := s.asset.Person(r.Context(), id)
	if err != nil {
		return err
	}
	p := s.newPage(r, assetNav)
	assetFlash(p, r)
	p.Form = url.Values{"name": {person.Name}, "email": {person.Email}, "employee_no": {person.EmployeeNo},
		"department_id": {idValue(person.DepartmentID)}}
	if person.Active {
		p.Form.Set("active", "1")
	}
	return s.assetPersonPage(w, r, p, person, http.StatusOK)
}

func (s *Server) assetPersonPage(w http.ResponseWriter, r *http.Request, p *page, person *hitori.Person, status int) error {
	p.Title = person.Name
	assets, _, err := s.asset.Assets(r.Context(), hitori.AssetFilter{PersonID: person.ID, Limit: 500})
	if err != nil {
		return err
	}
	depts, err := s.asset.Departments(r.Context())
	if err != nil {
		return err
	}
	p.Data = map[string]any{"Person": person, "Assets": assets, "Departments": depts}
	s.render(w, status, "asset_person", p)
	return nil
}

func idValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// assetPersonSave is POST /people (new) and /people/{id}.
func (s *Server) assetPersonSave(w http.ResponseWriter, r *http.Request) error {
	person := &hitori.Person{Active: true}
	if r.PathValue("id") != "" {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if person, err = s.asset.Person(r.Context(), id); err != nil {
			return err
		}
		person.Active = r.PostFormValue("active") == "1"
	}
	person.Name, person.Email, person.EmployeeNo = r.PostFormValue("name"), r.PostFormValue("email"), r.PostFormValue("employee_no")
	person.DepartmentID, _ = strconv.ParseInt(r.PostFormValue("department_id"), 10, 64)
	err := s.asset.SavePerson(r.Context(), person)
	if err == nil {
		http.Redirect(w, r, workFlashURL("/people/"+strconv.FormatInt(person.ID, 10), "saved"), http.StatusSeeOther)
		return nil
	}
	e, ok := hitori.AsError(err)
	if !ok || e.Code != hitori.EINVALID {
		return err
	}
	p := s.newPage(r, assetNav)
	p.Form = r.PostForm
	for f, k := range e.Fields {
		p.Errors[f] = p.T(k)
	}
	if person.ID == 0 {
		return s.assetPeoplePage(w, r, p, http.StatusUnprocessableEntity)
	}
	return s.assetPersonPage(w, r, p, person, http.StatusUnprocessableEntity)
}

// assetPersonDelete is POST /people/{id}/delete.
func (s *Server) assetPersonDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.asset.DeletePerson(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL("/people", "deleted_person"), http.StatusSeeOther)
	return nil
}

// assetDepartments is GET /departments.
func (s *Server) assetDepartments(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, assetNav)
	assetFlash(p, r)
	return s.assetDepartmentsPage(w, r, p, http.StatusOK)
}

func (s *Server) assetDepartmentsPage(w http.ResponseWriter, r *http.Request, p *page, status int) error {
	p.Title = p.T("asset.departments.title")
	depts, err := s.asset.Departments(r.Context())
	if err != nil {
		return err
	}
	p.Data = depts
	s.render(w, status, "asset_departments", p)
	return nil
}

// assetDepartmentSave is POST /departments (new) and /departments/{id}.
func (s *Server) assetDepartmentSave(w http.ResponseWriter, r *http.Request) error {
	d := &hitori.Department{Name: r.PostFormValue("name"), Code: r.PostFormValue("code")}
	if r.PathValue("id") != "" {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		d.ID = id
	}
	err := s.asset.SaveDepartment(r.Context(), d)
	if err == nil {
		http.Redirect(w, r, workFlashURL("/departments", "saved"), http.StatusSeeOther)
		return nil
	}
	p := s.newPage(r, assetNav)
	p.Form = r.PostForm
	if e, ok := hitori.AsError(err); ok && e.Code == hitori.EINVALID {
		for f, k := range e.Fields {
			p.Errors[f] = p.T(k)
		}
		p.Errors["_"] = p.T(e.Key)
		return s.assetDepartmentsPage(w, r, p, http.StatusUnprocessableEntity)
	}
	return err
}

// assetDepartmentDelete is POST /departments/{id}/delete.
func (s *Server) assetDepartmentDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.asset.DeleteDepartment(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL("/departments", "deleted_department"), http.StatusSeeOther)
	return nil
}
