package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"hitori"
)

// ListPage implements hitori.ItemService: the work list's page and as much
// of its total as is cheap to know. Measured at 1,000,000 items (40,008
// open), counting a text's matches cost 80–170 ms for words the trigram
// index only narrows (mixed case on PostgreSQL, every word there with
// more than a page of matches) and 150–1,200 ms for two-character words,
// which no trigram index serves, against 5–20 ms for the page itself.
func (s *Items) ListPage(ctx context.Context, f hitori.ItemFilter) (hitori.ItemPage, error) {
	q := strings.TrimSpace(f.Query)
	if q == "" {
		items, total, err := s.findItems(ctx, f, true)
		return hitori.ItemPage{Items: items, Total: total}, err
	}
	if cheap, err := s.textCountsCheaply(ctx, f); err != nil || cheap {
		if err != nil {
			return hitori.ItemPage{}, err
		}
		items, total, err := s.findItems(ctx, f, true)
		return pageOfCapped(items, total), err
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	query, args, err := s.pageQueryFor(ctx, f, 1, wherePage)
	if err != nil {
		return hitori.ItemPage{}, err
	}
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return hitori.ItemPage{}, fmt.Errorf("sqlstore: find items: %w", err)
	}
	items, err := scanItems(rows)
	if err != nil {
		return hitori.ItemPage{}, err
	}
	switch {
	case len(items) > limit: // more after this page: how many is not counted
		return hitori.ItemPage{Items: items[:limit], Total: offset + limit, More: true}, nil
	case len(items) > 0 || offset == 0: // the page ends the list
		return hitori.ItemPage{Items: items, Total: offset + len(items)}, nil
	}
	// Past the list's end (a page number typed or kept from before): the
	// count says where the end is.
	total, err := s.countItems(ctx, f)
	return pageOfCapped(items, total), err
}

// pageOfCapped is a page with a total FindItems counted, which stops
// past ItemCountCap.
func pageOfCapped(items []*hitori.Item, total int) hitori.ItemPage {
	if total > hitori.ItemCountCap {
		return hitori.ItemPage{Items: items, Total: hitori.ItemCountCap, More: true}
	}
	return hitori.ItemPage{Items: items, Total: total}
}

// textCountsCheaply reports whether f's text matches are counted by the
// text index alone, without reading an item: on SQLite, a text of three
// characters or more that the trigram phrase matches exactly
// (trigramsExact), as the whole filter of the open list
// (openTextCountQuery) or of every item (commonText, then items_text).
func (s *Items) textCountsCheaply(ctx context.Context, f hitori.ItemFilter) (bool, error) {
	q := strings.TrimSpace(f.Query)
	if s.db.Dialect != SQLite || utf8.RuneCountInString(q) < 3 || !trigramsExact(q) {
		return false, nil
	}
	if _, isKey := hitori.ParseItemKey(q); isKey {
		return false, nil
	}
	if _, _, ok, err := s.openTextCountQuery(ctx, f); ok || err != nil {
		return ok, err
	}
	u, err := itemActor(ctx)
	return err == nil && isStaff(u) && textOnly(f), err
}
