package web

import (
	"html/template"
	"strconv"
	"strings"
)

// workOption is one <option> of the list's selects.
type workOption struct{ Value, Label string }

// workOptions writes options as markup, marking the one whose value is
// selected (an option valued "", the default, is never marked). The list's eight
// selects (two of them every active staff member) were a third of its
// template's time when each option was a template range with its own
// comparison; the rows are written the same way (work_rows.go).
func workOptions(opts []workOption, selected string) template.HTML {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(`<option value="`)
		b.WriteString(template.HTMLEscapeString(o.Value))
		b.WriteByte('"')
		if o.Value != "" && o.Value == selected {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		b.WriteString(template.HTMLEscapeString(o.Label))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

// workListSelects are the list's selects as markup: the filter form's,
// selected as the form asks, and the bulk edit's.
type workListSelects struct {
	Status, Type, Quadrant, Assignee, Sort template.HTML
	BulkStatus, BulkAssignee, BulkQuadrant template.HTML
}

func newWorkListSelects(p *page, d *workListData) workListSelects {
	form := p.Form
	statuses := make([]workOption, 0, len(d.Statuses))
	for _, st := range d.Statuses {
		statuses = append(statuses, workOption{string(st), p.T("work.status." + string(st))})
	}
	types := []workOption{{"", p.T("filter.all")}}
	for _, t := range d.Types {
		types = append(types, workOption{string(t), p.T("work.type." + string(t))})
	}
	quadrants := make([]workOption, 0, len(d.Choices))
	for _, c := range d.Choices {
		quadrants = append(quadrants, workOption{strconv.Itoa(c.N), strconv.Itoa(c.N) + ". " + c.Label})
	}
	staff := make([]workOption, 0, len(d.Staff.Active))
	for _, u := range d.Staff.Active {
		label := u.Name
		if label == "" {
			label = u.Email
		}
		staff = append(staff, workOption{strconv.FormatInt(u.ID, 10), label})
	}
	sorts := make([]workOption, 0, len(d.Sorts))
	for _, s := range d.Sorts {
		sorts = append(sorts, workOption{s, p.T("work.sort." + s)})
	}
	all, keep, none := p.T("filter.all"), p.T("work.bulk.keep"), workOption{"none", p.T("work.unassigned")}
	with := func(head []workOption, rest []workOption) []workOption { return append(head, rest...) }
	return workListSelects{
		Status:       workOptions(with([]workOption{{"open", p.T("work.filter.open")}, {"all", all}}, statuses), form.Get("status")),
		Type:         workOptions(types, form.Get("type")),
		Quadrant:     workOptions(with([]workOption{{"", all}}, quadrants), form.Get("quadrant")),
		Assignee:     workOptions(with([]workOption{{"", all}, {"me", p.T("work.filter.me")}, none}, staff), form.Get("assignee")),
		Sort:         workOptions(sorts, form.Get("sort")),
		BulkStatus:   workOptions(with([]workOption{{"", keep}}, statuses), ""),
		BulkAssignee: workOptions(with([]workOption{{"", keep}, none}, staff), ""),
		BulkQuadrant: workOptions(with([]workOption{{"", keep}}, quadrants), ""),
	}
}
