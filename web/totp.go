package web

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http"

	"hitori"
	"hitori/auth"
)

// totpForm shows the pending secret of an enrolment as a QR code and text,
// starting one when there is none. The secret stays on the server (sealed,
// see hitori.Sealer): the form posts only a code, so no secret of the
// browser's choosing can be enabled.
func (s *Server) totpForm(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "account")
	p.Title = p.T("totp.title")
	if p.User.TOTPEnabled {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return nil
	}
	secret, err := s.stores.Auth.PendingTOTP(r.Context(), p.User.ID)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		secret, err = s.beginTOTP(r, p.User)
	}
	if err != nil {
		return err
	}
	return s.renderTOTP(w, r, p, secret)
}

// beginTOTP generates a 160-bit secret and keeps it as the pending one.
func (s *Server) beginTOTP(r *http.Request, u *hitori.User) (string, error) {
	key, err := auth.NewTOTPSecret("hitori", u.Email)
	if err != nil {
		return "", err
	}
	return key.Secret(), s.stores.Auth.BeginTOTP(r.Context(), u.ID, key.Secret())
}

func (s *Server) renderTOTP(w http.ResponseWriter, r *http.Request, p *page, secret string) error {
	key, err := auth.TOTPKey("hitori", p.User.Email, secret)
	if err != nil {
		return err
	}
	img, err := key.Image(200, 200)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	// Typed template.URL: html/template blocks a data: URL passed as a
	// string (it renders #ZgotmplZ). We built this one from our own PNG.
	qr := template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
	p.Data = map[string]any{"Secret": secret, "QR": qr, "URL": key.URL()}
	status := http.StatusOK
	if len(p.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, status, "totp", p)
	return nil
}

// totpEnable asks for the password again (a borrowed signed-in browser
// must not bind its own authenticator) and a code from the pending secret.
func (s *Server) totpEnable(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "account")
	p.Title = p.T("totp.title")
	secret, err := s.stores.Auth.PendingTOTP(r.Context(), p.User.ID)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		http.Redirect(w, r, "/account/2fa", http.StatusSeeOther) // enabled meanwhile, or never started
		return nil
	} else if err != nil {
		return err
	}
	if _, err := s.stores.Auth.Authenticate(r.Context(), p.User.Email, r.PostFormValue("current"), clientIP(r)); err != nil {
		p.Errors["current"] = p.T("error.password_wrong")
		return s.renderTOTP(w, r, p, secret)
	}
	codes, err := s.stores.Auth.EnableTOTP(r.Context(), p.User.ID, r.PostFormValue("code"))
	if e, ok := hitori.AsError(err); ok && e.Code == hitori.EINVALID {
		p.Errors["code"] = p.T(e.Key)
		return s.renderTOTP(w, r, p, secret)
	} else if err != nil {
		return err
	}
	s.audit(r, p.User, hitori.AuditTOTPEnable, p.User.Email, "")
	p.Data = map[string]any{"Codes": codes}
	s.render(w, http.StatusOK, "totp_codes", p)
	return nil
}

func (s *Server) totpDisable(w http.ResponseWriter, r *http.Request) error {
	id := identityFrom(r)
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	if _, err := s.stores.Auth.Authenticate(r.Context(), id.user.Email, r.PostFormValue("current"), clientIP(r)); err != nil {
		return s.formError(w, "account", p, hitori.FieldError("current_2fa", "error.password_wrong"))
	}
	if err := s.stores.Auth.DisableTOTP(r.Context(), id.user.ID); err != nil {
		return err
	}
	s.audit(r, id.user, hitori.AuditTOTPDisable, id.user.Email, "")
	http.Redirect(w, r, "/account?flash=flash.totp_disabled", http.StatusSeeOther)
	return nil
}
