package web

import (
	"net/http"

	"hitori"
)

// readinessPage is GET /readiness: the score of each system and overall,
// and the gaps, most critical first, each a link to the page that fixes it.
func (s *Server) readinessPage(w http.ResponseWriter, r *http.Request) error {
	ready, err := s.handover().Readiness(r.Context())
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "readiness", s.handoverPage(r, "handover.readiness.title", ready))
	return nil
}

// homeReadiness is the dashboard's readiness block for staff (nil for
// others, or when it cannot be read: the home page still shows).
func (s *Server) homeReadiness(r *http.Request) *hitori.Readiness {
	u := identityFrom(r).user
	if u == nil || !u.Role.IsStaff() {
		return nil
	}
	ready, err := s.handover().Readiness(r.Context())
	if err != nil {
		s.log.Error("home: readiness", "request_id", requestID(r), "err", err)
		return nil
	}
	if len(ready.Gaps) > 5 {
		ready.Gaps = ready.Gaps[:5]
	}
	return ready
}
