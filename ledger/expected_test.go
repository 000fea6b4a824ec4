package ledger

import (
	"strings"
	"testing"

	"hitori"
)

// The shared ledgers must parse exactly as their EXPECTED.md says.

func byNumber(t *testing.T, res *Result) map[string]Row {
	t.Helper()
	m := map[string]Row{}
	for _, r := range res.Rows() {
		m[r.Asset.Number] = r
	}
	return m
}

func TestCleanLedgerAsExpected(t *testing.T) {
	res := parseFile(t, "it_asset_ledger_clean.xlsx")
	if n := len(res.Errors()); n != 0 {
		t.Fatalf("errors: %v", res.Errors())
	}
	rows := res.Rows()
	if len(rows) != 120 || rows[0].Row != 2 || rows[119].Row != 121 || rows[0].Sheet != "IT資産台帳" {
		t.Fatalf("rows: %d, first %d, last %d", len(rows), rows[0].Row, rows[len(rows)-1].Row)
	}
	types := map[hitori.AssetType]int{}
	var sum int64
	leased, noUser := 0, 0
	prefixes := map[string]int{}
	for _, r := range rows {
		types[r.Asset.Type]++
		if r.Asset.PriceYen != nil {
			sum += *r.Asset.PriceYen
		}
		if r.Asset.LeaseUntil != "" {
			leased++
			if r.Asset.PriceYen != nil {
				t.Errorf("%s leased with a price", r.Asset.Number)
			}
		}
		if r.Person == "" {
			noUser++
		}
		prefixes[r.Asset.Number[:6]]++
	}
	// ノートPC 48 + デスクトップPC 12; ルーター 2, UTM 1, スイッチ 3, 無線AP 5; NAS 2; UPS 1; 複合機 3.
	want := map[hitori.AssetType]int{hitori.AssetPC: 60, hitori.AssetMonitor: 25, hitori.AssetPhone: 18,
		hitori.AssetNetwork: 11, hitori.AssetServer: 2, hitori.AssetPeripheral: 1, hitori.AssetPrinter: 3}
	for k, v := range want {
		if types[k] != v {
			t.Errorf("type %s: %d, want %d", k, types[k], v)
		}
	}
	if sum != 12322280 || leased != 12 || noUser != 24 {
		t.Errorf("sum %d leased %d no user %d", sum, leased, noUser)
	}
	if prefixes["MS-PC-"] != 60 || prefixes["MS-MN-"] != 25 || prefixes["MS-SP-"] != 18 || prefixes["MS-NW-"] != 17 {
		t.Errorf("prefixes %v", prefixes)
	}
	m := byNumber(t, res)
	for _, c := range []struct{ number, line string }{
		{"MS-PC-0001", "MS-PC-0001|pc|Dell|Latitude 5440|RWKKTZX|鈴木 浩二|経理部|本社3F|2019-07-10||2022-07-10|2024-07-10|Windows 11 Pro 23H2|\"リース（みなとリース）\""},
		{"MS-PC-0002", "MS-PC-0002|pc|Lenovo|ThinkPad E14 Gen 2 (20TACTO1WW)|PFZQPXQE|井上 悠斗|営業部|本社2F|2025-11-08|118800|2028-11-08||Windows 11 Pro 23H2|\"\""},
		{"MS-MN-0001", "MS-MN-0001|monitor|iiyama|ProLite XU2493HS-B5|144708764902|鈴木 浩二|経理部|本社3F|2019-03-13|19980|2022-03-13|||\"\""},
		{"MS-SP-0001", "MS-SP-0001|phone|Google|Pixel 7a|953BF0F58670D9|石川 美穂|営業部|携帯|2024-03-11|62700|2025-03-11||Android 14|\"Intune登録済\""},
		{"MS-NW-0001", "MS-NW-0001|network|YAMAHA|RTX1300|SVFAKGYCGN2||情報システム|本社サーバー室|2022-04-14|198000|2027-04-14||Rev.23.00.05|\"基幹ルーター\""},
		{"MS-NW-0015", "MS-NW-0015|printer|RICOH|IM C3000|33413780621||情報システム|本社2F|2024-01-20|||2029-01-20||\"リース（みなとリース）保守込\""},
	} {
		got, _, _ := strings.Cut(rowLine(m[c.number]), " set=")
		if got != c.line {
			t.Errorf("%s:\n got %s\nwant %s", c.number, got, c.line)
		}
	}
}

