package ledger

import (
	"bytes"
	"strings"
	"testing"
)

func exportTable() *Table {
	n := int64(128000)
	return &Table{Sheet: "資産台帳", Headers: []string{"資産番号", "種別", "使用者", "購入日", "購入金額", "備考"},
		Rows: [][]Value{
			{TextValue("MS-PC-0001"), TextValue("PC"), TextValue("井上 悠斗"), DateValue("2023-04-01"), NumValue(&n), TextValue("行1\n行2 <&> \"引用\" 髙橋 ①")},
			{TextValue("MS-PC-0002"), TextValue("モニター"), TextValue(""), DateValue(""), NumValue(nil), TextValue("")},
		}}
}

// What the writers write, the readers read back unchanged.
func TestExportRoundTrip(t *testing.T) {
	for _, format := range []string{"xlsx", "csv", "cp932"} {
		var buf bytes.Buffer
		var err error
		switch format {
		case "xlsx":
			err = WriteXLSX(&buf, exportTable())
		default:
			err = WriteCSV(&buf, exportTable(), format == "cp932")
		}
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if format == "csv" && !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")) {
			t.Errorf("UTF-8 CSV without BOM")
		}
		if format == "cp932" && DetectEncoding(buf.Bytes()) != EncCP932 {
			t.Errorf("cp932 detected as %s", DetectEncoding(buf.Bytes()))
		}
		res := parseBytes(t, format, buf.Bytes())
		rows := res.Rows()
		if len(rows) != 2 || len(res.Errors()) != 0 {
			t.Fatalf("%s: %d rows, errors %v", format, len(rows), res.Errors())
		}
		a := rows[0].Asset
		wantNotes := "行1\n行2 <&> \"引用\" 髙橋 ①"
		if a.Number != "MS-PC-0001" || a.Type != "pc" || rows[0].Person != "井上 悠斗" || a.AcquiredOn != "2023-04-01" ||
			a.PriceYen == nil || *a.PriceYen != 128000 || a.Notes != wantNotes {
			t.Errorf("%s: %+v person %q notes %q", format, a, rows[0].Person, a.Notes)
		}
		if b := rows[1].Asset; b.Type != "monitor" || b.PriceYen != nil || b.AcquiredOn != "" {
			t.Errorf("%s row 2: %+v", format, b)
		}
		if format == "xlsx" && res.Sheets[0].Name != "資産台帳" {
			t.Errorf("sheet %q", res.Sheets[0].Name)
		}
	}
}

// A character CP932 cannot hold becomes "?" rather than failing the export.
func TestCP932Unencodable(t *testing.T) {
	var buf bytes.Buffer
	tbl := &Table{Headers: []string{"資産番号", "備考"}, Rows: [][]Value{{TextValue("A-1"), TextValue("😀 ok")}}}
	if err := WriteCSV(&buf, tbl, true); err != nil {
		t.Fatal(err)
	}
	text, _ := DecodeText(buf.Bytes(), DefaultLimits)
	if !strings.Contains(text, "? ok") {
		t.Errorf("%q", text)
	}
}
