package ledger

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"hitori"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  hitori.Date
		empty bool
		ok    bool
	}{
		{"2023/4/1", "2023-04-01", false, true},
		{"2023-04-01", "2023-04-01", false, true},
		{"2023.4.1", "2023-04-01", false, true},
		{"2023年4月1日", "2023-04-01", false, true},
		{"2019年10月21日", "2019-10-21", false, true},
		{"２０１９／３／１２", "2019-03-12", false, true},
		{"20230401", "2023-04-01", false, true},
		{"2023/4/1 0:00:00", "2023-04-01", false, true},
		{"令和5年4月1日", "2023-04-01", false, true},
		{"令和7年11月8日", "2025-11-08", false, true},
		{"令和元年5月1日", "2019-05-01", false, true},
		{"令和元年4月30日", "", false, false}, // before 令和 began
		{"平成31年4月30日", "2019-04-30", false, true},
		{"平成31年5月1日", "2019-05-01", false, true}, // old era still written
		{"R5.4.1", "2023-04-01", false, true},
		{"H31.4.30", "2019-04-30", false, true},
		{"H31.3.12", "2019-03-12", false, true},
		{"Ｒ５．７．５", "2023-07-05", false, true},
		{"昭和64年1月7日", "1989-01-07", false, true},
		{"㍻31年4月1日", "2019-04-01", false, true},
		{"47065", "2028-11-08", false, true},
		{"44975", "2023-02-18", false, true},
		{"61", "1900-03-01", false, true},
		{"59", "1900-02-28", false, true},
		{"60", "", false, false}, // Lotus's 1900-02-29
		{"1", "1900-01-01", false, true},
		{"0", "", false, false},
		{"2023/2/30", "", false, false},
		{"2023/13/1", "", false, false},
		{"-", "", true, true},
		{"－", "", true, true},
		{"なし", "", true, true},
		{"", "", true, true},
		{"　", "", true, true},
		{"来年", "", false, false},
		{"R5.4", "", false, false},
	} {
		got, empty, ok := ParseDate(c.in)
		if got != c.want || empty != c.empty || ok != c.ok {
			t.Errorf("ParseDate(%q) = %q %v %v, want %q %v %v", c.in, got, empty, ok, c.want, c.empty, c.ok)
		}
	}
}

func TestParseYen(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  int64
		empty bool
		ok    bool
	}{
		{"128000", 128000, false, true},
		{"¥128,000", 128000, false, true},
		{"￥128,000", 128000, false, true},
		{"128,000円", 128000, false, true},
		{"128千円", 128000, false, true},
		{"148.5千円", 148500, false, true},
		{"１４８，５００円", 148500, false, true},
		{"12.8万円", 128000, false, true},
		{"128,000円（税込）", 128000, false, true},
		{"(税込)¥1,000", 1000, false, true},
		{"リース", 0, true, true},
		{"(リース)", 0, true, true},
		{"（リース）", 0, true, true},
		{"-", 0, true, true},
		{"", 0, true, true},
		{"0", 0, false, true},
		{"12.5", 0, false, false},
		{"2,200円/月", 0, false, false},
		{"約10万", 0, false, false},
		{"-500", 0, false, false},
		{"99999999999999999999", 0, false, false},
	} {
		got, empty, ok := ParseYen(c.in)
		if got != c.want || empty != c.empty || ok != c.ok {
			t.Errorf("ParseYen(%q) = %d %v %v, want %d %v %v", c.in, got, empty, ok, c.want, c.empty, c.ok)
		}
	}
	if v, per, _, ok := ParsePeriodYen("2,200円/月"); v != 2200 || per != "month" || !ok {
		t.Errorf("monthly: %d %q %v", v, per, ok)
	}
}

func TestSuggestField(t *testing.T) {
	for _, c := range []struct{ kind, header, want string }{
		{"asset", "資産番号", "number"}, {"asset", "管理番号", "number"}, {"asset", "備品番号", "number"},
		{"asset", "使用者", "person"}, {"asset", "利用者", "person"}, {"asset", "担当者", "person"},
		{"asset", "購入日", "acquired_on"}, {"asset", "取得日", "acquired_on"}, {"asset", "導入日", "acquired_on"},
		{"asset", "保証期限", "warranty_until"}, {"asset", "保守期限", "warranty_until"},
		{"asset", "購入金額（税込）", "price_yen"}, {"asset", "製造番号（S/N）", "serial"}, {"asset", "S/N", "serial"},
		{"asset", "Serial Number", "serial"}, {"asset", "ＯＳ", "os_name"}, {"asset", "No.", "#row"},
		{"asset", "【必須】資産番号", "number"}, {"asset", "資産番号※", "number"}, {"asset", "IPアドレス", ""},
		{"license", "購入数（席）", "license.seats"}, {"license", "ライセンス名", "license.name"},
	} {
		if got := SuggestField(c.kind, c.header); got != c.want {
			t.Errorf("SuggestField(%s, %q) = %q, want %q", c.kind, c.header, got, c.want)
		}
	}
}

