package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/ledger"
	"hitori/report/reportseed"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// seededEnv is a server on the generated report data set, its clock
// (the reports' and the handover register's too) at reportseed.Now.
func seededEnv(t *testing.T, db *sqlstore.DB) (*env, *reportseed.Expect) {
	e := newEnv(t, db)
	exp, err := reportseed.All(context.Background(), reportseed.Seeder{Items: db.Items(), Users: db.Users(), Assets: db.Assets(),
		Monitors: db.Monitors(), Incidents: db.Incidents(), Articles: db.Articles(), Handover: db.Handover(), Duties: db.Duties(),
		SetNow: func(at time.Time) { db.Now = func() time.Time { return at } }})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.t = reportseed.Now.UTC()
	db.Now = e.clock.Now
	e.srv.report.Now = e.clock.Now
	return e, exp
}

// TestReportTimeAPI checks the public contract of GET /api/v1/reports/time
// against the data set's known answers, on both databases, as a viewer's
// API token calls it.
func TestReportTimeAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e, exp := seededEnv(t, db)
		viewer := e.mustUser("keiei@example.com", hitori.RoleViewer)
		token, _, err := db.Auth().CreateToken(context.Background(), viewer.ID, "reports")
		if err != nil {
			t.Fatal(err)
		}
		for _, span := range [][2]string{{"2026-11-01", "2026-11-30"}, {"2026-11-01", "2026-11-01"}, {"2026-10-31", "2026-10-31"}, {"2026-12-01", "2026-12-31"}} {
			status, _, body := e.client().get("/api/v1/reports/time?from="+span[0]+"&to="+span[1], "Authorization", "Bearer "+token)
			if status != http.StatusOK {
				t.Fatalf("%v: status %d %s", span, status, body)
			}
			var got struct {
				From, To     string
				TotalMinutes int `json:"total_minutes"`
				ByCategory   []struct {
					Category string
					Minutes  int
				} `json:"by_category"`
				ByKind []struct {
					Kind    string
					Minutes int
				} `json:"by_kind"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			total, byCat, byKind := exp.Minutes(span[0], span[1])
			if got.From != span[0] || got.To != span[1] || got.TotalMinutes != total {
				t.Errorf("%v: %s", span, body)
			}
			for _, c := range got.ByCategory {
				if byCat[c.Category] != c.Minutes {
					t.Errorf("%v category %q: %d, want %d", span, c.Category, c.Minutes, byCat[c.Category])
				}
			}
			for _, k := range got.ByKind {
				if byKind[k.Kind] != k.Minutes {
					t.Errorf("%v kind %q: %d, want %d", span, k.Kind, k.Minutes, byKind[k.Kind])
				}
			}
			if len(got.ByCategory) != len(byCat) || len(got.ByKind) != len(byKind) {
				t.Errorf("%v: keys %s, want %v %v", span, body, byCat, byKind)
			}
		}
		status, _, body := e.client().get("/api/v1/reports/time?from=2026-11-30&to=2026-11-01", "Authorization", "Bearer "+token)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"to"`) {
			t.Errorf("reversed span: %d %s", status, body)
		}
	})
}

// TestViewerReadsReportsOnly: the viewer opens every report page, and
// every other route refuses them, writes included (their own account and
// session excepted).
func TestViewerReadsReportsOnly(t *testing.T) {
	e, _ := seededEnv(t, storetest.Open(t, sqlstore.SQLite))
	e.mustUser("keiei@example.com", hitori.RoleViewer)
	c := e.client()
	c.login("keiei@example.com", "password123")
	for _, path := range []string{"/dashboard", "/reports/time?from=2026-11-01&to=2026-11-30", "/reports/service?from=2026-11-01&to=2026-11-30",
		"/reports/monthly", "/reports/monthly/2026-11", "/reports/roi?initial_yen=100000&hours_per_month=2", "/reports/plan",
		"/reports/export?from=2026-11-01&to=2026-11-30&table=category&format=csv"} {
		if status, _, body := c.get(path); status != http.StatusOK {
			t.Errorf("GET %s as viewer: %d %.300s", path, status, body)
		}
	}
	for _, rt := range e.srv.routes() {
		method, _, _ := strings.Cut(rt.pattern, " ")
		if method == "GET" || rt.access == anyRole || rt.access == public {
			continue
		}
		if mayUse(rt.access, &hitori.User{Role: hitori.RoleViewer}) {
			t.Errorf("%s: a viewer may write here", rt.pattern)
		}
	}
}

