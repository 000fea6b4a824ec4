package web

// standinRoutes is the absence mode: the administrator's grants, the
// stand-in's sign-in link, and the stand-in's own read-only room. A
// stand-in's session passes no other route (mayUse), so what they see is
// exactly what these pages show.
func (s *Server) standinRoutes() []route {
	return []route{
		{"GET /admin/standins", adminOnly, s.standinAdmin, false},
		{"POST /admin/standins", adminOnly, s.standinGrant, false},
		{"POST /admin/standins/{id}/link", adminOnly, s.standinNewLink, false},
		{"POST /admin/standins/{id}/revoke", adminOnly, s.standinRevoke, false},

		{"GET /standin/link/{token}", public, s.standinLinkConfirm, false},
		{"POST /standin/link/{token}", public, s.standinLinkUse, false},

		{"GET /standin", standIn, s.standinHome, false},
		{"GET /standin/kb/{id}", standIn, s.standinRunbook, false},
		{"GET /standin/vault/{id}", standIn, s.standinEntry, false},
		{"POST /standin/vault/{id}/reveal", standIn, s.standinReveal, false},
		{"POST /standin/logout", standIn, s.standinLogout, false},
	}
}
