package sqlstore_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// MustCreateAsset creates a as the context's user or fails the test.
func MustCreateAsset(tb testing.TB, db *sqlstore.DB, ctx context.Context, a *hitori.Asset) *hitori.Asset {
	tb.Helper()
	if err := db.Assets().CreateAsset(ctx, a); err != nil {
		tb.Fatalf("create asset %q: %v", a.Number, err)
	}
	return a
}

func yen(n int64) *int64 { return &n }

func TestAssetRegisterFind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		st := db.Assets()
		ctx := f.techCtx
		sales, err := st.EnsureDepartment(ctx, "営業部")
		if err != nil {
			t.Fatal(err)
		}
		tanaka, err := st.EnsurePerson(ctx, "田中 一郎", sales.ID)
		if err != nil {
			t.Fatal(err)
		}
		MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "PC-002", Type: hitori.AssetPC, Maker: "Lenovo", Model: "ThinkPad X1", Serial: "PF-111",
			PersonID: tanaka.ID, DepartmentID: sales.ID, Location: "本社3F", AcquiredOn: "2024-04-01", PriceYen: yen(198000)})
		MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "PC-001", Type: hitori.AssetPC, Maker: "富士通", Model: "LIFEBOOK", Serial: "R3X-9", Hostname: "eigyo-01"})
		MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "MN-001", Type: hitori.AssetMonitor, Maker: "EIZO", Status: hitori.AssetInStock, Location: "倉庫"})
		MustCreateAsset(t, db, ctx, &hitori.Asset{Type: hitori.AssetOther, Maker: "不明"}) // no number yet

		numbers := func(f hitori.AssetFilter) ([]string, int) {
			t.Helper()
			got, total, err := st.FindAssets(ctx, f)
			if err != nil {
				t.Fatalf("find %+v: %v", f, err)
			}
			var out []string
			for _, a := range got {
				out = append(out, a.Number)
			}
			return out, total
		}
		for _, tc := range []struct {
			name  string
			f     hitori.AssetFilter
			want  []string
			total int
		}{
			{"all by number, unnumbered last", hitori.AssetFilter{}, []string{"MN-001", "PC-001", "PC-002", ""}, 4},
			{"descending", hitori.AssetFilter{Desc: true}, []string{"PC-002", "PC-001", "MN-001", ""}, 4},
			{"q maker", hitori.AssetFilter{Query: "lenovo"}, []string{"PC-002"}, 1},
			{"q person", hitori.AssetFilter{Query: "田中"}, []string{"PC-002"}, 1},
			{"q hostname", hitori.AssetFilter{Query: "EIGYO"}, []string{"PC-001"}, 1},
			{"q like chars are literal", hitori.AssetFilter{Query: "%"}, nil, 0},
			{"serial exact", hitori.AssetFilter{Serial: "R3X-9"}, []string{"PC-001"}, 1},
			{"number exact", hitori.AssetFilter{Number: "MN-001"}, []string{"MN-001"}, 1},
			{"type", hitori.AssetFilter{Type: hitori.AssetPC}, []string{"PC-001", "PC-002"}, 2},
			{"status", hitori.AssetFilter{Status: hitori.AssetInStock}, []string{"MN-001"}, 1},
			{"person", hitori.AssetFilter{PersonID: tanaka.ID}, []string{"PC-002"}, 1},
			{"department", hitori.AssetFilter{DepartmentID: sales.ID}, []string{"PC-002"}, 1},
			{"location", hitori.AssetFilter{Location: "倉"}, []string{"MN-001"}, 1},
			{"acquired, unknown last", hitori.AssetFilter{Sort: "acquired", Type: hitori.AssetPC}, []string{"PC-002", "PC-001"}, 2},
			{"second page", hitori.AssetFilter{Offset: 2, Limit: 2}, []string{"PC-002", ""}, 4},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, total := numbers(tc.f)
				if total != tc.total || len(got) != len(tc.want) {
					t.Fatalf("got %q (total %d), want %q (total %d)", got, total, tc.want, tc.total)
				}
				for i := range got {
					if got[i] != tc.want[i] {
						t.Fatalf("got %q, want %q", got, tc.want)
					}
				}
			})
		}
		if _, _, err := st.FindAssets(ctx, hitori.AssetFilter{Sort: "nope"}); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Errorf("bad sort: %v", err)
		}
		got, _, _ := st.FindAssets(ctx, hitori.AssetFilter{Number: "PC-002"})
		if a := got[0]; a.Person != "田中 一郎" || a.Department != "営業部" || *a.PriceYen != 198000 {
			t.Errorf("joined names = %q %q", a.Person, a.Department)
		}
		dup := &hitori.Asset{Number: "PC-001"}
		wantField(t, st.CreateAsset(ctx, dup), "number")
		wantField(t, st.CreateAsset(ctx, &hitori.Asset{PersonID: 99999}), "person_id")
	})
}

func TestAssetRegisterUpdateAndHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		st := db.Assets()
		ctx := f.techCtx
		p, _ := st.EnsurePerson(ctx, "佐藤 花子", 0)
		a := MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "PC-010", Type: hitori.AssetPC, Location: "本社2F"})
		for _, tc := range []struct {
			name   string
			change func(a *hitori.Asset)
			kind   hitori.AssetEventKind
			fields int
		}{
			{"move", func(a *hitori.Asset) { a.Location = "本社3F" }, hitori.AssetMoved, 1},
			{"assign", func(a *hitori.Asset) { a.PersonID = p.ID }, hitori.AssetAssigned, 1},
			{"status", func(a *hitori.Asset) { a.Status = hitori.AssetRetiring }, hitori.AssetStatusSet, 1},
			{"repair", func(a *hitori.Asset) { a.Status = hitori.AssetRepair }, hitori.AssetRepaired, 1},
			{"edit", func(a *hitori.Asset) { a.Model = "X1"; a.Custom = map[string]string{"メモリ": "16GB"} }, hitori.AssetChanged, 2},
			{"nothing", func(a *hitori.Asset) {}, "", 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f.clock.Add(1e9)
				changes, err := st.UpdateAsset(ctx, a.ID, "", func(a *hitori.Asset) error { tc.change(a); return nil })
				if err != nil || len(changes) != tc.fields {
					t.Fatalf("changes = %+v, %v", changes, err)
				}
				h, err := st.AssetHistory(ctx, a.ID, 0)
				if err != nil {
					t.Fatal(err)
				}
				if tc.kind != "" && (h[0].Kind != tc.kind || h[0].ActorID != f.tech.ID || h[0].Actor != "tech@example.com") {
					t.Errorf("latest event = %+v", h[0])
				}
			})
		}
		h, _ := st.AssetHistory(ctx, a.ID, 0)
		if len(h) != 6 || h[len(h)-1].Kind != hitori.AssetCreated {
			t.Errorf("history has %d entries", len(h))
		}
		_, err := st.UpdateAsset(ctx, a.ID, "", func(a *hitori.Asset) error { a.AcquiredOn = "2024-02-30"; return nil })
		wantField(t, err, "acquired_on")
		if h2, _ := st.AssetHistory(ctx, a.ID, 0); len(h2) != len(h) {
			t.Error("a refused edit left history")
		}
		if _, err := st.UpdateAsset(ctx, 99999, "", func(*hitori.Asset) error { return nil }); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("missing asset: %v", err)
		}
		gone, err := st.DeleteAsset(ctx, a.ID)
		if err != nil || gone.Number != "PC-010" {
			t.Fatalf("delete = %v, %v", gone, err)
		}
		if _, err := st.FindAsset(ctx, a.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("after delete: %v", err)
		}
	})
}

