package web

import "net/http"

// portalResolve is POST /portal/items/{id}/resolve: "this is solved" on my
// own item. The rule (my item, still open) is work.Service.ResolveMine's;
// the page asks for confirmation first (data-confirm).
func (s *Server) portalResolve(w http.ResponseWriter, r *http.Request) error {
	p, err := s.portalPage(r, "portal.title")
	if err != nil {
		return err
	}
	it, err := s.portalItemFor(r, p.User)
	if err != nil {
		return err
	}
	if _, err := s.work.ResolveMine(r.Context(), it.ID); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL(portalItemURL(it.ID), "resolved"), http.StatusSeeOther)
	return nil
}
