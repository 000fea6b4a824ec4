package report

import (
	"strings"

	"hitori"
)

// osSupportEnds are the end-of-support days of operating systems small
// offices still run (the vendors' published dates). Matching is by a
// name fragment, most specific first.
var osSupportEnds = []struct {
	match string
	ends  hitori.Date
}{
	{"windows server 2012", "2023-10-10"},
	{"windows server 2016", "2027-01-12"},
	{"windows server 2019", "2029-01-09"},
	{"windows 7", "2020-01-14"},
	{"windows 8.1", "2023-01-10"},
	{"windows 10", "2025-10-14"},
}

// OSSupportEnds is the day support for an OS ends, "" when unknown.
func OSSupportEnds(name, version string) hitori.Date {
	s := strings.ToLower(name + " " + version)
	for _, o := range osSupportEnds {
		if strings.Contains(s, o.match) {
			return o.ends
		}
	}
	return ""
}