func TestTypesAndStatuses(t *testing.T) {
	for in, want := range map[string]hitori.AssetType{"ノートPC": hitori.AssetPC, "ﾉｰﾄPC": hitori.AssetPC, "デスクトップPC": hitori.AssetPC,
		"モニター": hitori.AssetMonitor, "スマートフォン": hitori.AssetPhone, "UTM": hitori.AssetNetwork, "無線AP": hitori.AssetNetwork,
		"NAS": hitori.AssetServer, "UPS": hitori.AssetPeripheral, "複合機": hitori.AssetPrinter, "pc": hitori.AssetPC} {
		if got, ok := ParseType(in); got != want || !ok {
			t.Errorf("ParseType(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]hitori.AssetStatus{"在庫": hitori.AssetInStock, "使用中": hitori.AssetInUse, "修理中": hitori.AssetRepair,
		"貸出中": hitori.AssetOnLoan, "廃棄予定": hitori.AssetRetiring, "廃棄済": hitori.AssetRetired, "in_use": hitori.AssetInUse} {
		if got, ok := ParseStatus(in); got != want || !ok {
			t.Errorf("ParseStatus(%q) = %q", in, got)
		}
	}
}

func TestCSVEncodings(t *testing.T) {
	text := "タイトル\r\n\r\n資産番号,種別,型番,使用者,購入日,購入金額\r\nＭＳ１,ノートPC,X1,井上　悠斗,R5.4.1,\"￥128,000\"\r\n,,,,,\r\n"
	sj, err := japanese.ShiftJIS.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"utf-8": []byte(text), "utf-8-bom": append([]byte{0xEF, 0xBB, 0xBF}, text...), "cp932": []byte(sj),
		"tab": []byte(strings.ReplaceAll(strings.ReplaceAll(text, ",", "\t"), "\"￥128\t000\"", "￥128,000")),
	} {
		res := parseBytes(t, name, data)
		rows := res.Rows()
		if len(rows) != 1 || rows[0].Row != 4 || rows[0].Asset.Number != "MS1" || rows[0].Person != "井上 悠斗" ||
			rows[0].Asset.AcquiredOn != "2023-04-01" || *rows[0].Asset.PriceYen != 128000 {
			t.Errorf("%s: %+v %v", name, rows, res.Errors())
		}
	}
}

func TestRowErrors(t *testing.T) {
	text := "資産番号,種別,状態,購入日,購入金額,備考\n" +
		"A-1,PC,使用中,2023/4/1,1000,ok\n" +
		"A-2,PC,行方不明,2023/2/30,たくさん,bad\n" +
		",PC,在庫,,,no key\n" +
		"A-1,PC,在庫,,,duplicate\n"
	res, err := Parse(mustRead(t, []byte(text)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Errors() {
		got = append(got, e.String())
	}
	want := []string{
		"CSV!3 [状態]: " + Reason("ledger.error.status", "en"),
		"CSV!3 [購入日]: not a date",
		"CSV!3 [購入金額]: not an amount in yen",
		"CSV!4 [資産番号]: neither an asset number nor a serial number",
		"CSV!5 [資産番号]: the same asset number is on an earlier row of the file",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Rows()) != 1 || res.Sheets[0].Bad != 3 {
		t.Errorf("valid %d bad %d", len(res.Rows()), res.Sheets[0].Bad)
	}
}

func TestMappingCorrection(t *testing.T) {
	text := "管理コード,IPアドレス,購入日\nA-1,10.0.0.1,2023/4/1\n"
	res, err := Parse(mustRead(t, []byte(text)), Options{Mapping: Mapping{"IPアドレス": "custom.IP", "購入日": ""}})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rows()[0]
	if r.Asset.Custom["IP"] != "10.0.0.1" || r.Asset.AcquiredOn != "" || r.Has("acquired_on") || !r.Has("custom.IP") {
		t.Errorf("%+v", r)
	}
	if _, err := Parse(mustRead(t, []byte("a,b\n1,2\n")), Options{}); err == nil {
		t.Error("a sheet without a header row parsed")
	}
}

func mustRead(t *testing.T, data []byte) *Workbook {
	t.Helper()
	wb, err := Read(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// A zip bomb stops at the part limit whatever sizes its headers claim.
func TestZipBombRefused(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	zeros := make([]byte, 1<<20)
	for range 64 {
		w.Write(zeros)
	}
	zw.Close()
	lim := DefaultLimits
	lim.PartBytes = 8 << 20
	_, err := ReadXLSX(buf.Bytes(), lim)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if buf.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes", buf.Len())
	}
}

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{"yyyy/m/d": true, "General": false, "#,##0": false, `[$￥-411]#,##0`: false,
		`[$-411]ggge"年"m"月"d"日"`: true, `"Day "0`: false, "m/d": true, "h:mm": false, "0.00": false} {
		if got := IsDateFormat(code); got != want {
			t.Errorf("IsDateFormat(%q) = %v", code, got)
		}
	}
}
