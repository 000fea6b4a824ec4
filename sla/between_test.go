package sla

import (
	"testing"
	"time"
)

// BenchmarkBetween measures the risk badge's cost per row: an item open
// for an hour, a year or a decade (the horizon).
func BenchmarkBetween(b *testing.B) {
	c := DefaultCalendar()
	start := mustTime(b, "2016-04-28 17:00")
	for _, tt := range []struct {
		name string
		end  time.Time
	}{
		{"short", start.Add(20 * time.Hour)},
		{"1y", start.AddDate(1, 0, 0)},
		{"10y", start.AddDate(10, 0, 0)},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				c.Between(start, tt.end)
			}
		})
	}
}
