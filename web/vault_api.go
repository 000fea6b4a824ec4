package web

import (
	"encoding/json"
	"net/http"

	"hitori"
	"hitori/vault"
)

// secretJSON is the body of POST /api/v1/secrets.
type secretJSON struct {
	System   string `json:"system"`
	URL      string `json:"url"`
	Username string `json:"username"`
	Password string `json:"password"`
	Notes    string `json:"notes"`
	TOTP     string `json:"totp"`
}

// apiSecretCreate is POST /api/v1/secrets → {"id"}.
func (s *Server) apiSecretCreate(w http.ResponseWriter, r *http.Request) error {
	var in secretJSON
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.json_invalid")
	}
	id, err := s.vault.Create(r.Context(), vaultActor(r), vault.EntryInput{System: in.System, URL: in.URL,
		Username: in.Username, Password: &in.Password, Notes: &in.Notes, TOTP: &in.TOTP})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"id": id})
	return nil
}

// apiSecretReveal is POST /api/v1/secrets/{id}/reveal → the decrypted
// entry; recorded in the vault's audit log before it is answered.
func (s *Server) apiSecretReveal(w http.ResponseWriter, r *http.Request) error {
	sec, err := s.vault.Reveal(r.Context(), vaultActor(r), r.PathValue("id"), hitori.VaultAuditReveal)
	if err != nil {
		return err
	}
	noStore(w)
	writeJSON(w, http.StatusOK, sec)
	return nil
}
