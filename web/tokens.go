package web

import (
	"net/http"
	"strconv"

	"hitori"
)

func (s *Server) tokensPage(r *http.Request) (*page, error) {
	p := s.newPage(r, "account")
	p.Title = p.T("tokens.title")
	ts, err := s.stores.Auth.FindTokens(r.Context(), p.User.ID)
	if err != nil {
		return nil, err
	}
	p.Data = map[string]any{"Tokens": ts}
	return p, nil
}

func (s *Server) tokens(w http.ResponseWriter, r *http.Request) error {
	p, err := s.tokensPage(r)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "tokens", p)
	return nil
}

// tokenCreate issues a token and shows it once.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	u := identityFrom(r).user
	token, t, err := s.stores.Auth.CreateToken(r.Context(), u.ID, r.PostFormValue("name"))
	p, perr := s.tokensPage(r)
	if perr != nil {
		return perr
	}
	p.Form = r.PostForm
	if err != nil {
		return s.formError(w, "tokens", p, err)
	}
	s.audit(r, u, hitori.AuditTokenCreate, t.Name, t.Prefix)
	p.Data.(map[string]any)["NewToken"] = token
	s.render(w, http.StatusOK, "tokens", p)
	return nil
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) error {
	u := identityFrom(r).user
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	if err := s.stores.Auth.RevokeToken(r.Context(), u.ID, id); err != nil {
		return err
	}
	s.audit(r, u, hitori.AuditTokenRevoke, strconv.FormatInt(id, 10), "")
	http.Redirect(w, r, "/account/tokens", http.StatusSeeOther)
	return nil
}
