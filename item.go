package hitori

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ItemType separates colleagues' inquiries from the admin's own work.
type ItemType string

// Item types.
const (
	TypeTicket ItemType = "ticket" // an inquiry from a colleague
	TypeTask   ItemType = "task"   // the admin's own work: projects, maintenance, purchases
)

// Status is where a work item stands.
type Status string

// Statuses, in workflow order.
const (
	StatusNew           Status = "new"
	StatusInProgress    Status = "in_progress"
	StatusWaitRequester Status = "waiting_requester"
	StatusWaitVendor    Status = "waiting_vendor"
	StatusResolved      Status = "resolved"
	StatusClosed        Status = "closed"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusNew, StatusInProgress, StatusWaitRequester, StatusWaitVendor, StatusResolved, StatusClosed}

// Open reports whether work is still owed on an item in this status.
func (s Status) Open() bool { return s != StatusResolved && s != StatusClosed }

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// Valid reports whether t is a known item type.
func (t ItemType) Valid() bool { return t == TypeTicket || t == TypeTask }

// Source is the channel an item arrived through.
type Source string

// Channels.
const (
	SourcePortal Source = "portal"
	SourceEmail  Source = "email"
	SourceChat   Source = "chat"
	SourceWalkUp Source = "walkup"
	SourcePhone  Source = "phone"
	SourceAPI    Source = "api"
	SourceStaff  Source = "staff" // created by the admin in the app
)

// Sources lists every channel.
var Sources = []Source{SourcePortal, SourceEmail, SourceChat, SourceWalkUp, SourcePhone, SourceAPI, SourceStaff}

// Valid reports whether s is a known channel.
func (s Source) Valid() bool {
	for _, x := range Sources {
		if s == x {
			return true
		}
	}
	return false
}

// Quadrant is the Eisenhower quadrant of an item: 1 urgent and important,
// 2 important not urgent, 3 urgent not important, 4 neither.
type Quadrant int

// QuadrantOf places urgency × importance (each true when high).
func QuadrantOf(urgent, important bool) Quadrant {
	switch {
	case urgent && important:
		return 1
	case important:
		return 2
	case urgent:
		return 3
	}
	return 4
}

// Valid reports whether q is one of the four quadrants.
func (q Quadrant) Valid() bool { return q >= 1 && q <= 4 }

// Flags returns the urgency and importance that place an item in q: the
// inverse of QuadrantOf.
func (q Quadrant) Flags() (urgent, important bool) { return q == 1 || q == 3, q == 1 || q == 2 }

// Item is a work item: a ticket or a task.
type Item struct {
	ID          int64 // shown as PREFIX-ID, e.g. HD-1029
	Type        ItemType
	Title       string
	Body        string
	Status      Status
	Source      Source
	Category    string
	Kind        WorkKind // "": DefaultWorkKind on validation
	Tags        []string
	Urgent      bool
	Important   bool
	RequesterID *int64 // a user, when the requester has an account
	// RequesterName and RequesterEmail hold who asked when they have no account (e-mail in).
	RequesterName  string
	RequesterEmail string
	AssigneeID     *int64 // a staff user
	Vendor         string // an outside vendor the item waits on or is assigned to
	DueAt          *time.Time
	// SLA clock: targets computed from the category's policy in business hours.
	FirstResponseDue *time.Time
	ResolutionDue    *time.Time
	FirstRespondedAt *time.Time
	ResolvedAt       *time.Time
	MergedInto       *int64 // set when merged into another item as a duplicate
	MessageID        string // Message-ID of the e-mail that opened it, for idempotent intake
	CreatedAt        time.Time
	UpdatedAt        time.Time
	MinutesSpent     int // sum of time logged on the item
}

// Quadrant returns the item's quadrant.
func (it *Item) Quadrant() Quadrant { return QuadrantOf(it.Urgent, it.Important) }

// TagNoAck marks an item opened from mail that asked for no automatic
// answer (Precedence: bulk, a program's notice): intake sets it, and the
// work area's outbox then sends no acknowledgement. A tag, so the admin
// sees why the requester heard nothing and can filter such items.
const TagNoAck = "no-ack"

