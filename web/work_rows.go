package web

import (
	"html/template"
	"strconv"
	"strings"

	"hitori"
)

// The board and the list show 45–50 rows of ~40 template actions each, and
// html/template spends most of a page's CPU on them (reflection and the
// escaper per action). These writers produce exactly the bytes the row
// templates did (work_rows_test.go renders both and compares), with the
// same escaping: text and quoted attribute values through htmlEsc, query
// values through urlQueryPart. Only values hitori itself
// builds (numbers, item URLs, CSS class names) are written unescaped.

// htmlEsc is html/template's escaping of text and quoted attribute values
// (its htmlReplacementTable), so the output matches byte for byte.
var htmlEsc = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// urlQueryPart escapes a value for a URL's query as html/template does
// there: every byte but RFC 3986's unreserved ones as %xx in lower case.
func urlQueryPart(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// htmlOut builds a fragment of trusted markup and escaped values.
type htmlOut struct{ strings.Builder }

// raw writes markup (or a value hitori built that needs no escaping).
func (b *htmlOut) raw(s ...string) {
	for _, v := range s {
		b.WriteString(v)
	}
}

// text writes a value escaped for text or a quoted attribute.
func (b *htmlOut) text(s string) { _, _ = htmlEsc.WriteString(b, s) }

func (b *htmlOut) int(n int64) { b.WriteString(strconv.FormatInt(n, 10)) }

// html is the fragment, for a template to insert as it is.
func (b *htmlOut) html() template.HTML { return template.HTML(b.String()) }

// workRowWords is what every row of a page says in the page's language,
// looked up once per page instead of once per row.
type workRowWords struct {
	status                           map[hitori.Status]string
	quadrant                         [5]string // work.q.N, 1-4
	requester, age, assignee, unasgn string
	task, reprioritise               string
}

func newWorkRowWords(p *page) *workRowWords {
	w := &workRowWords{status: map[hitori.Status]string{}, requester: p.T("work.col.requester"), age: p.T("work.col.age"),
		assignee: p.T("work.col.assignee"), unasgn: p.T("work.unassigned"), task: p.T("work.type.task"), reprioritise: p.T("work.reprioritise")}
	for _, st := range hitori.Statuses {
		w.status[st] = p.T("work.status." + string(st))
	}
	for q := 1; q <= 4; q++ {
		w.quadrant[q] = p.T(workQuadrantKey(hitori.Quadrant(q)))
	}
	return w
}

// statusLabel is a status's name, or its catalogue key as T would show an unknown one.
func (w *workRowWords) statusLabel(st hitori.Status) string {
	if s, ok := w.status[st]; ok {
		return s
	}
	return "work.status." + string(st)
}

// rowOpen writes the attributes every row element starts with.
func (b *htmlOut) rowIDs(r *workRow) {
	id := strconv.FormatInt(r.ID, 10)
	b.raw(`data-item="`, id, `" data-href="`, r.URL, `" data-quadrant="`, strconv.Itoa(r.Quadrant), `" tabindex="-1"`)
}

// titleLink writes the item's key and title as the inside of its link.
func (b *htmlOut) titleLink(r *workRow) {
	b.raw(`<span class="work-key">`)
	b.text(r.Key())
	b.raw(`</span> `)
	b.text(r.Title)
	b.raw(`</a>`)
}

// slaBadge writes the SLA badge, if the row has one; testid marks the board queue's.
func (b *htmlOut) slaBadge(r *workRow, testid bool) {
	if r.Risk == "" {
		return
	}
	b.raw(`<span class="work-sla work-sla-`, r.Risk, `" title="`)
	b.text(r.RiskTitle)
	if testid {
		b.raw(`" data-testid="sla">`)
	} else {
		b.raw(`">`)
	}
	b.text(r.RiskText)
	b.raw(`</span>`)
}

// workBoxRows writes a quadrant's short list on the board.
func workBoxRows(rows []workRow) template.HTML {
	var b htmlOut
	b.Grow(len(rows) * 400)
	for i := range rows {
		r := &rows[i]
		b.raw(`<li `)
		b.rowIDs(r)
		b.raw(">\n<a href=\"", r.URL, `">`)
		b.titleLink(r)
		b.raw("\n<span class=\"work-meta\">")
		b.slaBadge(r, false)
		b.raw(`<span>`)
		b.text(r.Age)
		b.raw("</span></span>\n</li>")
	}
	return b.html()
}

// workNextRows writes the board's "next" queue. Each row carries a form
// with the request's CSRF token, which the queue leaves out: it returns the
// markup in pieces to be joined with the escaped token (workJoinCSRF), so
// the same pieces serve every user of the page.
func workNextRows(rows []workRow, w *workRowWords, here string) []string {
	var b htmlOut
	b.Grow(len(rows) * 1500)
	tails := workNextTails(w, here)
	var cuts []int // where each row's CSRF token goes
	for i := range rows {
		r := &rows[i]
		b.raw(`<li class="work-item work-q`, strconv.Itoa(r.Quadrant))
		switch r.Risk {
		case "breached":
			b.raw(` work-late`)
		case "at_risk":
			b.raw(` work-warn`)
		}
		b.raw(`" `)
		b.rowIDs(r)
		b.raw(" data-testid=\"next-item\">\n<div class=\"work-main\">\n<a class=\"work-title\" href=\"", r.URL, `">`)
		b.titleLink(r)
		b.raw("\n<p class=\"work-meta\">\n")
		b.slaBadge(r, true)
		b.raw("\n<span class=\"badge work-status-")
		b.text(string(r.Status))
		b.raw(`">`)
		b.text(w.statusLabel(r.Status))
		b.raw("</span>\n")
		if r.Requester != "" {
			b.raw(`<span><span class="work-label">`)
			b.text(w.requester)
			b.raw(`</span> `)
			b.text(r.Requester)
			b.raw(`</span>`)
		}
		b.raw("\n<span><span class=\"work-label\">")
		b.text(w.age)
		b.raw(`</span> `)
		b.text(r.Age)
		b.raw("</span>\n<span><span class=\"work-label\">")
		b.text(w.assignee)
		b.raw(`</span> `)
		if r.Assignee != "" {
			b.text(r.Assignee)
		} else {
			b.raw(`<span class="muted">`)
			b.text(w.unasgn)
			b.raw(`</span>`)
		}
		b.raw("</span>\n</p>\n</div>\n<form method=\"post\" action=\"/work/items/")
		b.int(r.ID)
		b.raw(`/quadrant" class="work-qform" aria-label="`)
		b.text(w.reprioritise)
		b.raw("\">\n<input type=\"hidden\" name=\"csrf\" value=\"")
		cuts = append(cuts, b.Len())
		if r.Quadrant >= 1 && r.Quadrant <= 4 {
			b.raw(tails[r.Quadrant])
		} else {
			b.raw(tails[0])
		}
	}
	// Cut where the tokens go.
	all, parts, from := b.String(), make([]string, 0, len(cuts)+1), 0
	for _, c := range cuts {
		parts = append(parts, all[from:c])
		from = c
	}
	return append(parts, all[from:])
}

// workNextTails writes the end of a queue row after its CSRF token: the
// return address and the four re-prioritise buttons, the row's own
// quadrant pressed (tails[q]; tails[0] presses none).
func workNextTails(w *workRowWords, here string) [5]string {
	var tails [5]string
	for cur := range tails {
		var b htmlOut
		b.raw(`"><input type="hidden" name="next" value="`)
		b.text(here)
		b.raw("\">\n")
		for q := 1; q <= 4; q++ {
			n := strconv.Itoa(q)
			b.raw(`<button type="submit" name="q" value="`, n, `" class="work-qbtn work-q`, n, `" title="`)
			b.text(w.quadrant[q])
			b.raw(`" aria-label="`)
			b.text(w.quadrant[q])
			b.raw(`"`)
			if q == cur {
				b.raw(` aria-pressed="true" disabled`)
			}
			b.raw(`>`, n, `</button>`)
		}
		b.raw("\n</form>\n</li>")
		tails[cur] = b.String()
	}
	return tails
}

// workJoinCSRF puts the request's CSRF token between the pieces of workNextRows.
func workJoinCSRF(parts []string, csrf string) template.HTML {
	if len(parts) == 1 {
		return template.HTML(parts[0])
	}
	return template.HTML(strings.Join(parts, htmlEsc.Replace(csrf)))
}

// workListRows writes the list's table rows.
func workListRows(rows []workRow, w *workRowWords) template.HTML {
	var b htmlOut
	b.Grow(len(rows) * 1000)
	for i := range rows {
		r := &rows[i]
		q := strconv.Itoa(r.Quadrant)
		b.raw(`<tr class="work-item work-q`, q, `" `)
		b.rowIDs(r)
		b.raw(">\n<td class=\"work-check\"><input type=\"checkbox\" name=\"id\" value=\"")
		b.int(r.ID)
		b.raw(`" aria-label="`)
		b.text(r.Key())
		b.raw(`"`)
		if r.Selected {
			b.raw(` checked`)
		}
		b.raw("></td>\n<td><a class=\"work-title\" href=\"", r.URL, `">`)
		b.titleLink(r)
		b.raw("\n<span class=\"work-tags\"><span class=\"work-qtag work-q", q, `" title="`)
		if r.Quadrant >= 1 && r.Quadrant <= 4 {
			b.text(w.quadrant[r.Quadrant])
		} else {
			b.text("work.q." + q)
		}
		b.raw(`">`, q, `</span>`)
		if r.Type == hitori.TypeTask {
			b.raw(` <span class="badge">`)
			b.text(w.task)
			b.raw(`</span>`)
		}
		if r.Category != "" {
			b.raw(` <span class="badge">`)
			b.text(r.Category)
			b.raw(`</span>`)
		}
		for _, tag := range r.Tags {
			b.raw(` <a class="kb-tag" href="/work/items?tag=`, urlQueryPart(tag), `">#`)
			b.text(tag)
			b.raw(`</a>`)
		}
		b.raw("</span></td>\n<td><span class=\"badge work-status-")
		b.text(string(r.Status))
		b.raw(`">`)
		b.text(w.statusLabel(r.Status))
		b.raw("</span></td>\n<td>")
		b.slaBadge(r, false)
		b.raw("</td>\n<td>")
		b.text(r.Requester)
		b.raw("</td>\n<td>")
		if r.Assignee != "" {
			b.text(r.Assignee)
		} else {
			b.raw("—")
		}
		b.raw("</td>\n<td>")
		b.text(r.Age)
		b.raw("</td>\n</tr>")
	}
	return b.html()
}
