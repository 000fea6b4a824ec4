package asset

import (
	"testing"
	"time"

	"hitori"
)

func TestSupportEnds(t *testing.T) {
	for _, tc := range []struct {
		name, version string
		ends          hitori.Date
	}{
		{"Microsoft Windows 10 Pro", "22H2", "2025-10-14"},
		{"Microsoft Windows 11 Pro", "23H2", ""},
		{"Microsoft Windows 7 Professional", "", "2020-01-14"},
		{"Microsoft Windows 8.1 Pro", "", "2023-01-10"},
		{"Microsoft Windows Server 2012 R2 Standard", "", "2023-10-10"},
		{"macOS", "12.7.4", "2024-09-16"},
		{"macOS", "15.1", ""},
		{"Debian GNU/Linux 12 (bookworm)", "12.11", "2028-06-30"},
		{"Debian GNU/Linux 10", "10", "2024-06-30"},
		{"Ubuntu 20.04.6 LTS", "20.04", "2025-05-31"},
	} {
		got, _ := SupportEnds(tc.name, tc.version)
		if got != tc.ends {
			t.Errorf("%s %s: %q, want %q", tc.name, tc.version, got, tc.ends)
		}
	}
}

func TestFindings(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	recent, old := now.Add(-2*24*time.Hour), now.Add(-20*24*time.Hour)
	states := []*hitori.InventoryState{
		{Asset: &hitori.Asset{ID: 1, Number: "PC-001", Source: "ledger", OSName: "Microsoft Windows 10 Pro", LastSeenAt: &recent},
			Detail: hitori.InventoryDetail{Volumes: []hitori.InventoryVolume{{Mount: "C:", TotalMB: 242560, FreeMB: 18200}, {Mount: "D:", TotalMB: 30520, FreeMB: 29000}}}},
		{Asset: &hitori.Asset{ID: 2, Source: "inventory", OSName: "Microsoft Windows 11 Pro", LastSeenAt: &old}},
		{Asset: &hitori.Asset{ID: 3, Number: "PC-003", Status: hitori.AssetRetired, OSName: "Microsoft Windows 7", LastSeenAt: &old}},
	}
	got := findings(states, now, 14)
	want := []struct {
		kind  string
		asset int64
		value int
	}{{FindingUnsupportedOS, 1, 0}, {FindingLowDisk, 1, 7}, {FindingStale, 2, 20}, {FindingNotInLedger, 2, 0}}
	if len(got) != len(want) {
		t.Fatalf("findings %+v", got)
	}
	for i, w := range want {
		if got[i].Kind != w.kind || got[i].AssetID != w.asset || got[i].Value != w.value {
			t.Errorf("finding %d = %+v, want %+v", i, got[i], w)
		}
	}
	// Windows 10 was still supported the day before its end.
	if f := findings(states[:1], time.Date(2025, 10, 13, 12, 0, 0, 0, time.UTC), 14); len(f) != 1 || f[0].Kind != FindingLowDisk {
		t.Fatalf("before the end of support: %+v", f)
	}
}
