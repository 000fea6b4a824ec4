package web

import (
	"net/http"
	"strconv"

	"hitori"
)

// incidentPageData is what incident_page.html shows.
type incidentPageData struct {
	incidentView
	Incident *hitori.Incident
	Entries  []*hitori.IncidentEntry
	Channels map[int64]string // names, when the channels are known
}

// Channel names a channel, or shows its number.
func (d *incidentPageData) Channel(id int64) string {
	if n, ok := d.Channels[id]; ok {
		return n
	}
	return "#" + strconv.FormatInt(id, 10)
}

// incidentPage is GET /incidents/{id}: status, timeline, the ack button
// and the item it became.
func (s *Server) incidentPage(w http.ResponseWriter, r *http.Request) error {
	id, err := monitorID(r)
	if err != nil {
		return err
	}
	in, entries, err := s.stores.Incidents.FindIncident(r.Context(), id)
	if err != nil {
		return err
	}
	d := &incidentPageData{incidentView: incidentView{now: s.now()}, Incident: in, Entries: entries}
	if s.alerts != nil && s.alerts.Channels != nil {
		if d.Channels, err = s.alerts.Channels.AlertChannelNames(r.Context()); err != nil {
			return err
		}
	}
	p := s.newPage(r, incidentNav)
	p.Title = in.Title
	p.Data = d
	incidentFlash(p, r)
	s.render(w, http.StatusOK, "incident_page", p)
	return nil
}

// incidentAck is POST /incidents/{id}/ack: the signed-in staff member
// takes the incident; the escalation stops.
func (s *Server) incidentAck(w http.ResponseWriter, r *http.Request) error {
	id, err := monitorID(r)
	if err != nil {
		return err
	}
	if err := s.stores.Incidents.AcknowledgeIncident(r.Context(), id, ""); err != nil {
		return err
	}
	http.Redirect(w, r, incidentURL(id)+"?flash=acked", http.StatusSeeOther)
	return nil
}

// ackLinkConfirm is GET /ack/{token}: a page with one button. A GET
// changes nothing, because chat apps fetch links to preview them.
func (s *Server) ackLinkConfirm(w http.ResponseWriter, r *http.Request) error {
	if s.alerts == nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	if _, _, err := s.alerts.CheckAckToken(r.Context(), r.PathValue("token")); err != nil {
		return err
	}
	p := s.newPage(r, "")
	p.Title = p.T("incident.ack.title")
	p.Data = r.PathValue("token")
	s.render(w, http.StatusOK, "incident_ack", p)
	return nil
}

// ackLinkUse is POST /ack/{token}: acknowledges as the link's holder (or
// the signed-in user, named on the timeline).
func (s *Server) ackLinkUse(w http.ResponseWriter, r *http.Request) error {
	if s.alerts == nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	p := s.newPage(r, "")
	who := p.T("incident.ack.by_link")
	if u := hitori.UserFromContext(r.Context()); u != nil {
		who = u.Name + " (" + who + ")"
	}
	if _, err := s.alerts.AckByToken(r.Context(), r.PathValue("token"), who); err != nil {
		return err
	}
	p.Title = p.T("incident.ack.done")
	p.Flash = p.T("incident.ack.done")
	s.render(w, http.StatusOK, "incident_ack", p)
	return nil
}
