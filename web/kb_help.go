package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"hitori"
	"hitori/kb"
	"hitori/search"
)

// Limits of the chat page. The conversation travels in a hidden field
// between posts (the no-script path keeps no server state), so it is bounded.
const (
	kbChatTurns      = 8
	kbChatFieldBytes = 48 << 10
	kbItemBodyRunes  = 2000 // the portal's new-item form is prefilled with at most this much
	kbItemTitleRunes = 100
)

// kbTurn is one question and its reply in the help chat.
type kbTurn struct {
	Q     string   `json:"q"`
	A     string   `json:"a,omitempty"` // the answer text (confident replies only)
	Kind  string   `json:"k"`           // "answer", "clarify" or "none"
	Links []kbLink `json:"l,omitempty"`
	// AHTML is A with its cross-references linked, made on each render for
	// the reader (never taken from the posted conversation).
	AHTML template.HTML `json:"-"`
}

// kbLinkPath is the only link a turn may carry: an article page.
var kbLinkPath = regexp.MustCompile(`^/kb/[0-9]{1,19}$`)

// kbHelpData is what kb_help.html shows.
type kbHelpData struct {
	Turns      []kbTurn
	Transcript string       // the conversation for the next post
	Item       *kbItemDraft // "open an item" with the question, when the last reply had no answer
}

// kbItemDraft prefills the portal's new-item form: posted, not put in a
// link, so a long question does not make a huge GET URL.
type kbItemDraft struct{ Title, Body string }

// kbHelp is GET /help: the chat box; ?q= starts with a question typed elsewhere.
func (s *Server) kbHelp(w http.ResponseWriter, r *http.Request) error {
	p := s.kbPage(r, "kb.help.title")
	p.Form = url.Values{"message": {kbCap(r.URL.Query().Get("q"), 500)}}
	p.Data = &kbHelpData{}
	s.render(w, http.StatusOK, "kb_help", p)
	return nil
}

// kbHelpAsk is POST /help, the chat without script: it answers, appends
// the turn to the conversation carried in the form, and shows it all.
func (s *Server) kbHelpAsk(w http.ResponseWriter, r *http.Request) error {
	p := s.kbPage(r, "kb.help.title")
	d := &kbHelpData{Turns: kbDecodeTurns(r.PostFormValue("transcript"))}
	p.Data = d
	msg := strings.TrimSpace(r.PostFormValue("message"))
	ans, err := s.kb.Chat(r.Context(), msg)
	if err != nil {
		d.Transcript = kbEncodeTurns(d.Turns)
		p.Form = url.Values{"message": {msg}}
		return s.formError(w, "kb_help", p, err)
	}
	s.recordUnanswered(r, msg, ans)
	d.Turns = append(d.Turns, s.kbTurnOf(msg, ans))
	if len(d.Turns) > kbChatTurns {
		d.Turns = d.Turns[len(d.Turns)-kbChatTurns:]
	}
	d.Transcript = kbEncodeTurns(d.Turns)
	refs := s.kb.Refs(p.User)
	for i := range d.Turns {
		d.Turns[i].AHTML = kbTextWithRefs(d.Turns[i].A, refs)
	}
	if last := d.Turns[len(d.Turns)-1]; last.Kind == "none" {
		d.Item = kbItemDraftOf(p, last)
	}
	s.render(w, http.StatusOK, "kb_help", p)
	return nil
}

// recordUnanswered logs a question no article answered; a failure to log
// must not cost the colleague their answer, so it is only logged.
func (s *Server) recordUnanswered(r *http.Request, question string, ans search.Answer) {
	if err := s.kb.RecordUnanswered(r.Context(), question, ans); err != nil {
		s.log.Error("record unanswered question", "request_id", requestID(r), "err", err)
	}
}

// kbTurnOf turns an answer into a chat turn with links to the cited articles.
func (s *Server) kbTurnOf(q string, ans search.Answer) kbTurn {
	t := kbTurn{Q: q, Kind: "none"}
	switch {
	case ans.Confident:
		t.Kind, t.A = "answer", ans.Text
	case ans.Clarify:
		t.Kind = "clarify"
	}
	for _, h := range ans.Articles {
		if ref, ok := s.kb.Ref(h.ID); ok {
			t.Links = append(t.Links, kbLink{Title: h.Title, URL: ref.URL()})
		}
	}
	return t
}

func kbEncodeTurns(ts []kbTurn) string {
	if len(ts) == 0 {
		return ""
	}
	b, _ := json.Marshal(ts)
	return string(b)
}

// kbDecodeTurns reads the conversation posted back by the page. It is the
// user's own data, but it is still checked: bounded, and links only to
// article pages.
func kbDecodeTurns(v string) []kbTurn {
	if v == "" || len(v) > kbChatFieldBytes {
		return nil
	}
	var ts []kbTurn
	if json.Unmarshal([]byte(v), &ts) != nil {
		return nil
	}
	if len(ts) > kbChatTurns {
		ts = ts[len(ts)-kbChatTurns:]
	}
	for i := range ts {
		links := ts[i].Links[:0]
		for _, l := range ts[i].Links {
			if kbLinkPath.MatchString(l.URL) {
				links = append(links, l)
			}
		}
		ts[i].Links = links
		if ts[i].Kind != "answer" && ts[i].Kind != "clarify" {
			ts[i].Kind, ts[i].A = "none", ""
		}
	}
	return ts
}

// kbItemDraftOf prefills an item with the question nobody answered and
// what the chat said, and nothing else: earlier questions in the
// conversation are usually about something else, and the body is what the
// staff read first.
func kbItemDraftOf(p *page, t kbTurn) *kbItemDraft {
	block := p.T("kb.help.item_q") + " " + t.Q + "\n" + p.T("kb.help.item_a") + " " + p.T("kb.help.no_answer")
	return &kbItemDraft{Title: kbCap(t.Q, kbItemTitleRunes), Body: kbCap(p.T("kb.help.item_header")+"\n"+block, kbItemBodyRunes)}
}

// kbChatArticle is an article cited in the chat API, with its page.
type kbChatArticle struct {
	kb.ChatArticle
	URL string `json:"url"`
}

// kbChatJSON is the chat API's reply with each cited article's URL added,
// so the page script can link them; the fields of kb.ChatReply are unchanged.
type kbChatJSON struct {
	kb.ChatReply
	Articles []kbChatArticle `json:"articles"`
	// Refs are the cross-references ([kb-040]) in the answer the reader may
	// open, by key, for the page script to link.
	Refs map[string]kbLink `json:"refs,omitempty"`
}

func (s *Server) kbChatReply(r *http.Request, ans search.Answer) kbChatJSON {
	out := kbChatJSON{ChatReply: kb.ChatResponse(ans), Articles: []kbChatArticle{}}
	out.Refs = kbRefLinks(ans.Text, s.kb.Refs(hitori.UserFromContext(r.Context())))
	for _, a := range out.ChatReply.Articles {
		c := kbChatArticle{ChatArticle: a}
		if ref, ok := s.kb.Ref(a.ID); ok {
			c.URL = ref.URL()
		}
		out.Articles = append(out.Articles, c)
	}
	return out
}
