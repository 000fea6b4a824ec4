package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// itemAPIRoutes are the work-item JSON API. Every signed-in user reaches
// them; the store decides per item (requesters: their own; viewers: none).
func (s *Server) itemAPIRoutes() []route {
	return []route{
		{"GET /api/v1/items", signedIn, s.apiItems, true},
		{"POST /api/v1/items", signedIn, s.apiItemCreate, true},
		{"GET /api/v1/items/{id}", signedIn, s.apiItem, true},
		{"PATCH /api/v1/items/{id}", signedIn, s.apiItemUpdate, true},
		{"POST /api/v1/items/{id}/replies", signedIn, s.apiItemReply, true},
	}
}

// maxItemJSON bounds request bodies: an item body is at most 256 KiB, and
// JSON escaping can inflate Japanese text up to six times over.
const maxItemJSON = 1 << 20

// itemService returns the item store, refusing at once users who may not see
// items at all, so a viewer gets 403 before their request body is read.
func (s *Server) itemService(r *http.Request) (hitori.ItemService, error) {
	if err := hitori.CheckItemAccess(hitori.UserFromContext(r.Context())); err != nil {
		return nil, err
	}
	return s.stores.Items, nil
}

// apiItems is GET /api/v1/items?q=&status=a,b&type=&quadrant=&assignee=&open=&sort=&page=&limit=.
func (s *Server) apiItems(w http.ResponseWriter, r *http.Request) error {
	items, err := s.itemService(r)
	if err != nil {
		return err
	}
	f, page, err := itemFilterFrom(r)
	if err != nil {
		return err
	}
	list, total, err := items.FindItems(r.Context(), f)
	if err != nil {
		return err
	}
	out := itemListJSON{Items: make([]itemJSON, 0, len(list)), Total: min(total, hitori.ItemCountCap), TotalCapped: total > hitori.ItemCountCap,
		Page: page, Limit: f.Limit}
	for _, it := range list {
		out.Items = append(out.Items, toItemJSON(it))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiItemCreate is POST /api/v1/items: 201 with the item, 422 naming bad fields.
func (s *Server) apiItemCreate(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.itemService(r); err != nil {
		return err
	}
	var in itemCreateJSON
	if err := decodeItemJSON(w, r, &in); err != nil {
		return err
	}
	due, err := parseItemTime("due_at", in.DueAt)
	if err != nil {
		return err
	}
	it := &hitori.Item{Type: hitori.ItemType(in.Type), Title: in.Title, Body: in.Body, Source: hitori.Source(in.Source),
		Category: in.Category, Kind: hitori.WorkKind(in.Kind), Tags: in.Tags, Urgent: in.Urgent, Important: in.Important, RequesterID: in.RequesterID,
		RequesterName: in.RequesterName, RequesterEmail: in.RequesterEmail, AssigneeID: in.AssigneeID, Vendor: in.Vendor, DueAt: due}
	if it.Source == "" {
		it.Source = hitori.SourceAPI
	}
	if err := s.work.Open(r.Context(), it); err != nil { // SLA due times, as on every channel
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/items/%d", it.ID))
	writeJSON(w, http.StatusCreated, toItemJSON(it))
	return nil
}

// apiItem is GET /api/v1/items/{id}: the item and its timeline (public
// entries only for requesters).
func (s *Server) apiItem(w http.ResponseWriter, r *http.Request) error {
	items, err := s.itemService(r)
	if err != nil {
		return err
	}
	id, err := pathItemID(r)
	if err != nil {
		return err
	}
	it, err := items.FindItemByID(r.Context(), id)
	if err != nil {
		return err
	}
	evs, err := items.FindEvents(r.Context(), id)
	if err != nil {
		return err
	}
	out := itemDetailJSON{itemJSON: toItemJSON(it), Events: make([]itemEventJSON, 0, len(evs))}
	for _, e := range evs {
		out.Events = append(out.Events, toItemEventJSON(e))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiItemUpdate is PATCH /api/v1/items/{id}: only the fields sent change;
// null clears assignee_id and due_at.
func (s *Server) apiItemUpdate(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.itemService(r); err != nil { // 403 before the body is read
		return err
	}
	id, err := pathItemID(r)
	if err != nil {
		return err
	}
	var raw map[string]json.RawMessage
	if err := decodeItemJSON(w, r, &raw); err != nil {
		return err
	}
	upd, err := itemUpdateFrom(raw)
	if err != nil {
		return err
	}
	it, err := s.work.Update(r.Context(), id, upd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toItemJSON(it))
	return nil
}

// apiItemReply is POST /api/v1/items/{id}/replies {"body","internal","minutes"}:
// a public reply, or an internal note when internal is true.
func (s *Server) apiItemReply(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.itemService(r); err != nil { // 403 before the body is read
		return err
	}
	id, err := pathItemID(r)
	if err != nil {
		return err
	}
	var in struct {
		Body     string `json:"body"`
		Internal bool   `json:"internal"`
		Minutes  int    `json:"minutes"`
	}
	if err := decodeItemJSON(w, r, &in); err != nil {
		return err
	}
	e := &hitori.Event{ItemID: id, Kind: hitori.EventReply, Body: in.Body, Minutes: in.Minutes}
	if in.Internal {
		e.Kind = hitori.EventNote
	}
	if err := s.work.Reply(r.Context(), e, ""); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toItemEventJSON(e))
	return nil
}

// itemFilterFrom reads the list's query parameters; page is 1-based.
func itemFilterFrom(r *http.Request) (hitori.ItemFilter, int, error) {
	q := r.URL.Query()
	f := hitori.ItemFilter{Query: q.Get("q"), Type: hitori.ItemType(q.Get("type")), Category: q.Get("category"),
		Tag: q.Get("tag"), Sort: q.Get("sort"), OpenOnly: q.Get("open") == "1" || q.Get("open") == "true"}
	for _, st := range strings.Split(q.Get("status"), ",") {
		if st = strings.TrimSpace(st); st != "" {
			f.Statuses = append(f.Statuses, hitori.Status(st))
		}
	}
	var quadrant, page int
	var err error
	if quadrant, err = itemIntParam(q.Get("quadrant"), "quadrant", 1, 4, 0); err != nil {
		return f, 0, err
	}
	if page, err = itemIntParam(q.Get("page"), "page", 1, 1_000_000, 1); err != nil {
		return f, 0, err
	}
	if f.Limit, err = itemIntParam(q.Get("limit"), "limit", 1, 500, 50); err != nil {
		return f, 0, err
	}
	f.Quadrant, f.Offset = hitori.Quadrant(quadrant), (page-1)*f.Limit
	if f.AssigneeID, err = itemUserParam(r, "assignee"); err != nil {
		return f, 0, err
	}
	if f.RequesterID, err = itemUserParam(r, "requester"); err != nil {
		return f, 0, err
	}
	return f, page, nil
}

// itemIntParam reads an optional integer query parameter within [min, max].
func itemIntParam(v, name string, min, max, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, hitori.FieldError(name, "error.invalid")
	}
	return n, nil
}

// itemUserParam reads a user id parameter: an id, "me", or "none" (0: nobody,
// for the unassigned queue).
func itemUserParam(r *http.Request, name string) (*int64, error) {
	var id int64
	switch v := r.URL.Query().Get(name); v {
	case "":
		return nil, nil // absent: no filter
	case "none":
	case "me":
		id = hitori.UserFromContext(r.Context()).ID
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return nil, hitori.FieldError(name, "error.invalid")
		}
		id = n
	}
	return &id, nil
}

// itemUpdateFrom turns a PATCH body into an ItemUpdate; unknown names are 422.
func itemUpdateFrom(raw map[string]json.RawMessage) (hitori.ItemUpdate, error) {
	var upd hitori.ItemUpdate
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	slices.Sort(names) // report the same field first every time
	for _, k := range names {
		v := raw[k]
		if string(v) == "null" && k != "assignee_id" && k != "due_at" {
			return upd, hitori.FieldError(k, "error.invalid")
		}
		var err error
		switch k {
		case "title":
			upd.Title = new(string)
			err = json.Unmarshal(v, upd.Title)
		case "status":
			upd.Status = new(hitori.Status)
			err = json.Unmarshal(v, upd.Status)
		case "category":
			upd.Category = new(string)
			err = json.Unmarshal(v, upd.Category)
		case "kind":
			upd.Kind = new(hitori.WorkKind)
			err = json.Unmarshal(v, upd.Kind)
		case "tags":
			upd.Tags = new([]string)
			err = json.Unmarshal(v, upd.Tags)
		case "urgent":
			upd.Urgent = new(bool)
			err = json.Unmarshal(v, upd.Urgent)
		case "important":
			upd.Important = new(bool)
			err = json.Unmarshal(v, upd.Important)
		case "vendor":
			upd.Vendor = new(string)
			err = json.Unmarshal(v, upd.Vendor)
		case "assignee_id":
			upd.AssigneeID = new(*int64)
			err = json.Unmarshal(v, upd.AssigneeID)
		case "due_at":
			var s *string
			if err = json.Unmarshal(v, &s); err == nil {
				var t *time.Time
				if t, err = parseItemTime(k, s); err != nil {
					return upd, err
				}
				upd.DueAt = &t
			}
		default:
			return upd, hitori.FieldError(k, "error.item_unknown_field")
		}
		if err != nil {
			return upd, hitori.FieldError(k, "error.invalid")
		}
	}
	return upd, nil
}

// decodeItemJSON reads one JSON value of at most maxItemJSON bytes into v,
// refusing unknown fields and trailing data with errors that name the problem.
func decodeItemJSON(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxItemJSON))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("trailing data")
	}
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooBig):
		return hitori.KeyError(hitori.EINVALID, "error.item_request_too_large")
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return hitori.FieldError(typeErr.Field, "error.invalid")
	}
	// encoding/json reports an unknown field only in its message.
	if name, ok := strings.CutPrefix(err.Error(), `json: unknown field "`); ok {
		return hitori.FieldError(strings.TrimSuffix(name, `"`), "error.item_unknown_field")
	}
	return hitori.KeyError(hitori.EINVALID, "error.json_invalid")
}

