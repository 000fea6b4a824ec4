package web

import (
	"net/http"
	"strconv"
)

// pager describes a page of a long list for the template.
type pager struct {
	Page, Pages, Total int
	More               bool // pages after Pages exist, not counted ("2 / 3+")
	PrevURL, NextURL   string
}

func pageNumber(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1_000_000 {
		return 1
	}
	return n
}

func newPager(r *http.Request, pg, per, total int) pager {
	p := pager{Page: pg, Total: total, Pages: (total + per - 1) / per}
	link := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return r.URL.Path + "?" + q.Encode()
	}
	if pg > 1 {
		p.PrevURL = link(pg - 1)
	}
	if pg < p.Pages {
		p.NextURL = link(pg + 1)
	}
	return p
}
