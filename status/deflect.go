package status

import (
	"context"
	"strconv"
	"strings"

	"hitori"
	"hitori/work"
)

// IncidentTag marks an inquiry linked to an incident: "incident-12". The
// board can filter by it, and the admin sees why the colleague was
// answered at once.
func IncidentTag(incidentID int64) string { return "incident-" + strconv.FormatInt(incidentID, 10) }

// Deflector links new inquiries about an open incident to it and answers
// them. It acts as the system (no user in the context).
type Deflector struct {
	Incidents hitori.IncidentReader
	Settings  hitori.SettingService
	Items     hitori.ItemService
	Jobs      interface {
		Enqueue(ctx context.Context, j *hitori.Job) error
	}
	// Mail is true where notices can be sent: the reply then also goes by
	// e-mail; otherwise the colleague reads it on the portal.
	Mail bool
}

// Deflect looks at a new item: when it is a colleague's ticket that
// mentions an open incident, it tags it with the incident, notes the link
// (with the incident's work item) for the staff, and — when the automatic
// reply is on — answers it with the configured text. It returns the
// incident, or nil when the item is about none. An item already linked is
// left alone, so calling it twice does no harm.
func (d *Deflector) Deflect(ctx context.Context, itemID int64) (*hitori.Incident, error) {
	ctx = hitori.NewContextWithUser(ctx, nil)
	incs, err := d.Incidents.OpenIncidents(ctx)
	if err != nil || len(incs) == 0 {
		return nil, err
	}
	it, err := d.Items.FindItemByID(ctx, itemID)
	if err != nil {
		return nil, err
	}
	if it.Type != hitori.TypeTicket || !it.Status.Open() {
		return nil, nil
	}
	set, err := Load(ctx, d.Settings)
	if err != nil {
		return nil, err
	}
	in := Match(incs, set.Keywords, it.Title+"\n"+it.Body)
	if in == nil || it.HasTag(IncidentTag(in.ID)) {
		return nil, nil
	}
	tags := append(append([]string{}, it.Tags...), IncidentTag(in.ID))
	if _, err := d.Items.UpdateItem(ctx, it.ID, hitori.ItemUpdate{Tags: &tags}); err != nil {
		return nil, err
	}
	note := "⚠ " + in.Title
	if in.ItemID != 0 {
		note += " → " + hitori.ItemKey(in.ItemID)
	}
	if err := d.Items.AddEvent(ctx, &hitori.Event{ItemID: it.ID, Kind: hitori.EventNote, Body: note}); err != nil {
		return nil, err
	}
	if !set.AutoReply {
		return in, nil
	}
	reply := &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: strings.ReplaceAll(set.ReplyText, "{incident}", in.Title)}
	if err := d.Items.AddEvent(ctx, reply); err != nil {
		return nil, err
	}
	if d.Mail && d.Jobs != nil {
		return in, d.Jobs.Enqueue(ctx, work.ReplyNoticeJob(it.ID, reply.ID))
	}
	return in, nil
}

// OnCreated is the intake pipeline's hook: mail that opened a new ticket
// is deflected like a portal item. Errors are the caller's to log.
func (d *Deflector) OnCreated(ctx context.Context, itemID int64) error {
	_, err := d.Deflect(ctx, itemID)
	return err
}
