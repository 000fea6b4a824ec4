package sqlstore

import (
	"slices"
	"testing"
	"time"

	"hitori"
)

// TestReportDigest: the digest that lets an unchanged report write only
// its last-seen time ignores what moves without a change (the time, free
// space within a percent, title keys) and sees every program's name,
// version and publisher, and their boundaries.
func TestReportDigest(t *testing.T) {
	base := func() *hitori.InventoryReport {
		return &hitori.InventoryReport{UUID: "u-1", Hostname: "pc-1", ReportedAt: time.Now(),
			Software: []hitori.InventorySoftware{{Name: "7-Zip", Version: "23.01", Publisher: "Igor Pavlov", TitleKey: "7-zip"}, {Name: "vim", Version: "9"}},
			Volumes:  []hitori.InventoryVolume{{Mount: "C:", TotalMB: 100000, FreeMB: 50000}}}
	}
	d := reportDigest(base())
	same := []func(r *hitori.InventoryReport){
		func(r *hitori.InventoryReport) { r.ReportedAt = r.ReportedAt.Add(time.Hour) },
		func(r *hitori.InventoryReport) { r.Volumes[0].FreeMB += 300 },
		func(r *hitori.InventoryReport) { r.Software[0].TitleKey = "other" },
	}
	for i, change := range same {
		r := base()
		change(r)
		if reportDigest(r) != d {
			t.Errorf("unchanged %d: digest moved", i)
		}
	}
	differ := []func(r *hitori.InventoryReport){
		func(r *hitori.InventoryReport) { r.Hostname = "pc-2" },
		func(r *hitori.InventoryReport) { r.Volumes[0].FreeMB -= 5000 },
		func(r *hitori.InventoryReport) { r.Software[0].Name = "7-Zip " },
		func(r *hitori.InventoryReport) { r.Software[0].Version = "23.02" },
		func(r *hitori.InventoryReport) { r.Software[1].Publisher = "Bram" },
		func(r *hitori.InventoryReport) { r.Software = r.Software[:1] },
		func(r *hitori.InventoryReport) { r.Software[1].Name, r.Software[1].Version = "vim9", "" }, // same bytes, other boundary
		func(r *hitori.InventoryReport) { r.Software = nil },
	}
	for i, change := range differ {
		r := base()
		change(r)
		if reportDigest(r) == d {
			t.Errorf("change %d: same digest", i)
		}
	}
}

func TestPackageSetText(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []int64
		bad  bool
	}{
		{"", nil, false},
		{"7", []int64{7}, false},
		{"1,5,900", []int64{1, 5, 900}, false},
		{"9,3,3,1", []int64{1, 3, 9}, false}, // any order, once each
		{"1,,2", nil, true},
		{"1,x", nil, true},
		{"0", nil, true},
		{"-4", nil, true},
	} {
		got, err := parsePackageSet(tc.text)
		if (err != nil) != tc.bad || !slices.Equal(got, tc.want) {
			t.Errorf("parsePackageSet(%q) = %v, %v; want %v (error %t)", tc.text, got, err, tc.want, tc.bad)
		}
		if !tc.bad && formatPackageSet(got) != formatPackageSet(tc.want) {
			t.Errorf("format(parse(%q)) = %q", tc.text, formatPackageSet(got))
		}
	}
	if s := formatPackageSet([]int64{1, 20, 300}); s != "1,20,300" {
		t.Errorf("format: %q", s)
	}
}
