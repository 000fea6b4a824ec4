package web

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"hitori"
)

// The row templates work_rows.go replaced, word for word: the oracle the
// hand-written rows must match byte for byte, escaping included.
const workRowsOracle = `{{define "box"}}{{range .Rows}}<li data-item="{{.ID}}" data-href="{{.URL}}" data-quadrant="{{.Quadrant}}" tabindex="-1">
<a href="{{.URL}}"><span class="work-key">{{.Key}}</span> {{.Title}}</a>
<span class="work-meta">{{if .Risk}}<span class="work-sla work-sla-{{.Risk}}" title="{{.RiskTitle}}">{{.RiskText}}</span>{{end}}<span>{{.Age}}</span></span>
</li>{{end}}{{end}}
{{define "next"}}{{$d := .Data}}{{range $i, $r := $d.Next}}<li class="work-item work-q{{.Quadrant}}{{if eq .Risk "breached"}} work-late{{else if eq .Risk "at_risk"}} work-warn{{end}}" data-item="{{.ID}}" data-href="{{.URL}}" data-quadrant="{{.Quadrant}}" tabindex="-1" data-testid="next-item">
<div class="work-main">
<a class="work-title" href="{{.URL}}"><span class="work-key">{{.Key}}</span> {{.Title}}</a>
<p class="work-meta">
{{if .Risk}}<span class="work-sla work-sla-{{.Risk}}" title="{{.RiskTitle}}" data-testid="sla">{{.RiskText}}</span>{{end}}
<span class="badge work-status-{{.Status}}">{{$.T (print "work.status." .Status)}}</span>
{{if .Requester}}<span><span class="work-label">{{$.T "work.col.requester"}}</span> {{.Requester}}</span>{{end}}
<span><span class="work-label">{{$.T "work.col.age"}}</span> {{.Age}}</span>
<span><span class="work-label">{{$.T "work.col.assignee"}}</span> {{if .Assignee}}{{.Assignee}}{{else}}<span class="muted">{{$.T "work.unassigned"}}</span>{{end}}</span>
</p>
</div>
<form method="post" action="/work/items/{{.ID}}/quadrant" class="work-qform" aria-label="{{$.T "work.reprioritise"}}">
<input type="hidden" name="csrf" value="{{$.CSRF}}"><input type="hidden" name="next" value="{{$.Here}}">
{{range $d.Choices}}<button type="submit" name="q" value="{{.N}}" class="work-qbtn work-q{{.N}}" title="{{.Label}}" aria-label="{{.Label}}"{{if eq .N $r.Quadrant}} aria-pressed="true" disabled{{end}}>{{.N}}</button>{{end}}
</form>
</li>{{end}}{{end}}
{{define "list"}}{{$d := .Data}}{{range $d.Rows}}<tr class="work-item work-q{{.Quadrant}}" data-item="{{.ID}}" data-href="{{.URL}}" data-quadrant="{{.Quadrant}}" tabindex="-1">
<td class="work-check"><input type="checkbox" name="id" value="{{.ID}}" aria-label="{{.Key}}"{{if .Selected}} checked{{end}}></td>
<td><a class="work-title" href="{{.URL}}"><span class="work-key">{{.Key}}</span> {{.Title}}</a>
<span class="work-tags"><span class="work-qtag work-q{{.Quadrant}}" title="{{$.T (print "work.q." .Quadrant)}}">{{.Quadrant}}</span>{{if eq (print .Type) "task"}} <span class="badge">{{$.T "work.type.task"}}</span>{{end}}{{if .Category}} <span class="badge">{{.Category}}</span>{{end}}{{range .Tags}} <a class="kb-tag" href="/work/items?tag={{.}}">#{{.}}</a>{{end}}</span></td>
<td><span class="badge work-status-{{.Status}}">{{$.T (print "work.status." .Status)}}</span></td>
<td>{{if .Risk}}<span class="work-sla work-sla-{{.Risk}}" title="{{.RiskTitle}}">{{.RiskText}}</span>{{end}}</td>
<td>{{.Requester}}</td>
<td>{{or .Assignee "—"}}</td>
<td>{{.Age}}</td>
</tr>{{end}}{{end}}`

// workRowsFixture is rows with everything a row can show, and the
// characters escaping is about in every field a user or mail can set.
func workRowsFixture() []workRow {
	nasty := `<script>alert("x")</script> & 'q' + a+b` + "\x00" + ` ＜全角＞`
	due := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var rows []workRow
	for i, st := range append(hitori.Statuses, "someday") {
		it := &hitori.Item{ID: int64(1000 + i), Title: nasty + " " + string(st), Status: st, Type: hitori.TypeTicket,
			Category: nasty, Tags: []string{"vpn", "a b&c", `"><x>`, "日本語+?#"}, ResolutionDue: &due}
		if i%2 == 1 {
			it.Type, it.Category, it.Tags = hitori.TypeTask, "", nil
		}
		r := workRow{Item: it, URL: workItemURL(it.ID), Quadrant: 1 + i%4, Age: "3日", Selected: i%3 == 0}
		switch i % 3 {
		case 0:
			r.Risk, r.RiskText, r.RiskTitle, r.Requester, r.Assignee = "breached", "超過 "+nasty, "期限 "+nasty, nasty, nasty
		case 1:
			r.Risk, r.RiskText, r.RiskTitle, r.Requester = "at_risk", "残り 1時間", `"title"`, "山田 <太郎>"
		}
		rows = append(rows, r)
	}
	return rows
}

// TestWorkRowsMatchTemplates: the hand-written board and list rows are
// byte for byte what the templates they replaced wrote, in both languages,
// for hostile titles, names, categories and tags, and with a CSRF token
// and a return address that need escaping.
func TestWorkRowsMatchTemplates(t *testing.T) {
	locs, err := loadLocales()
	if err != nil {
		t.Fatal(err)
	}
	oracle := template.Must(template.New("").Parse(workRowsOracle))
	rows := workRowsFixture()
	for _, lang := range Languages {
		for _, here := range []string{"/work", "/work?scope=mine", `/work?x="><script>&y='+'`} {
			t.Run(lang+" "+here, func(t *testing.T) {
				p := &page{loc: locs[lang], Lang: lang, CSRF: `tok"en<&>'+0123456789abcdef0123456789`, Here: here}
				p.Data = &workBoardData{Next: rows, Choices: workQuadrantChoices(p, 0)}
				exec := func(name string, data any) string {
					var b strings.Builder
					if err := oracle.ExecuteTemplate(&b, name, data); err != nil {
						t.Fatal(err)
					}
					return b.String()
				}
				w := newWorkRowWords(p)
				if got, want := string(workBoxRows(rows)), exec("box", workBoardBox{Rows: rows}); got != want {
					t.Errorf("board box rows differ:\n%s", firstDiff(got, want))
				}
				if got, want := string(workJoinCSRF(workNextRows(rows, w, here), p.CSRF)), exec("next", p); got != want {
					t.Errorf("next queue differs:\n%s", firstDiff(got, want))
				}
				p.Data = &workListData{Rows: rows}
				if got, want := string(workListRows(rows, w)), exec("list", p); got != want {
					t.Errorf("list rows differ:\n%s", firstDiff(got, want))
				}
			})
		}
	}
}

// firstDiff shows where two long strings part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return "got  …" + got[max(0, i-60):min(len(got), i+80)] + "\nwant …" + want[max(0, i-60):min(len(want), i+80)]
}
