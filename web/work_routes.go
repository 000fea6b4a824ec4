package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hitori"
)

// workRoutes are the staff's work area: the board, the item list and
// pages, walk-up capture and the SLA settings. The store checks every call
// again (see hitori.ItemService), so these access levels are the first of
// two gates, not the only one.
func (s *Server) workRoutes() []route {
	return []route{
		{"GET /work", staff, s.workBoard, false},
		{"POST /work/items/{id}/articles", staff, s.workLinkArticle, false},
		{"POST /work/items/{id}/articles/{aid}/delete", staff, s.workUnlinkArticle, false},
		{"GET /work/items", staff, s.workList, false},
		{"POST /work/items", staff, s.workCreate, false},
		{"GET /work/items/new", staff, s.workNew, false},
		{"POST /work/items/bulk", staff, s.workBulk, false},
		{"GET /work/items/{id}", staff, s.workItem, false},
		{"POST /work/items/{id}", staff, s.workUpdate, false},
		{"POST /work/items/{id}/quadrant", staff, s.workQuadrant, false},
		{"POST /work/items/{id}/replies", staff, s.workReply, false},
		{"POST /work/items/{id}/merge", staff, s.workMerge, false},
		{"GET /work/items/{id}/attachments/{aid}", staff, s.workAttachment, false},
		{"GET /work/items/{id}/mail/{mid}", staff, s.workMail, false},
		{"GET /work/canned", staff, s.workCanned, false},
		{"POST /work/canned", staff, s.workCannedSave, false},
		{"POST /work/filters", staff, s.workFilterSave, false},
		{"POST /work/filters/{id}/delete", staff, s.workFilterDelete, false},
		{"GET /work/mail", staff, s.workMailLog, false},
		{"GET /work/walkup", staff, s.workWalkupForm, false},
		{"POST /work/walkup", staff, s.workWalkup, false},
		{"GET /work/settings", adminOnly, s.workSettings, false},
		{"POST /work/settings", adminOnly, s.workSettingsSave, false},
	}
}

// workNav is the navigation area of the staff pages.
const workNav = "work"

// workItemURL is an item's staff page.
func workItemURL(id int64) string { return "/work/items/" + strconv.FormatInt(id, 10) }

// workItemID reads {id}: "1029" or "HD-1029"; anything else is 404.
func workItemID(r *http.Request) (int64, error) {
	id, ok := hitori.ParseItemKey(r.PathValue("id"))
	if !ok {
		return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return id, nil
}

// workFlashName keeps ?flash= to a catalogue suffix, so a link cannot make a
// page show arbitrary text.
var workFlashName = regexp.MustCompile(`^[a-z_]{1,40}$`)

// workFlash shows ?flash=NAME as the message work.flash.NAME (or
// portal.flash.NAME on portal pages), with ?n= for counts.
func workFlash(p *page, r *http.Request, prefix string) {
	name := r.URL.Query().Get("flash")
	if !workFlashName.MatchString(name) {
		return
	}
	key := prefix + ".flash." + name
	if _, ok := p.loc.msgs[key]; !ok {
		return
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("n")); err == nil {
		p.Flash = p.T(key, n)
		return
	}
	p.Flash = p.T(key)
}

// workFlashURL adds ?flash=name (and n when given) to a local URL.
func workFlashURL(target, name string, n ...int) string {
	u, err := url.Parse(safeNext(target))
	if err != nil {
		u = &url.URL{Path: "/work"}
	}
	q := u.Query()
	q.Set("flash", name)
	if len(n) > 0 {
		q.Set("n", strconv.Itoa(n[0]))
	} else {
		q.Del("n")
	}
	u.RawQuery, u.Fragment = q.Encode(), ""
	return u.String()
}

// workBack is where a form asks to return (its next field), or fallback.
func workBack(r *http.Request, fallback string) string {
	if next := r.PostFormValue("next"); next != "" {
		return safeNext(next)
	}
	return fallback
}

// workStaff lists the active staff (the people items can be assigned
// to) and names every staff account by id, disabled ones included, so
// old timeline entries still read well.
type workStaff struct {
	Active []*hitori.User
	names  map[int64]string
}

// Name returns a staff member's display name, or "#id" for an unknown id.
func (d *workStaff) Name(id *int64) string {
	if id == nil {
		return ""
	}
	if n, ok := d.names[*id]; ok {
		return n
	}
	return "#" + strconv.FormatInt(*id, 10)
}

func (s *Server) workStaffDir(ctx context.Context) (*workStaff, error) {
	d := &workStaff{names: map[int64]string{}}
	roles := []hitori.Role{hitori.RoleAdmin, hitori.RoleTechnician}
	users, _, err := s.stores.Users.FindUsers(ctx, hitori.UserFilter{Roles: roles, Limit: 500})
	if err != nil {
		return nil, err
	}
	// Administrators first, then technicians, each by address (the store's order).
	slices.SortStableFunc(users, func(a, b *hitori.User) int {
		return slices.Index(roles, a.Role) - slices.Index(roles, b.Role)
	})
	for _, u := range users {
		d.names[u.ID] = workUserName(u)
		if !u.Disabled {
			d.Active = append(d.Active, u)
		}
	}
	return d, nil
}

// workUserName is a user's name, or their address when they gave none.
func workUserName(u *hitori.User) string {
	if strings.TrimSpace(u.Name) != "" {
		return u.Name
	}
	return u.Email
}

// workRequesterName is who asked, as the lists show it.
func workRequesterName(it *hitori.Item) string {
	if it.RequesterName != "" {
		return it.RequesterName
	}
	return it.RequesterEmail
}

// workResolveRequester reads "who asked" as typed by the staff: an address or
// a name. A colleague with an account becomes the item's requester (their
// portal lists it); anyone else is kept as name or address.
func (s *Server) workResolveRequester(ctx context.Context, it *hitori.Item, who string) error {
	who = strings.TrimSpace(who)
	if who == "" {
		return nil
	}
	if err := hitori.CheckText("requester_name", who); err != nil {
		return err // before it reaches a query PostgreSQL would refuse
	}
	if strings.Contains(who, "@") {
		u, err := s.stores.Users.FindUserByEmail(ctx, who)
		switch {
		case err == nil:
			it.RequesterID = &u.ID
		case hitori.ErrorCode(err) == hitori.ENOTFOUND:
			it.RequesterEmail = who
		default:
			return err
		}
		return nil
	}
	users, _, err := s.stores.Users.FindUsers(ctx, hitori.UserFilter{Query: who, Limit: 20})
	if err != nil {
		return err
	}
	var match *hitori.User
	for _, u := range users {
		if strings.EqualFold(strings.TrimSpace(u.Name), who) {
			if match != nil { // two people share the name: do not guess
				match = nil
				break
			}
			match = u
		}
	}
	if match != nil {
		it.RequesterID = &match.ID
	} else {
		it.RequesterName = who
	}
	return nil
}

// workIDText writes an id for a form value.
func workIDText(id int64) string { return strconv.FormatInt(id, 10) }