func TestAssetLoans(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		st := db.Assets()
		ctx := f.techCtx
		p, _ := st.EnsurePerson(ctx, "鈴木", 0)
		a := MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "LN-1", Type: hitori.AssetPC, Status: hitori.AssetInStock})
		if err := st.CheckInAsset(ctx, a.ID, "", ""); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Errorf("check-in of an asset in stock: %v", err)
		}
		wantField(t, st.CheckOutAsset(ctx, a.ID, p.ID, "", ""), "loan_due")
		wantField(t, st.CheckOutAsset(ctx, a.ID, 0, "2026-12-01", ""), "person_id")
		if err := st.CheckOutAsset(ctx, a.ID, p.ID, "2026-12-01", "出張用"); err != nil {
			t.Fatal(err)
		}
		if err := st.CheckOutAsset(ctx, a.ID, p.ID, "2026-12-01", ""); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Errorf("second check-out: %v", err)
		}
		got, _ := st.FindAsset(ctx, a.ID)
		if got.Status != hitori.AssetOnLoan || got.PersonID != p.ID || got.LoanDue != "2026-12-01" {
			t.Fatalf("lent = %+v", got)
		}
		for today, want := range map[hitori.Date]int{"2026-12-01": 0, "2026-12-02": 1} {
			if over, err := st.OverdueLoans(ctx, today); err != nil || len(over) != want {
				t.Errorf("overdue on %s = %d, %v; want %d", today, len(over), err, want)
			}
		}
		if err := st.CheckInAsset(ctx, a.ID, "倉庫", ""); err != nil {
			t.Fatal(err)
		}
		got, _ = st.FindAsset(ctx, a.ID)
		if got.Status != hitori.AssetInStock || got.PersonID != 0 || got.LoanDue != "" || got.Location != "倉庫" {
			t.Fatalf("returned = %+v", got)
		}
		h, _ := st.AssetHistory(ctx, a.ID, 0)
		if len(h) != 3 || h[0].Kind != hitori.AssetCheckIn || h[1].Kind != hitori.AssetCheckOut || h[1].Note != "出張用" {
			t.Errorf("history = %+v", h)
		}
	})
}

func TestAssetPeopleAndDepartments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		st := db.Assets()
		ctx := f.adminCtx
		d1, err := st.EnsureDepartment(ctx, " 総務部 ")
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := st.EnsureDepartment(ctx, "総務部"); again.ID != d1.ID {
			t.Errorf("ensure twice made two departments")
		}
		wantField(t, st.CreateDepartment(ctx, &hitori.Department{Name: "総務部"}), "name")
		d2 := &hitori.Department{Name: "経理部", Code: "K01"}
		if err := st.CreateDepartment(ctx, d2); err != nil {
			t.Fatal(err)
		}
		a, _ := st.EnsurePerson(ctx, "山田", d1.ID)
		b := &hitori.Person{Name: "山田", DepartmentID: d2.ID, Email: "yamada@example.com", Active: true}
		if err := st.CreatePerson(ctx, b); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.EnsurePerson(ctx, "山田", d2.ID); got.ID != b.ID {
			t.Errorf("ensure preferred %d, want the one in 経理部 %d", got.ID, b.ID)
		}
		if got, _ := st.EnsurePerson(ctx, "山田", 0); got.ID != a.ID {
			t.Errorf("ensure without department = %d, want the oldest %d", got.ID, a.ID)
		}
		wantField(t, st.CreatePerson(ctx, &hitori.Person{Name: " "}), "name")
		wantField(t, st.CreatePerson(ctx, &hitori.Person{Name: "x", DepartmentID: 99999}), "department_id")
		people, total, err := st.FindPeople(ctx, hitori.PersonFilter{Query: "yamada"})
		if err != nil || total != 1 || people[0].Department != "経理部" {
			t.Fatalf("find people = %v %d %v", people, total, err)
		}
		b.Name = "山田 太郎"
		if err := st.UpdatePerson(ctx, b); err != nil {
			t.Fatal(err)
		}
		asset := MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "P-1", PersonID: b.ID, DepartmentID: d2.ID})
		if err := st.DeleteDepartment(ctx, d2.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.DeletePerson(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := st.FindAsset(ctx, asset.ID)
		if got.PersonID != 0 || got.DepartmentID != 0 {
			t.Errorf("asset still names deleted person/department: %+v", got)
		}
		if err := st.DeletePerson(ctx, b.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("second delete: %v", err)
		}
		depts, _ := st.Departments(ctx)
		if len(depts) != 1 || depts[0].Name != "総務部" {
			t.Errorf("departments = %+v", depts)
		}
	})
}

