package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"hitori"
	"hitori/handover"
)

type renewalData struct {
	Renewals []*handover.Renewal
	Kinds    []hitori.ExpiryKind
	Selected []hitori.ExpiryKind
	Query    string
	From     hitori.Date
	Until    hitori.Date
	Today    hitori.Date
	FeedURL  string // shown once, right after a token is made
}

// Picked reports whether kind is one of the filter's kinds.
func (d *renewalData) Picked(k hitori.ExpiryKind) bool { return slices.Contains(d.Selected, k) }

// DaysLeft counts from today to r's date.
func (d *renewalData) DaysLeft(r *handover.Renewal) int { return handover.DaysBetween(d.Today, r.On) }

// renewalFilter reads ?kind=…&q=…&from=…&until=….
func renewalFilter(q url.Values) handover.RenewalFilter {
	f := handover.RenewalFilter{Query: strings.TrimSpace(q.Get("q")), From: hitori.Date(q.Get("from")), Until: hitori.Date(q.Get("until"))}
	for _, k := range q["kind"] {
		if slices.Contains(handover.RenewalKinds, hitori.ExpiryKind(k)) {
			f.Kinds = append(f.Kinds, hitori.ExpiryKind(k))
		}
	}
	return f
}

// renewalList is GET /renewals: one calendar of every date that needs a
// decision or a renewal, soonest first, filterable.
func (s *Server) renewalList(w http.ResponseWriter, r *http.Request) error {
	f := renewalFilter(r.URL.Query())
	h := s.handover()
	list, err := h.Renewals(r.Context(), f)
	if err != nil {
		return err
	}
	d := &renewalData{Renewals: list, Kinds: handover.RenewalKinds, Selected: f.Kinds, Query: f.Query,
		From: f.From, Until: f.Until, Today: h.Today()}
	if t := r.URL.Query().Get("feed"); strings.HasPrefix(t, "cal_") {
		d.FeedURL = strings.TrimRight(s.cfg.BaseURL, "/") + "/cal/" + t
	}
	s.render(w, http.StatusOK, "renewal_list", s.handoverPage(r, "handover.renewals.title", d))
	return nil
}

// renewalICS is GET /renewals.ics: the same list as an iCalendar file.
func (s *Server) renewalICS(w http.ResponseWriter, r *http.Request) error {
	return s.writeICS(w, r, renewalFilter(r.URL.Query()))
}

// renewalFeed is GET /cal/{token}: the calendar for subscription by a
// calendar app, opened by the user's secret token instead of a session.
func (s *Server) renewalFeed(w http.ResponseWriter, r *http.Request) error {
	token := strings.TrimSuffix(r.PathValue("token"), ".ics")
	u, err := s.stores.Handover.CalendarToken(r.Context(), token)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	r = r.WithContext(hitori.NewContextWithUser(r.Context(), u))
	return s.writeICS(w, r, handover.RenewalFilter{})
}

// renewalFeedToken is POST /renewals/feed: a new subscription URL for the
// signed-in user (the old one stops working).
func (s *Server) renewalFeedToken(w http.ResponseWriter, r *http.Request) error {
	u := identityFrom(r).user
	token, err := s.stores.Handover.NewCalendarToken(r.Context(), u.ID)
	if err != nil {
		return err
	}
	noStore(w)
	http.Redirect(w, r, "/renewals?feed="+url.QueryEscape(token), http.StatusSeeOther)
	return nil
}

func (s *Server) writeICS(w http.ResponseWriter, r *http.Request, f handover.RenewalFilter) error {
	list, err := s.handover().Renewals(r.Context(), f)
	if err != nil {
		return err
	}
	loc := s.localeFor(r)
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	domain := "hitori"
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		domain = u.Hostname()
	}
	cal := &handover.ICSCalendar{Name: loc.T("handover.renewals.calendar_name"), Domain: domain, Stamp: s.now()}
	for _, rn := range list {
		day, ok := rn.On.Time(time.UTC)
		if !ok {
			continue
		}
		ev := handover.ICSEvent{UID: rn.UID(), Date: day, Summary: loc.T("handover.renewal."+string(rn.Kind)) + ": " + rn.Label}
		if base != "" {
			ev.URL = base + rn.URL
		}
		cal.Events = append(cal.Events, ev)
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="renewals.ics"`)
	w.Header().Set("Cache-Control", "private, no-cache")
	_, err = cal.WriteTo(w)
	return err
}
