package web

import "strings"

// adminTab is one tab of the administration pages' shared tab row.
type adminTab struct {
	Href, Key string // the page and its title's catalogue key
	Current   bool
}

// adminTabPages are the administration pages, in tab order: one list, so
// every page shows the same row (each area used to copy its own).
var adminTabPages = []adminTab{
	{Href: "/admin/users", Key: "users.title"},
	{Href: "/admin/audit", Key: "audit.title"},
	{Href: "/admin/jobs", Key: "jobs.title"},
	{Href: "/admin/channels", Key: "channel.list.title"},
	{Href: "/admin/standins", Key: "standin.admin.title"},
	{Href: "/admin/handover/binder", Key: "binder.page.title"},
}

// AdminTabs is the tab row with the page being shown marked.
func (p *page) AdminTabs() []adminTab {
	path, _, _ := strings.Cut(p.Here, "?")
	tabs := make([]adminTab, len(adminTabPages))
	for i, t := range adminTabPages {
		t.Current = path == t.Href || strings.HasPrefix(path, t.Href+"/")
		tabs[i] = t
	}
	return tabs
}