// parseItemTime reads an optional RFC 3339 time. One whose offset carries
// it past year 9999 in UTC is refused: it would be stored, and then no
// answer about the item could be written as JSON again (found by fuzzing).
func parseItemTime(field string, s *string) (*time.Time, error) {
	var out *time.Time
	if s != nil && *s != "" {
		t, err := time.Parse(time.RFC3339, *s)
		if y := t.UTC().Year(); err != nil || y < 1 || y > 9999 {
			return nil, hitori.FieldError(field, "error.item_date_invalid")
		}
		out = &t
	}
	return out, nil
}

// pathItemID reads {id}, accepting "1029" or "HD-1029"; anything else is 404.
func pathItemID(r *http.Request) (int64, error) {
	id, ok := hitori.ParseItemKey(r.PathValue("id"))
	if !ok {
		return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return id, nil
}

// itemJSON is an item as the API shows it.
type itemJSON struct {
	ID               int64          `json:"id"`
	Key              string         `json:"key"`
	Type             string         `json:"type"`
	Title            string         `json:"title"`
	Body             string         `json:"body"`
	Status           string         `json:"status"`
	Source           string         `json:"source"`
	Category         string         `json:"category"`
	Kind             string         `json:"kind"`
	Tags             []string       `json:"tags"`
	Urgent           bool           `json:"urgent"`
	Important        bool           `json:"important"`
	Quadrant         int            `json:"quadrant"`
	Requester        itemPersonJSON `json:"requester"`
	AssigneeID       *int64         `json:"assignee_id"`
	Vendor           string         `json:"vendor"`
	DueAt            *time.Time     `json:"due_at"`
	FirstResponseDue *time.Time     `json:"first_response_due"`
	ResolutionDue    *time.Time     `json:"resolution_due"`
	FirstRespondedAt *time.Time     `json:"first_responded_at"`
	ResolvedAt       *time.Time     `json:"resolved_at"`
	MinutesSpent     int            `json:"minutes_spent"`
	CreatedAt        time.Time      `json:"created_at"`
	UpdatedAt        time.Time      `json:"updated_at"`
	MergedInto       *int64         `json:"merged_into"`
}

// itemPersonJSON is who asked: id is null when they have no account (e-mail in).
type itemPersonJSON struct {
	ID    *int64 `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

func toItemJSON(it *hitori.Item) itemJSON {
	tags := it.Tags
	if tags == nil {
		tags = []string{} // [] rather than null: one shape for clients
	}
	return itemJSON{ID: it.ID, Key: it.Key(), Type: string(it.Type), Title: it.Title, Body: it.Body, Status: string(it.Status),
		Source: string(it.Source), Category: it.Category, Kind: string(it.Kind), Tags: tags, Urgent: it.Urgent, Important: it.Important,
		Quadrant: int(it.Quadrant()), Requester: itemPersonJSON{ID: it.RequesterID, Name: it.RequesterName, Email: it.RequesterEmail},
		AssigneeID: it.AssigneeID, Vendor: it.Vendor, DueAt: it.DueAt, FirstResponseDue: it.FirstResponseDue,
		ResolutionDue: it.ResolutionDue, FirstRespondedAt: it.FirstRespondedAt, ResolvedAt: it.ResolvedAt,
		MinutesSpent: it.MinutesSpent, CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt, MergedInto: it.MergedInto}
}

// itemListJSON is one page of a list.
type itemListJSON struct {
	Items []itemJSON `json:"items"`
	Total int        `json:"total"`
	// TotalCapped says Total stopped at hitori.ItemCountCap (text queries).
	TotalCapped bool `json:"total_capped,omitempty"`
	Page        int  `json:"page"`
	Limit       int  `json:"limit"`
}

// itemDetailJSON is an item with its timeline.
type itemDetailJSON struct {
	itemJSON
	Events []itemEventJSON `json:"events"`
}

// itemEventJSON is one timeline entry; field, old and new are set for changes.
type itemEventJSON struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	AuthorID  *int64    `json:"author_id"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	Field     string    `json:"field,omitempty"`
	Old       string    `json:"old,omitempty"`
	New       string    `json:"new,omitempty"`
	Minutes   int       `json:"minutes"`
	CreatedAt time.Time `json:"created_at"`
}

func toItemEventJSON(e *hitori.Event) itemEventJSON {
	return itemEventJSON{ID: e.ID, Kind: string(e.Kind), AuthorID: e.AuthorID, Author: e.Author, Body: e.Body,
		Field: e.Field, Old: e.Old, New: e.New, Minutes: e.Minutes, CreatedAt: e.CreatedAt}
}

// itemCreateJSON is what POST /api/v1/items accepts; anything else is 422.
type itemCreateJSON struct {
	Type           string   `json:"type"`
	Title          string   `json:"title"`
	Body           string   `json:"body"`
	Source         string   `json:"source"`
	Category       string   `json:"category"`
	Kind           string   `json:"kind"`
	Tags           []string `json:"tags"`
	Urgent         bool     `json:"urgent"`
	Important      bool     `json:"important"`
	RequesterID    *int64   `json:"requester_id"`
	RequesterName  string   `json:"requester_name"`
	RequesterEmail string   `json:"requester_email"`
	AssigneeID     *int64   `json:"assignee_id"`
	Vendor         string   `json:"vendor"`
	DueAt          *string  `json:"due_at"`
}