// The CP932 CSV holds the same rows as the clean workbook.
func TestCSVEqualsCleanLedger(t *testing.T) {
	x, c := parseFile(t, "it_asset_ledger_clean.xlsx"), parseFile(t, "it_asset_ledger_clean_cp932.csv")
	if len(c.Errors()) != 0 {
		t.Fatalf("errors: %v", c.Errors())
	}
	xr, cr := x.Rows(), c.Rows()
	if len(cr) != 120 {
		t.Fatalf("csv rows %d", len(cr))
	}
	for i := range xr {
		if a, b := rowLine(xr[i]), rowLine(cr[i]); a != b || xr[i].Row != cr[i].Row {
			t.Errorf("row %d:\nxlsx %s\n csv %s", xr[i].Row, a, b)
		}
	}
}

// Every messy row equals the clean row with the same asset number, names
// compared without white space, notes except the two multi-line ones.
func TestMessyLedgerEqualsClean(t *testing.T) {
	clean := byNumber(t, parseFile(t, "it_asset_ledger_clean.xlsx"))
	res := parseFile(t, "it_asset_ledger_messy.xlsx")
	if len(res.Errors()) != 0 {
		t.Fatalf("errors: %v", res.Errors())
	}
	hw := res.Sheets[0]
	if hw.Name != "ハードウェア" || hw.HeaderRow != 3 || len(hw.Rows) != 40 || hw.Rows[0].Row != 4 || hw.Rows[39].Row != 43 {
		t.Fatalf("sheet %q header %d rows %d", hw.Name, hw.HeaderRow, len(hw.Rows))
	}
	for _, r := range hw.Rows {
		c, ok := clean[r.Asset.Number]
		if !ok {
			t.Errorf("row %d: %q not in the clean ledger", r.Row, r.Asset.Number)
			continue
		}
		if NameKey(r.Person) != NameKey(c.Person) {
			t.Errorf("row %d person %q vs %q", r.Row, r.Person, c.Person)
		}
		a, b := *r.Asset, *c.Asset
		if r.Row == 9 || r.Row == 16 {
			if !strings.Contains(a.Notes, "\n") && r.Row == 16 {
				t.Errorf("row 16 notes lost the line break: %q", a.Notes)
			}
			a.Notes, b.Notes = "", ""
		}
		if d := hitori.DiffAssets(&b, &a); len(d) != 0 || r.Department != c.Department {
			t.Errorf("row %d (%s) differs: %v dept %q/%q", r.Row, a.Number, d, r.Department, c.Department)
		}
	}
	lic := res.Licenses()
	if len(lic) != 15 || lic[0].Row != 4 || lic[14].Row != 18 {
		t.Fatalf("licenses %d", len(lic))
	}
	byNo := map[string]License{}
	for _, l := range lic {
		byNo[l.No] = l
	}
	for _, c := range []struct {
		no, name          string
		seats, used       int
		key               string
		bought, expires   hitori.Date
		note, amount, per string
	}{
		{"1", "Microsoft 365 Business Premium", 120, 112, "（サブスクリプション／キーなし）", "2025-11-01", "2026-10-31", "", "4752000", ""},
		{"2", "Microsoft 365 Business Basic", 20, 18, "（サブスクリプション／キーなし）", "2024-11-01", "2026-10-31", "", "216000", ""},
		{"3", "Google Workspace Business Standard", 15, 14, "（サブスクリプション）", "2026-02-01", "2027-01-31", "", "293400", ""},
		{"5", "Adobe Creative Cloud コンプリート", 4, 4, "（Admin Console 管理）", "2024-07-01", "2027-06-30", "", "518400", ""},
		{"6", "FortiGate 60F UTM バンドル", 1, 1, "FGVMLA-7H3K2-QP9XW-5T8RZ-ME4C1", "2024-03-15", "2027-03-14", "", "312000", ""},
		{"7", "FortiClient EMS", 100, 84, "FCTEMS-K8PQ2-3HX7W-RT5N9-ZL2D6", "2024-03-15", "2027-03-14", "", "480000", ""},
		{"8", "ウイルスバスター Corp.（旧）", 80, 0, "VBC3-8JQK-2HWP-X7RT-4M9N-5ZLE", "2018-04-01", "", "無期限", "", ""},
		{"13", "Zoom Workplace Pro", 2, 2, "（SaaS）", "2025-04-01", "", "自動更新", "2200", "month"},
		{"14", "Windows Server 2022 Standard（16コア）", 1, 1, "VDK7N-2RXQ8-HT3PW-9MJ4C-KX6BF", "2022-11-25", "", "無期限", "128000", ""},
	} {
		l := byNo[c.no]
		if l.Name != c.name || intp(l.Seats) != itoa(c.seats) || intp(l.Used) != itoa(c.used) || l.Key != c.key ||
			l.PurchasedOn != c.bought || l.ExpiresOn != c.expires || l.ExpiryNote != c.note || int64p(l.AmountYen) != c.amount || l.AmountPer != c.per {
			t.Errorf("license No.%s: %+v", c.no, l)
		}
	}
}

func itoa(n int) string { return intp(&n) }
