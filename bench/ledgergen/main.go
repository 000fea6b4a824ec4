// Command ledgergen writes a large IT asset ledger for bench/ledger.sh: the
// clean shared ledger's 120 rows repeated with fresh asset numbers and
// serials until -rows rows, as .xlsx or CSV (CP932), with a title row and
// Japanese headers as offices write them.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"hitori/ledger"
)

func main() {
	src := flag.String("src", "testdata/ledger/it_asset_ledger_clean.xlsx", "ledger whose rows are repeated")
	rows := flag.Int("rows", 50000, "data rows to write")
	out := flag.String("out", "ledger.xlsx", "file to write (.xlsx or .csv)")
	flag.Parse()
	data, err := os.ReadFile(*src)
	if err != nil {
		log.Fatal(err)
	}
	wb, err := ledger.Read(data, ledger.DefaultLimits)
	if err != nil {
		log.Fatal(err)
	}
	sh := wb.Sheets[0]
	header := sh.Rows[0]
	t := &ledger.Table{Sheet: "IT資産台帳"}
	for _, c := range header {
		t.Headers = append(t.Headers, c.Text)
	}
	body := sh.Rows[1:]
	for i := 0; i < *rows; i++ {
		src := body[i%len(body)]
		row := make([]ledger.Value, len(t.Headers))
		for j := range row {
			var c ledger.Cell
			if j < len(src) {
				c = src[j]
			}
			switch {
			case j == 0:
				row[j] = ledger.TextValue(fmt.Sprintf("%s-%06d", c.Text[:5], i+1))
			case j == 4:
				row[j] = ledger.TextValue(fmt.Sprintf("%s%06d", c.Text, i))
			case c.Kind == ledger.CellDate:
				d, _, _ := ledger.SerialDate(c.Num)
				row[j] = ledger.DateValue(d)
			case c.Kind == ledger.CellNumber:
				n := int64(c.Num)
				row[j] = ledger.NumValue(&n)
			default:
				row[j] = ledger.TextValue(c.Text)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if strings.HasSuffix(*out, ".csv") {
		err = ledger.WriteCSV(f, t, true)
	} else {
		err = ledger.WriteXLSX(f, t)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		log.Fatal(err)
	}
}
