package work

import (
	"math"
	"strconv"
	"strings"

	"hitori"
	"hitori/sla"
)

// MaxCategoryTargets bounds the per-category rules.
const MaxCategoryTargets = 200

// parseCategoryTargets reads the per-category SLA rules. Each rule replaces
// one quadrant's targets for one category; quadrants a category does not
// name keep the general targets (base). It returns the first bad line's
// number, or 0.
func parseCategoryTargets(text string, base Policies) (map[string]Policies, int) {
	out := map[string]Policies{}
	rules := 0
	for n, line := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rules++
		parts := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '、' || r == '，' })
		if len(parts) != 4 || rules > MaxCategoryTargets {
			return nil, n + 1
		}
		cat := strings.TrimSpace(parts[0])
		q, err := strconv.Atoi(strings.TrimSpace(parts[1]))
		first, err1 := strconv.ParseFloat(strings.TrimSpace(parts[2]), 64)
		res, err2 := strconv.ParseFloat(strings.TrimSpace(parts[3]), 64)
		if cat == "" || err != nil || q < 1 || q > 4 || err1 != nil || err2 != nil || !validHours(first) || !validHours(res) || (res > 0 && first > res) {
			return nil, n + 1
		}
		if out[cat] == nil {
			ps := Policies{}
			for k, v := range base {
				ps[k] = v
			}
			out[cat] = ps
		}
		out[cat][hitori.Quadrant(q)] = sla.Policy{FirstResponse: hours(first), Resolution: hours(res)}
	}
	return out, 0
}

func validHours(h float64) bool { return !math.IsNaN(h) && h >= 0 && h <= MaxTargetHours }
