package ledger

import "fmt"

// reasons are the texts of the catalogue keys this package reports, in
// Japanese and English. The web catalogue (web/locales/*/ledger.json)
// carries the same keys; a test keeps them in step.
var reasons = map[string][2]string{
	"ledger.error.date":          {"日付として読めません", "not a date"},
	"ledger.error.amount":        {"金額として読めません", "not an amount in yen"},
	"ledger.error.count":         {"数として読めません", "not a whole number"},
	"ledger.error.status":        {"状態として読めません（在庫・使用中・修理中・貸出中・廃棄予定・廃棄済）", "not a status (in stock, in use, repair, on loan, retiring, retired)"},
	"ledger.error.no_key":        {"資産番号もシリアル番号もありません", "neither an asset number nor a serial number"},
	"ledger.error.duplicate":     {"同じ資産番号がファイル内の前の行にあります", "the same asset number is on an earlier row of the file"},
	"ledger.error.too_long":      {"長すぎます", "too long"},
	"ledger.error.text":          {"使えない文字が含まれています", "contains characters that cannot be stored"},
	"ledger.error.invalid":       {"値が正しくありません", "invalid value"},
	"ledger.error.too_large":     {"ファイルが大きすぎます", "the file is too large"},
	"ledger.error.format":        {".xlsx または .csv のファイルとして読めません", "not a readable .xlsx or .csv file"},
	"ledger.error.no_header":     {"見出し行が見つかりません（資産番号・種別・型番などの列名）", "no header row found (column names such as asset number, type, model)"},
	"ledger.error.no_sheet":      {"指定のシートがありません", "no sheet of that name"},
	"ledger.error.mapping":       {"列の割り当てが正しくありません", "invalid column mapping"},
	"ledger.error.no_layout":     {"まだ取り込みがないため、前回の取り込みの列構成はありません", "there is no earlier import whose layout could be used"},
	"ledger.error.layout":        {"列構成は register か last-import を指定してください", "layout must be register or last-import"},
	"ledger.error.encoding":      {"文字コードは utf-8 か cp932 を指定してください", "encoding must be utf-8 or cp932"},
	"ledger.error.export_format": {"形式は xlsx か csv を指定してください", "format must be xlsx or csv"},
	"ledger.error.busy":          {"この取り込みは実行中です", "this import is running"},
	"ledger.error.done":          {"この取り込みは完了しています", "this import is done"},
	"ledger.error.no_licenses":   {"ライセンスの取り込みはまだできません（読み取りのみ）", "licenses are recognised but not imported yet"},
}

// Reason returns the text of a catalogue key in lang ("ja" or "en"); an
// unknown key comes back as itself.
func Reason(key, lang string) string {
	r, ok := reasons[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return r[1]
	}
	return r[0]
}

// ReasonKeys lists every catalogue key of this package.
func ReasonKeys() []string {
	out := make([]string, 0, len(reasons))
	for k := range reasons {
		out = append(out, k)
	}
	return out
}

// CellError is one problem with one cell (or a whole row, when Column
// names the key column): the sheet, the spreadsheet's 1-based row, the
// column's header text and the reason's catalogue key.
type CellError struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"`
	Key    string `json:"-"`
	Value  string `json:"-"` // the cell's text, shortened
}

// Reason is the error's reason in lang.
func (e CellError) Reason(lang string) string { return Reason(e.Key, lang) }

func (e CellError) String() string {
	return fmt.Sprintf("%s!%d [%s]: %s", e.Sheet, e.Row, e.Column, Reason(e.Key, "en"))
}