func TestAssetFieldDefs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		st := db.Assets()
		ctx := f.adminCtx
		mem := &hitori.AssetFieldDef{Type: hitori.AssetPC, Name: "メモリ", Position: 2}
		cpu := &hitori.AssetFieldDef{Type: hitori.AssetPC, Name: "CPU", Position: 1}
		line := &hitori.AssetFieldDef{Type: hitori.AssetPhone, Name: "回線番号"}
		for _, d := range []*hitori.AssetFieldDef{mem, cpu, line} {
			if err := st.SaveAssetFieldDef(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		wantField(t, st.SaveAssetFieldDef(ctx, &hitori.AssetFieldDef{Type: hitori.AssetPC, Name: "メモリ"}), "name")
		wantField(t, st.SaveAssetFieldDef(ctx, &hitori.AssetFieldDef{Type: "car", Name: "x"}), "type")
		pcs, _ := st.AssetFieldDefs(ctx, hitori.AssetPC)
		if len(pcs) != 2 || pcs[0].Name != "CPU" || pcs[1].Name != "メモリ" {
			t.Errorf("pc fields = %+v", pcs)
		}
		if all, _ := st.AssetFieldDefs(ctx, ""); len(all) != 3 {
			t.Errorf("all fields = %d", len(all))
		}
		mem.Name = "メモリ容量"
		if err := st.SaveAssetFieldDef(ctx, mem); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteAssetFieldDef(ctx, cpu.ID); err != nil {
			t.Fatal(err)
		}
		if pcs, _ := st.AssetFieldDefs(ctx, hitori.AssetPC); len(pcs) != 1 || pcs[0].Name != "メモリ容量" {
			t.Errorf("after rename and delete = %+v", pcs)
		}
	})
}

func TestStocktake(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		st := db.Assets()
		ctx := f.techCtx
		p, _ := st.EnsurePerson(ctx, "高橋", 0)
		a := MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "S-1", Location: "本社1F"})
		b := MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "S-2", Location: "本社2F"})
		MustCreateAsset(t, db, ctx, &hitori.Asset{Number: "S-3", Status: hitori.AssetRetired})
		if _, err := st.CurrentStocktake(ctx); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("no round yet: %v", err)
		}
		round, err := st.StartStocktake(ctx, "2026年度上期")
		if err != nil {
			t.Fatal(err)
		}
		if round.Seen != 0 || round.Total != 2 {
			t.Errorf("progress = %d/%d, want 0/2 (retired not expected)", round.Seen, round.Total)
		}
		if _, err := st.StartStocktake(ctx, ""); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Errorf("second open round: %v", err)
		}
		// Confirmed as it stands: history, no field change.
		if err := st.ConfirmStocktake(ctx, round.ID, a.ID, hitori.StocktakeConfirm{Location: "本社1F"}); err != nil {
			t.Fatal(err)
		}
		// Confirmed twice: still one seen.
		if err := st.ConfirmStocktake(ctx, round.ID, a.ID, hitori.StocktakeConfirm{Location: "本社1F"}); err != nil {
			t.Fatal(err)
		}
		cur, _ := st.CurrentStocktake(ctx)
		unseen, _ := st.StocktakeUnseen(ctx, round.ID, 0)
		if cur.Seen != 1 || len(unseen) != 1 || unseen[0].ID != b.ID {
			t.Errorf("after one: seen %d, unseen %v", cur.Seen, unseen)
		}
		if seen, _ := st.StocktakeSeen(ctx, round.ID, a.ID); !seen {
			t.Error("a not seen")
		}
		// Found elsewhere, with someone: both written with the sighting.
		if err := st.ConfirmStocktake(ctx, round.ID, b.ID, hitori.StocktakeConfirm{Location: "本社3F", PersonID: p.ID}); err != nil {
			t.Fatal(err)
		}
		got, _ := st.FindAsset(ctx, b.ID)
		h, _ := st.AssetHistory(ctx, b.ID, 0)
		if got.Location != "本社3F" || got.PersonID != p.ID || h[0].Kind != hitori.AssetStocktake || len(h[0].Changes) != 2 {
			t.Errorf("moved asset = %+v, history %+v", got, h[0])
		}
		if cur, _ := st.CurrentStocktake(ctx); cur.Seen != 2 || cur.Total != 2 {
			t.Errorf("progress = %d/%d", cur.Seen, cur.Total)
		}
		if err := st.FinishStocktake(ctx, round.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.ConfirmStocktake(ctx, round.ID, a.ID, hitori.StocktakeConfirm{}); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Errorf("confirm in a finished round: %v", err)
		}
		if _, err := st.StartStocktake(ctx, "次"); err != nil {
			t.Errorf("new round after finishing: %v", err)
		}
	})
}
