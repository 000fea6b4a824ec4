package asset

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"hitori/ledger"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// benchLedger is an .xlsx ledger of n rows like the shared clean one.
func benchLedger(b *testing.B, n int) []byte {
	t := &ledger.Table{Sheet: "IT資産台帳", Headers: []string{"資産番号", "種別", "メーカー", "型番", "シリアル番号", "使用者", "部署", "設置場所", "購入日", "購入金額", "保証期限", "備考"}}
	for i := range n {
		price := int64(100000 + i%5000)
		t.Rows = append(t.Rows, []ledger.Value{ledger.TextValue(fmt.Sprintf("MS-PC-%06d", i)), ledger.TextValue("ノートPC"),
			ledger.TextValue("Lenovo"), ledger.TextValue("ThinkPad E14 Gen 2"), ledger.TextValue(fmt.Sprintf("PF%08d", i)),
			ledger.TextValue(fmt.Sprintf("社員 %d", i%300)), ledger.TextValue(fmt.Sprintf("部署%d", i%12)), ledger.TextValue("本社2F"),
			ledger.DateValue("2024-04-01"), ledger.NumValue(&price), ledger.DateValue("2027-03-31"), ledger.TextValue("")})
	}
	var buf bytes.Buffer
	if err := ledger.WriteXLSX(&buf, t); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkLedgerImport imports a generated ledger into an empty register
// (SQLite): go test -run XXX -bench LedgerImport -benchtime 1x ./asset
// (bench/ledger.sh measures the whole command on 50,000 rows).
func BenchmarkLedgerImport(b *testing.B) {
	for _, n := range []int{5000} {
		data := benchLedger(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				db := storetest.Open(b, sqlstore.SQLite)
				svc := New(db.Assets())
				b.StartTimer()
				rep, err := svc.Import(context.Background(), ImportRequest{Name: "bench.xlsx", Data: data})
				if err != nil || rep.Created != n {
					b.Fatalf("%v %+v", err, rep)
				}
			}
		})
	}
}
