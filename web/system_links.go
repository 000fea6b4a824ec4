package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hitori"
	"hitori/search"
)

// pickerLimit is how many candidates the link picker shows at once: it is
// a search, not a browser.
const pickerLimit = 20

// linkPicker is the searchable picker on a system's edit page (#links):
// choose a kind, type a few letters, press "link" beside a candidate. It
// works without JavaScript: the search is a GET of the edit page.
type linkPicker struct {
	Kinds      []hitori.LinkKind
	Kind       hitori.LinkKind
	Query      string
	Candidates []linkCandidate
}

// linkCandidate is one thing that could be linked.
type linkCandidate struct {
	Ref, Label string
	Linked     bool // already linked to this system
}

// linkPicker reads ?link_kind=&link_q= and lists what matches.
func (s *Server) linkPicker(r *http.Request, sys *hitori.System) (*linkPicker, error) {
	q := r.URL.Query()
	lp := &linkPicker{Kinds: hitori.LinkKinds, Kind: hitori.LinkKind(q.Get("link_kind")), Query: strings.TrimSpace(q.Get("link_q"))}
	if !lp.Kind.Valid() {
		lp.Kind = hitori.LinkArticle
	}
	cands, err := s.linkCandidates(r, lp.Kind, lp.Query)
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		for _, l := range sys.Links {
			c.Linked = c.Linked || (l.Kind == lp.Kind && l.Ref == c.Ref)
		}
		lp.Candidates = append(lp.Candidates, c)
	}
	return lp, nil
}

// linkCandidates lists up to pickerLimit things of kind matching query, as
// the signed-in user may see them. Vault entries show their names only.
func (s *Server) linkCandidates(r *http.Request, kind hitori.LinkKind, query string) ([]linkCandidate, error) {
	ctx := r.Context()
	var out []linkCandidate
	add := func(id int64, label string) {
		out = append(out, linkCandidate{Ref: strconv.FormatInt(id, 10), Label: label})
	}
	switch kind {
	case hitori.LinkArticle:
		if query != "" && s.kb != nil {
			hits, _, err := s.kb.SearchAll(ctx, query, []string{search.KindArticle}, pickerLimit, false)
			if err != nil {
				return nil, err
			}
			for _, h := range hits {
				if ref, ok := s.kb.Ref(h.ID); ok {
					add(ref.ID, ref.Title)
				}
			}
			return out, nil
		}
		list, _, err := s.stores.Articles.FindArticles(ctx, hitori.ArticleFilter{Sort: "title", Limit: pickerLimit})
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			add(a.ID, a.Title)
		}
	case hitori.LinkVault:
		if s.vault == nil {
			return nil, nil
		}
		list, err := s.vault.List(ctx, vaultActor(r))
		if err != nil {
			return nil, err
		}
		q := strings.ToLower(query)
		for _, e := range list {
			if len(out) < pickerLimit && strings.Contains(strings.ToLower(e.System+" "+e.URL+" "+e.Username), q) {
				out = append(out, linkCandidate{Ref: e.ID, Label: strings.TrimSpace(e.System + " " + e.Username)})
			}
		}
	case hitori.LinkAsset:
		if s.asset == nil {
			return nil, nil
		}
		list, _, err := s.asset.Assets(ctx, hitori.AssetFilter{Query: query, Limit: pickerLimit})
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			add(a.ID, strings.Join(strings.Fields(a.Number+" "+a.Maker+" "+a.Model+" "+a.Hostname), " "))
		}
	case hitori.LinkMonitor:
		if s.stores.Monitors == nil {
			return nil, nil
		}
		list, _, err := s.stores.Monitors.FindMonitors(ctx, hitori.MonitorFilter{Query: query, Limit: pickerLimit})
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			add(m.Monitor.ID, m.Monitor.Name)
		}
	}
	return out, nil
}

// systemLinkForm reads the posted kind and ref of a link.
func systemLinkForm(r *http.Request) (hitori.SystemLink, error) {
	if err := r.ParseForm(); err != nil {
		return hitori.SystemLink{}, hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	l := hitori.SystemLink{Kind: hitori.LinkKind(r.PostForm.Get("kind")), Ref: strings.TrimSpace(r.PostForm.Get("ref"))}
	if !l.Kind.Valid() || l.Ref == "" || len(l.Ref) > 100 {
		return l, hitori.KeyError(hitori.EINVALID, "handover.error.link")
	}
	return l, nil
}

// systemLink is POST /systems/{id}/links: link a runbook, a vault entry,
// an asset or a monitor (audited as a change of the system).
func (s *Server) systemLink(w http.ResponseWriter, r *http.Request) error {
	return s.systemLinkChange(w, r, true)
}

// systemUnlink is POST /systems/{id}/links/delete.
func (s *Server) systemUnlink(w http.ResponseWriter, r *http.Request) error {
	return s.systemLinkChange(w, r, false)
}

func (s *Server) systemLinkChange(w http.ResponseWriter, r *http.Request, link bool) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	l, err := systemLinkForm(r)
	if err != nil {
		return err
	}
	h, flash := s.handover(), "unlinked"
	if link {
		err, flash = h.LinkSystem(r.Context(), id, l), "linked"
	} else {
		err = h.UnlinkSystem(r.Context(), id, l)
	}
	if err != nil {
		return err
	}
	back := "/systems/" + idText(id) + "/edit?flash=" + flash + "&link_kind=" + string(l.Kind)
	if q := r.PostForm.Get("link_q"); q != "" {
		back += "&link_q=" + url.QueryEscape(q)
	}
	http.Redirect(w, r, back+"#links", http.StatusSeeOther)
	return nil
}