func TestDashboardFigures(t *testing.T) {
	e, exp := seededEnv(t, storetest.Open(t, sqlstore.SQLite))
	e.mustUser("boss@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("boss@example.com", "password123")
	status, _, body := c.get("/dashboard")
	if status != http.StatusOK {
		t.Fatalf("dashboard: %d", status)
	}
	open := 0
	for _, q := range []string{"dash-q1", "dash-q2", "dash-q3", "dash-q4"} {
		i := strings.Index(body, `data-testid="`+q+`"`)
		if i < 0 {
			t.Fatalf("no %s", q)
		}
		var n int
		rest := body[i:]
		rest = rest[strings.Index(rest, "<b>")+3:]
		for _, r := range rest {
			if r < '0' || r > '9' {
				break
			}
			n = n*10 + int(r-'0')
		}
		open += n
	}
	if open != exp.Open {
		t.Errorf("open items on the dashboard: %d, want %d", open, exp.Open)
	}
	for _, want := range []string{`data-testid="dash-duties"`, "バックアップの確認", "2026-12-08 が期限（未完了）", "今日が期限",
		`data-testid="dash-gaps"`, "会計システム", "保守業者を登録する", "保管庫", `data-testid="dash-down"`, "Webサイト",
		"UTM 保守契約", "2027-02-28 が解約・変更の判断期限", `href="/contracts/`, "PC-002"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
	// A viewer sees the same boxes without links into pages they may not open.
	e.mustUser("keiei@example.com", hitori.RoleViewer)
	v := e.client()
	v.login("keiei@example.com", "password123")
	status, _, body = v.get("/dashboard")
	if status != http.StatusOK || !strings.Contains(body, "バックアップの確認") || !strings.Contains(body, "会計システム") {
		t.Fatalf("viewer's dashboard: %d", status)
	}
	for _, bad := range []string{`href="/contracts/`, `href="/work/items/`, `href="/systems/`, "問い合わせ 4"} {
		if strings.Contains(body, bad) {
			t.Errorf("viewer's dashboard has %s", bad)
		}
	}
}

// TestReportPlanExcel opens the replacement plan's .xlsx files and checks
// their cells against the data set's known plan.
func TestReportPlanExcel(t *testing.T) {
	e, exp := seededEnv(t, storetest.Open(t, sqlstore.SQLite))
	e.mustUser("keiei@example.com", hitori.RoleViewer)
	c := e.client()
	c.login("keiei@example.com", "password123")
	sheet := func(query string) *ledger.Sheet {
		t.Helper()
		res, err := c.c.Get(e.ts.URL + "/reports/plan?format=xlsx" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil || res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("plan%s: %d %s %v", query, res.StatusCode, res.Header.Get("Content-Type"), err)
		}
		wb, err := ledger.Read(body, ledger.DefaultLimits)
		if err != nil || len(wb.Sheets) != 1 {
			t.Fatalf("plan%s: %v", query, err)
		}
		return wb.Sheets[0]
	}
	rows := sheet("")
	if got := cellTexts(rows, 0); strings.Join(got, "|") != "資産番号|機種|部署|期限|理由|金額（円）" {
		t.Errorf("headers %v", got)
	}
	want := exp.Assets.PlanRows
	if len(rows.Rows) != len(want)+1 {
		t.Fatalf("%d rows, want %d and the headers", len(rows.Rows), len(want))
	}
	reasons := map[string]string{"os": "OS サポート終了", "life": "耐用年数", "lease": "リース終了"}
	for i, w := range want {
		r := rows.Rows[i+1]
		yen := rows.Cell(i+1, 5)
		if rows.Cell(i+1, 0).Text != w.Number || rows.Cell(i+1, 3).Text != string(w.Due) || rows.Cell(i+1, 4).Text != reasons[w.Reason] ||
			yen.Kind != ledger.CellNumber || yen.Num != float64(w.Yen) {
			t.Errorf("row %d: %+v, want %+v", i+2, r, w)
		}
	}
	month := sheet("&table=month")
	sum := 0.0
	for i := 1; i < len(month.Rows); i++ {
		k, v := month.Cell(i, 0).Text, month.Cell(i, 1)
		if v.Kind != ledger.CellNumber || int64(v.Num) != exp.Assets.PlanByMonth[k] {
			t.Errorf("month %s: %+v, want %d", k, v, exp.Assets.PlanByMonth[k])
		}
		sum += v.Num
	}
	if len(month.Rows) != 13 || int64(sum) != exp.Assets.PlanTotal {
		t.Errorf("by month: %d rows, sum %v; want 12 months summing to %d", len(month.Rows)-1, sum, exp.Assets.PlanTotal)
	}
	dept := sheet("&table=department")
	for i := 1; i < len(dept.Rows); i++ {
		k := dept.Cell(i, 0).Text
		if k == "（未設定）" {
			k = ""
		}
		if v := dept.Cell(i, 1); int64(v.Num) != exp.Assets.PlanByDept[k] {
			t.Errorf("department %q: %v, want %d", k, v.Num, exp.Assets.PlanByDept[k])
		}
	}
}

func cellTexts(s *ledger.Sheet, row int) []string {
	var out []string
	for i := range s.Rows[row] {
		out = append(out, s.Cell(row, i).Text)
	}
	return out
}
