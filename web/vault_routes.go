package web

import (
	"net/http"

	"hitori"
	"hitori/vault"
)

// vaultNav is the vault's menu entry.
const vaultNav = "vault"

// vaultRoutes are the credential vault's pages and API. Reading is open to
// every signed-in user because entries may be shared with any user or
// role; the service shows each user only what is shared with them.
// Changes are for administrators. The recovery page is public: when no
// administrator is left, the emergency shares are the only authority.
func (s *Server) vaultRoutes() []route {
	return []route{
		{"GET /vault", signedIn, s.vaultList, false},
		{"GET /vault/new", adminOnly, s.vaultNew, false},
		{"POST /vault", adminOnly, s.vaultCreate, false},
		{"GET /vault/{id}", signedIn, s.vaultView, false},
		{"POST /vault/{id}/reveal", signedIn, s.vaultReveal, false},
		{"GET /vault/{id}/edit", adminOnly, s.vaultEdit, false},
		{"POST /vault/{id}", adminOnly, s.vaultUpdate, false},
		{"GET /vault/{id}/delete", adminOnly, s.vaultDeleteForm, false},
		{"POST /vault/{id}/delete", adminOnly, s.vaultDelete, false},
		{"POST /vault/{id}/files", adminOnly, s.vaultFileAdd, false},
		{"POST /vault/{id}/files/{fid}", signedIn, s.vaultFileOpen, false},
		{"POST /vault/{id}/files/{fid}/delete", adminOnly, s.vaultFileDelete, false},
		{"GET /vault/audit", adminOnly, s.vaultAudit, false},
		{"GET /vault/unlock", adminOnly, s.vaultUnlockForm, false},
		{"POST /vault/unlock", adminOnly, s.vaultUnlock, false},
		{"GET /vault/recover", public, s.vaultRecoverForm, false},
		{"POST /vault/recover", public, s.vaultRecover, false},

		{"POST /api/v1/secrets", adminOnly, s.apiSecretCreate, true},
		{"POST /api/v1/secrets/{id}/reveal", signedIn, s.apiSecretReveal, true},
	}
}

// vaultActor is who acts in a request, for the vault's audit log.
func vaultActor(r *http.Request) vault.Actor {
	return vault.Actor{User: hitori.UserFromContext(r.Context()), Remote: clientIP(r)}
}

func (s *Server) vaultPage(r *http.Request, titleKey string) *page {
	p := s.newPage(r, vaultNav)
	p.Title = p.T(titleKey)
	return p
}

// noStore keeps a page that shows a secret out of every cache and history.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
}