// HasTag reports whether the item carries tag.
func (it *Item) HasTag(tag string) bool {
	for _, t := range it.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// ItemKeyPrefix starts every item's display key. A constant for now; it may
// become a setting (the e-mail subject tag uses the same key).
const ItemKeyPrefix = "HD"

// ItemKey formats an item id for people: HD-1029.
func ItemKey(id int64) string { return fmt.Sprintf("%s-%d", ItemKeyPrefix, id) }

// Key returns the item's display key.
func (it *Item) Key() string { return ItemKey(it.ID) }

// ParseItemKey reads "HD-1029" (any case) or a bare "1029" back into an id.
func ParseItemKey(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if len(s) > len(ItemKeyPrefix) && strings.EqualFold(s[:len(ItemKeyPrefix)+1], ItemKeyPrefix+"-") {
		s = s[len(ItemKeyPrefix)+1:]
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// EventKind is what a timeline entry records.
type EventKind string

// Timeline entry kinds.
const (
	EventReply  EventKind = "reply"  // public: the requester sees it
	EventNote   EventKind = "note"   // internal: staff only
	EventChange EventKind = "change" // a field changed (Field, Old, New)
	EventEmail  EventKind = "email"  // a message received by e-mail (public)
)

// Event is one entry in an item's timeline.
type Event struct {
	ID        int64
	ItemID    int64
	Kind      EventKind
	AuthorID  *int64
	Author    string // display name or e-mail, kept even if the user is deleted
	Body      string
	Field     string // for changes
	Old, New  string
	Minutes   int    // time spent, logged with a reply or note
	MessageID string // for e-mail events: idempotent appends and outgoing threading
	CreatedAt time.Time
}

// FieldUnverifiedSender, as the Field of a note, marks mail threaded to an
// item (by its subject tag or references) from someone who is neither its
// requester, one who wrote on it, nor staff: kept for the admin to review,
// never shown to the requester and never reopening the item.
const FieldUnverifiedSender = "unverified_sender"

// Public reports whether a requester may see the event: replies, e-mail and
// the changes that concern them (status, title, merge); never internal notes
// or who the work is assigned to.
func (e *Event) Public() bool {
	switch e.Kind {
	case EventReply, EventEmail:
		return true
	case EventChange:
		return e.Field == "status" || e.Field == "title" || e.Field == "merged_into"
	}
	return false
}

// Limits on item fields.
const (
	MaxItemTitle     = 200
	MaxItemBody      = 256 << 10
	MaxItemTags      = 20
	MaxMinutes       = 24 * 60
	MaxItemShort     = 100 // category and vendor, in runes
	MaxMessageIDLen  = 998 // the longest header line RFC 5322 allows
	MaxItemEventList = 5000
)

// Validate checks and normalises an item before it is stored: trims text,
// defaults the type to ticket, and drops empty and repeated tags. Status and
// Source must be set (the store sets them on create).
func (it *Item) Validate() error {
	it.Title = strings.TrimSpace(it.Title)
	it.Category = strings.TrimSpace(it.Category)
	it.Vendor = strings.TrimSpace(it.Vendor)
	it.RequesterName = strings.TrimSpace(it.RequesterName)
	it.RequesterEmail = NormalizeEmail(it.RequesterEmail)
	it.MessageID = strings.TrimSpace(it.MessageID)
	if it.Type == "" {
		it.Type = TypeTicket
	}
	if it.Kind == "" {
		it.Kind = DefaultWorkKind(it.Type, it.Source)
	}
	if err := CheckTexts("title", it.Title, "body", it.Body, "category", it.Category, "vendor", it.Vendor,
		"requester_name", it.RequesterName, "requester_email", it.RequesterEmail, "message_id", it.MessageID); err != nil {
		return err
	}
	switch {
	case !it.Type.Valid():
		return FieldError("type", "error.invalid")
	case it.Title == "":
		return FieldError("title", "error.required")
	case utf8.RuneCountInString(it.Title) > MaxItemTitle:
		return FieldError("title", "error.too_long")
	case len(it.Body) > MaxItemBody:
		return FieldError("body", "error.too_long")
	case !it.Status.Valid():
		return FieldError("status", "error.invalid")
	case !it.Source.Valid():
		return FieldError("source", "error.invalid")
	case !it.Kind.Valid():
		return FieldError("kind", "error.invalid")
	case utf8.RuneCountInString(it.Category) > MaxItemShort:
		return FieldError("category", "error.too_long")
	case utf8.RuneCountInString(it.Vendor) > MaxItemShort:
		return FieldError("vendor", "error.too_long")
	case utf8.RuneCountInString(it.RequesterName) > MaxNameLen:
		return FieldError("requester_name", "error.too_long")
	case len(it.RequesterEmail) > MaxEmailLen:
		return FieldError("requester_email", "error.too_long")
	case len(it.MessageID) > MaxMessageIDLen:
		return FieldError("message_id", "error.too_long")
	}
	tags, err := normalizeItemTags(it.Tags)
	it.Tags = tags
	return err
}

// normalizeItemTags trims tags and drops empty and repeated ones.
func normalizeItemTags(in []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, t := range in {
		t = strings.TrimSpace(t)
		if t == "" || seen[t] {
			continue
		}
		if err := CheckText("tags", t); err != nil {
			return nil, err
		}
		if utf8.RuneCountInString(t) > MaxTagLen || strings.ContainsAny(t, "\n\r") {
			return nil, FieldError("tags", "error.invalid")
		}
		seen[t] = true
		out = append(out, t)
	}
	if len(out) > MaxItemTags {
		return nil, FieldError("tags", "error.item_too_many_tags")
	}
	return out, nil
}

// CheckItemAccess refuses users who may not see work items at all: viewers
// (management reads reports, not colleagues' inquiries) and disabled accounts.
// A nil user is the system (command line, e-mail intake) and may do anything.
func CheckItemAccess(u *User) error {
	if u != nil && (u.Disabled || !u.Role.IsStaff() && u.Role != RoleRequester) {
		return KeyError(EFORBIDDEN, "error.forbidden")
	}
	return nil
}

// VisibleTo reports whether u may see the item: the system and staff see
// every item, requesters only those they asked.
func (it *Item) VisibleTo(u *User) bool {
	if CheckItemAccess(u) != nil {
		return false
	}
	return u == nil || u.Role.IsStaff() || it.RequesterID != nil && *it.RequesterID == u.ID
}

// ItemCountCap is where counting a text query's matches stops (see
// ItemService.FindItems): a common word matches tens of thousands of items,
// and nobody pages through more than a thousand.
const ItemCountCap = 1000

// ItemPage is one page of a list (ItemService.ListPage) and its total:
// exactly Total items, or, when More is set, more than Total.
type ItemPage struct {
	Items []*Item
	Total int
	More  bool
}

// ItemBoard is the open work at a glance (ItemService.Board): quadrants in
// the "next" order (SLA risk, then age).
type ItemBoard struct {
	Counts map[Quadrant]int     // all four present
	Top    map[Quadrant][]*Item // the first items of each quadrant
	Next   []*Item              // the first of the "next" queue
}

// ItemFilter selects items; zero fields do not filter.
type ItemFilter struct {
	Query       string // in the title or body, ignoring case; "HD-12" also finds item 12
	Type        ItemType
	Statuses    []Status
	OpenOnly    bool
	Quadrant    Quadrant
	AssigneeID  *int64 // a pointer to 0 selects unassigned items
	RequesterID *int64 // 0: no account; requesters are always held to their own items by the store
	Category    string
	Tag         string
	// Sort: "next" (open items only, by quadrant, then SLA risk, then age),
	// "created" (newest first, the default), "updated" (latest activity first),
	// "due" (earliest due date first, items without one last).
	Sort   string
	Offset int
	Limit  int
}

// ItemUpdate holds optional changes; each change becomes a timeline entry
// (EventChange with Field named as in the JSON API: title, status, category,
// kind, tags, urgent, important, assignee_id, vendor, due_at). Old and New hold the
// values as text: ids in decimal, booleans as true/false, times in RFC 3339,
// tags joined with ", "; an empty string means none.
type ItemUpdate struct {
	Title      *string
	Status     *Status
	Category   *string
	Kind       *WorkKind
	Tags       *[]string
	Urgent     *bool
	Important  *bool
	AssigneeID **int64
	Vendor     *string
	DueAt      **time.Time
}

// ItemService stores work items and their timelines. It checks the user in
// the context (see CheckItemAccess and Item.VisibleTo): no user is the system
// and may do anything; staff may do anything; requesters create items for
// themselves, see only their own (others' are ENOTFOUND) and add public
// replies to them; viewers get EFORBIDDEN.
type ItemService interface {
	// CreateItem validates it, sets Status new and the timestamps, and fills
	// RequesterName/Email from the requester's account when blank. A
	// MessageID already stored returns ECONFLICT (idempotent e-mail intake).
	CreateItem(ctx context.Context, it *Item) error
	// FindItemByID returns an item, merged ones included (see MergedInto).
	FindItemByID(ctx context.Context, id int64) (*Item, error)
	// FindItemByMessageID returns the item a Message-ID belongs to: the mail
	// that opened it, or any event's (received or sent). Merged duplicates'
	// messages lead to the item they were merged into.
	FindItemByMessageID(ctx context.Context, messageID string) (*Item, error)
	// FindItems lists one page of items and the total count of the filter.
	// With a text query the count stops at ItemCountCap+1: a total above
	// ItemCountCap means "more than ItemCountCap".
	FindItems(ctx context.Context, f ItemFilter) ([]*Item, int, error)
	// ListItems lists one page of items like FindItems without counting
	// them: for pages that know the counts already (the board).
	ListItems(ctx context.Context, f ItemFilter) ([]*Item, error)
	// ListPage lists one page of items and as much of their total as is
	// cheap to know (the work list): without a text query, or when the
	// text index counts the matches alone, the total FindItems gives; else
	// the page is read first, one item longer than shown, and either ends
	// the list (the total is exact) or says there are more than the pages
	// so far. Counting every match of a two-letter word or of a word the
	// index only narrows cost more than a whole page.
	ListPage(ctx context.Context, f ItemFilter) (ItemPage, error)
	// CountItemsByQuadrant counts the items of f per quadrant (the board's
	// four boxes); f's Quadrant, Sort and paging are ignored.
	CountItemsByQuadrant(ctx context.Context, f ItemFilter) (map[Quadrant]int, error)
	// Board returns the open items of f (its assignee narrows them; its
	// quadrant, sort and paging are ignored) at a glance: the count per
	// quadrant, each quadrant's first top items and the first next items of
	// the "next" queue, in two queries however many items are open.
	Board(ctx context.Context, f ItemFilter, top, next int) (*ItemBoard, error)
	// UpdateItem applies upd (staff only) and records one EventChange per
	// changed field in the same transaction. Status resolved sets ResolvedAt;
	// reopening clears it.
	UpdateItem(ctx context.Context, id int64, upd ItemUpdate) (*Item, error)
	// AddEvent appends a reply, note or e-mail with optional minutes (added to
	// MinutesSpent). The first reply by staff sets FirstRespondedAt; a
	// requester's reply moves an item waiting for them (or resolved) back to
	// in progress. A MessageID already stored returns ECONFLICT. Author
	// fields come from the user in the context; the system may set them.
	AddEvent(ctx context.Context, e *Event) error
	// FindEvents returns the timeline oldest first (at most MaxItemEventList);
	// requesters get public events only.
	FindEvents(ctx context.Context, itemID int64) ([]*Event, error)
	// MergeItems closes duplicateID as merged into intoID (staff only): both
	// timelines record it, and later mail in the duplicate's thread goes to intoID.
	MergeItems(ctx context.Context, duplicateID, intoID int64) error
}
