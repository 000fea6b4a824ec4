package web

import (
	"net/http"
	"strconv"

	"hitori"
)

const usersPerPage = 50

func (s *Server) usersPage(r *http.Request) (*page, error) {
	p := s.newPage(r, "settings")
	p.Title = p.T("users.title")
	q := r.URL.Query()
	pg := pageNumber(q.Get("page"))
	users, total, err := s.stores.Users.FindUsers(r.Context(), hitori.UserFilter{Query: q.Get("q"), Role: hitori.Role(q.Get("role")),
		Offset: (pg - 1) * usersPerPage, Limit: usersPerPage})
	if err != nil {
		return nil, err
	}
	p.Data = map[string]any{"Users": users, "Total": total, "Roles": hitori.Roles, "Pager": newPager(r, pg, usersPerPage, total)}
	p.Form = q
	return p, nil
}

func (s *Server) users(w http.ResponseWriter, r *http.Request) error {
	p, err := s.usersPage(r)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "users", p)
	return nil
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) error {
	admin := identityFrom(r).user
	u := &hitori.User{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: hitori.Role(r.PostFormValue("role")), Lang: r.PostFormValue("lang")}
	if err := s.stores.Users.CreateUser(r.Context(), u, r.PostFormValue("password")); err != nil {
		p, perr := s.usersPage(r)
		if perr != nil {
			return perr
		}
		p.Form = r.PostForm
		return s.formError(w, "users", p, err)
	}
	s.audit(r, admin, hitori.AuditUserCreate, u.Email, hitori.AuditCode(hitori.DetailRole, string(u.Role)))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	return nil
}

func (s *Server) userByPath(r *http.Request) (*hitori.User, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return s.stores.Users.FindUserByID(r.Context(), id)
}

func (s *Server) userEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := s.userByPath(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, "settings")
	p.Title = u.Email
	p.Data = map[string]any{"Subject": u, "Roles": hitori.Roles}
	s.render(w, http.StatusOK, "user_edit", p)
	return nil
}

// userUpdate changes role, name and status; a role change or disabling is audited.
func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) error {
	admin := identityFrom(r).user
	u, err := s.userByPath(r)
	if err != nil {
		return err
	}
	if u.Role == hitori.RoleStandin { // managed by its grant: a role or a password here would outlive it
		return hitori.KeyError(hitori.ECONFLICT, "error.standin_account")
	}
	name, role, disabled := r.PostFormValue("name"), hitori.Role(r.PostFormValue("role")), r.PostFormValue("disabled") == "on"
	updated, err := s.stores.Users.UpdateUser(r.Context(), u.ID, hitori.UserUpdate{Name: &name, Role: &role, Disabled: &disabled})
	if err != nil {
		p := s.newPage(r, "settings")
		p.Title = u.Email
		p.Data = map[string]any{"Subject": u, "Roles": hitori.Roles}
		return s.formError(w, "user_edit", p, err)
	}
	if updated.Role != u.Role {
		s.audit(r, admin, hitori.AuditRoleChange, u.Email, hitori.AuditCode(hitori.DetailRoleChange, string(u.Role), string(updated.Role)))
	}
	if updated.Disabled != u.Disabled || updated.Name != u.Name {
		detail := hitori.DetailEnabled
		if updated.Disabled {
			detail = hitori.DetailDisabled
		}
		s.audit(r, admin, hitori.AuditUserUpdate, u.Email, detail)
	}
	if pw := r.PostFormValue("password"); pw != "" {
		if err := s.stores.Users.SetPassword(r.Context(), u.ID, pw); err != nil {
			p := s.newPage(r, "settings")
			p.Title = u.Email
			p.Data = map[string]any{"Subject": updated, "Roles": hitori.Roles}
			return s.formError(w, "user_edit", p, err)
		}
		s.audit(r, admin, hitori.AuditPasswordChange, u.Email, hitori.DetailResetByAdmin)
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	return nil
}
