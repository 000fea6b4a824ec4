package hitori

import "testing"

func TestContractDecisionOn(t *testing.T) {
	cases := []struct {
		name   string
		end    Date
		notice int
		unit   NoticeUnit
		want   Date
	}{
		{"no end date", "", 30, NoticeDays, ""},
		{"30 days", "2027-03-31", 30, NoticeDays, "2027-03-01"},
		{"no notice", "2027-03-31", 0, NoticeDays, "2027-03-31"},
		{"3 months", "2027-03-31", 3, NoticeMonths, "2026-12-31"},
		{"1 month from the 31st clamps", "2027-03-31", 1, NoticeMonths, "2027-02-28"},
		{"leap year", "2028-03-31", 1, NoticeMonths, "2028-02-29"},
		{"days across a year", "2027-01-15", 45, NoticeDays, "2026-12-01"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := &Contract{EndsOn: c.end, Notice: c.notice, NoticeUnit: c.unit}
			if got := k.DecisionOn(); got != c.want {
				t.Errorf("DecisionOn = %q, want %q", got, c.want)
			}
		})
	}
}

func TestContractValidate(t *testing.T) {
	neg := int64(-1)
	cases := []struct {
		name  string
		c     Contract
		field string
	}{
		{"ok", Contract{Title: "保守", VendorID: 1, StartsOn: "2026-04-01", EndsOn: "2027-03-31", SystemIDs: []int64{2, 2, 0}}, ""},
		{"no title", Contract{VendorID: 1}, "title"},
		{"no vendor", Contract{Title: "x"}, "vendor_id"},
		{"end before start", Contract{Title: "x", VendorID: 1, StartsOn: "2027-04-01", EndsOn: "2027-03-31"}, "ends_on"},
		{"bad date", Contract{Title: "x", VendorID: 1, EndsOn: "2027-02-30"}, "ends_on"},
		{"notice too long", Contract{Title: "x", VendorID: 1, Notice: 25, NoticeUnit: NoticeMonths}, "notice"},
		{"negative cost", Contract{Title: "x", VendorID: 1, MonthlyYen: &neg}, "monthly_yen"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.c.Validate()
			e, _ := AsError(err)
			switch {
			case c.field == "" && err != nil:
				t.Fatalf("unexpected %v", err)
			case c.field != "" && (e == nil || e.Fields[c.field] == ""):
				t.Fatalf("want an error on %s, got %v", c.field, err)
			}
			if c.field == "" && len(c.c.SystemIDs) != 1 {
				t.Errorf("systems not deduplicated: %v", c.c.SystemIDs)
			}
		})
	}
}
