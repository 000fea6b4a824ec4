package web

import (
	"errors"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/vault"
)

// vaultAudit is GET /vault/audit: the hash-chained log, newest page last,
// with the chain checked on every view.
func (s *Server) vaultAudit(w http.ResponseWriter, r *http.Request) error {
	p := s.vaultPage(r, "vault.audit.title")
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	recs, err := s.vault.Audit(r.Context(), vaultActor(r), max(after, 0), 200)
	if err != nil {
		return err
	}
	n, brk, err := s.vault.VerifyAudit(r.Context())
	if err != nil {
		return err
	}
	next := int64(0)
	if len(recs) == 200 {
		next = recs[len(recs)-1].Seq
	}
	p.Data = map[string]any{"Records": recs, "Count": n, "Break": brk, "Next": next}
	s.render(w, http.StatusOK, "vault_audit", p)
	return nil
}

// vaultUnlockForm is GET /vault/unlock.
func (s *Server) vaultUnlockForm(w http.ResponseWriter, r *http.Request) error {
	p := s.vaultPage(r, "vault.unlock.title")
	st, err := s.vault.Status(r.Context())
	if err != nil {
		return err
	}
	p.Data = st
	s.render(w, http.StatusOK, "vault_unlock", p)
	return nil
}

// vaultUnlock is POST /vault/unlock: the passphrase opens the vault in this
// process until it restarts.
func (s *Server) vaultUnlock(w http.ResponseWriter, r *http.Request) error {
	ip := clientIP(r)
	p := s.vaultPage(r, "vault.unlock.title")
	st, _ := s.vault.Status(r.Context())
	p.Data = st
	if !s.throttle.allow(ip) {
		return s.formError(w, "vault_unlock", p, hitori.KeyError(hitori.ETOOMANY, "error.throttled"))
	}
	if err := s.vault.Unlock(r.Context(), vaultActor(r), r.PostFormValue("passphrase")); err != nil {
		s.throttle.fail(ip)
		return s.formError(w, "vault_unlock", p, err)
	}
	http.Redirect(w, r, "/vault", http.StatusSeeOther)
	return nil
}

// vaultRecoverForm is GET /vault/recover: usable by anyone holding shares,
// signed in or not.
func (s *Server) vaultRecoverForm(w http.ResponseWriter, r *http.Request) error {
	p := s.vaultPage(r, "vault.recover.title")
	s.render(w, http.StatusOK, "vault_recover", p)
	return nil
}

// vaultRecover is POST /vault/recover: the share codes (one per line) open
// the vault, which is re-keyed at once; a new administrator account is
// then created — required, since the point is that nobody can sign in.
func (s *Server) vaultRecover(w http.ResponseWriter, r *http.Request) error {
	ip := clientIP(r)
	p := s.vaultPage(r, "vault.recover.title")
	p.Form = maps.Clone(r.PostForm)
	p.Form.Del("password") // never echoed back
	if !s.throttle.allow(ip) {
		return s.formError(w, "vault_recover", p, hitori.KeyError(hitori.ETOOMANY, "error.throttled"))
	}
	admin := &hitori.User{Email: hitori.NormalizeEmail(r.PostFormValue("email")), Name: strings.TrimSpace(r.PostFormValue("name")), Role: hitori.RoleAdmin}
	if admin.Name == "" {
		admin.Name = admin.Email
	}
	password := r.PostFormValue("password")
	if err := admin.Validate(); err != nil {
		return s.formError(w, "vault_recover", p, err)
	}
	if err := hitori.ValidatePassword(password); err != nil {
		return s.formError(w, "vault_recover", p, err)
	}
	var shares []vault.Share
	for i, line := range strings.Split(r.PostFormValue("shares"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		sh, err := vault.ParseShareCode(line)
		if err != nil {
			var typo vault.ErrShareTypo
			if errors.As(err, &typo) {
				p.Errors["shares"] = p.T("vault.recover.typo", i+1, typo.Group)
			} else {
				p.Errors["shares"] = p.T("vault.recover.bad_line", i+1)
			}
			s.render(w, http.StatusUnprocessableEntity, "vault_recover", p)
			return nil
		}
		shares = append(shares, sh)
	}
	if err := s.vault.Recover(r.Context(), vault.RecoveryPage(ip), shares); err != nil {
		var se *vault.ShareError
		if !errors.As(err, &se) {
			return err
		}
		s.throttle.fail(ip)
		p.Errors["shares"] = p.T("vault.recover.failed") + " " + se.Reason
		s.render(w, http.StatusUnprocessableEntity, "vault_recover", p)
		return nil
	}
	if err := s.stores.Users.CreateUser(r.Context(), admin, password); err != nil {
		p.Errors["_"] = p.T("vault.recover.admin_failed")
		return s.formError(w, "vault_recover", p, err)
	}
	_ = s.vault.Store.AppendVaultAudit(r.Context(), vault.RecoveryPage(ip).Record(hitori.VaultAuditNewAdmin, "new administrator "+admin.Email), nil)
	s.audit(r, nil, hitori.AuditUserCreate, admin.Email, "vault recovery")
	p.Flash = p.T("vault.recover.done", admin.Email)
	p.Data = true
	s.render(w, http.StatusOK, "vault_recover", p)
	return nil
}
