package status

import (
	"context"
	"strconv"
	"strings"
	"unicode"

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
	// Users finds the requester's account, whose language the built-in
	// reply follows; nil: the language is guessed from the inquiry.
	Users interface {
		FindUserByID(ctx context.Context, id int64) (*hitori.User, error)
	}
	Jobs interface {
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
	lang, err := d.requesterLang(ctx, it)
	if err != nil {
		return nil, err
	}
	reply := &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: set.Reply(lang, in.Title)}
	if err := d.Items.AddEvent(ctx, reply); err != nil {
		return nil, err
	}
	if d.Mail && d.Jobs != nil {
		return in, d.Jobs.Enqueue(ctx, work.ReplyNoticeJob(it.ID, reply.ID))
	}
	return in, nil
}

// requesterLang is the language the requester reads: their account's, or,
// for mail from someone without one, the inquiry's own (TextLang).
func (d *Deflector) requesterLang(ctx context.Context, it *hitori.Item) (string, error) {
	if it.RequesterID != nil && d.Users != nil {
		u, err := d.Users.FindUserByID(ctx, *it.RequesterID)
		if err == nil {
			return u.Lang, nil
		}
		if hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return "", err
		}
	}
	return TextLang(it.Title + "\n" + it.Body), nil
}

// TextLang guesses the language of an inquiry: "ja" when it has any kana or
// kanji (Japanese mail often quotes English error messages), else "en".
func TextLang(text string) string {
	for _, r := range text {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return "ja"
		}
	}
	if strings.TrimSpace(text) == "" {
		return "ja"
	}
	return "en"
}

// OnCreated is the intake pipeline's hook: mail that opened a new ticket
// is deflected like a portal item. Errors are the caller's to log.
func (d *Deflector) OnCreated(ctx context.Context, itemID int64) error {
	_, err := d.Deflect(ctx, itemID)
	return err
}
