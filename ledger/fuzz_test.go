package ledger

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// fuzzLimits keep each fuzz run small.
var fuzzLimits = Limits{FileBytes: 1 << 20, PartBytes: 4 << 20, TotalBytes: 8 << 20, Rows: 2000, Cols: 64, Sheets: 8, Strings: 10000, CellRunes: 2000}

// FuzzReadXLSX: any bytes give a workbook or an error, never a panic, and
// a workbook parses without panicking either.
func FuzzReadXLSX(f *testing.F) {
	for _, name := range []string{"it_asset_ledger_messy.xlsx", "it_asset_ledger_clean.xlsx"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	var small bytes.Buffer
	if err := WriteXLSX(&small, exportTable()); err == nil {
		f.Add(small.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := ReadXLSX(data, fuzzLimits)
		if err != nil {
			return
		}
		for _, s := range wb.Sheets {
			if len(s.Rows) > fuzzLimits.Rows {
				t.Fatalf("%d rows past the limit", len(s.Rows))
			}
		}
		Parse(wb, Options{})
	})
}

// FuzzReadCSV: decoding any bytes yields valid UTF-8 cells or an error.
func FuzzReadCSV(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "it_asset_ledger_clean_cp932.csv")); err == nil {
		f.Add(b[:min(len(b), 4000)])
	}
	f.Add([]byte("\xef\xbb\xbf資産番号,種別\nA-1,PC\n"))
	f.Add([]byte("\xff\xfe\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := ReadCSV(data, fuzzLimits)
		if err != nil {
			return
		}
		for _, r := range wb.Sheets[0].Rows {
			for _, c := range r {
				if !utf8.ValidString(c.Text) {
					t.Fatalf("invalid UTF-8 cell %q", c.Text)
				}
			}
		}
		res, err := Parse(wb, Options{})
		if err != nil {
			return
		}
		for _, row := range res.Rows() {
			if err := row.Asset.Validate(); err != nil {
				t.Fatalf("row %d passed parsing but not validation: %v", row.Row, err)
			}
		}
	})
}

// FuzzParseValues: dates come back valid or not at all; amounts are never
// negative.
func FuzzParseValues(f *testing.F) {
	for _, s := range []string{"2023/4/1", "令和元年5月1日", "R5.4.1", "H31.4.30", "47065", "¥128,000", "148.5千円", "１４８，５００円", "60", "2,200円/月"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, _, ok := ParseDate(s); ok && !d.Valid() {
			t.Fatalf("ParseDate(%q) = invalid %q", s, d)
		}
		if v, _, ok := ParseYen(s); ok && v < 0 {
			t.Fatalf("ParseYen(%q) = %d", s, v)
		}
		ParsePeriodYen(s)
		ParseCount(s)
		HeaderKey(s)
	})
}
