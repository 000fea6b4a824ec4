package web

import "slices"

// categoryChoices is the one category list (work.Service.Categories) for a
// select, plus the current value when it is not on the list: an item from
// the API or from before the list changed keeps its category when the
// staff edit something else.
func categoryChoices(list []string, current string) []string {
	if current == "" || slices.Contains(list, current) {
		return list
	}
	return append(slices.Clone(list), current)
}
