package ledger

import (
	"strconv"
	"strings"

	"hitori"
)

// License is one row of a license sheet (ソフトウェアライセンス), in a form
// that does not depend on how the register stores licenses.
type License struct {
	Sheet       string
	Row         int
	No          string
	Name        string
	Maker       string
	Seats       *int // nil: not given
	Used        *int
	Key         string // as written; placeholders such as 別紙参照 included
	Contract    string
	PurchasedOn hitori.Date
	ExpiresOn   hitori.Date
	ExpiryNote  string // 無期限, 自動更新 … when the cell holds no date
	AmountYen   *int64
	AmountPer   string // "month", "year" or "" (a one-off or contract total)
	Notes       string
}

// readLicense reads one license row, or records its errors.
func (sr *SheetResult) readLicense(cells []Cell, rowNo int) {
	l := License{Sheet: sr.Name, Row: rowNo}
	var errs []CellError
	for _, col := range sr.Columns {
		c := cellAt(cells, col.Index)
		text := cellText(c)
		fail := func(key string) {
			errs = append(errs, CellError{Sheet: sr.Name, Row: rowNo, Column: col.Header, Key: key, Value: short(text)})
		}
		switch col.Field {
		case "":
			if SuggestField("license", col.Header) == "#row" {
				l.No = Fold(text)
			}
		case "license.name":
			l.Name = CleanText(text)
		case "license.maker":
			l.Maker = CleanText(text)
		case "license.key":
			l.Key = CleanText(text)
		case "license.contract":
			l.Contract = CleanText(text)
		case "license.notes":
			l.Notes = CleanText(text)
		case "license.seats", "license.used":
			n, empty, ok := licenseCount(c)
			if !ok {
				fail("ledger.error.count")
				break
			}
			if !empty {
				if col.Field == "license.seats" {
					l.Seats = &n
				} else {
					l.Used = &n
				}
			}
		case "license.purchased_on", "license.expires_on":
			d, empty, ok := cellDate(c)
			if !ok && col.Field == "license.expires_on" && c.Kind == CellText {
				// 無期限, 自動更新: no date, but worth keeping as words.
				l.ExpiryNote, ok = CleanText(text), true
			}
			if !ok {
				fail("ledger.error.date")
				break
			}
			if col.Field == "license.purchased_on" {
				l.PurchasedOn = d
			} else if !empty {
				l.ExpiresOn = d
			}
		case "license.amount":
			if c.Kind == CellNumber {
				v, _, ok := cellYen(c)
				if !ok {
					fail("ledger.error.amount")
				}
				l.AmountYen = &v
				break
			}
			v, per, empty, ok := ParsePeriodYen(text)
			if !ok {
				fail("ledger.error.amount")
				break
			}
			if !empty {
				l.AmountYen, l.AmountPer = &v, per
			}
		}
	}
	if len(errs) > 0 {
		sr.Errors = append(sr.Errors, errs...)
		sr.Bad++
		return
	}
	sr.Licenses = append(sr.Licenses, l)
}

func licenseCount(c Cell) (int, bool, bool) {
	if c.Kind == CellNumber {
		n := int(c.Num)
		return n, false, float64(n) == c.Num && n >= 0
	}
	return ParseCount(c.Text)
}

// String is a one-line summary for reports.
func (l License) String() string {
	var b strings.Builder
	b.WriteString(l.Name)
	if l.Seats != nil {
		b.WriteString(" seats=" + strconv.Itoa(*l.Seats))
	}
	if l.Used != nil {
		b.WriteString(" used=" + strconv.Itoa(*l.Used))
	}
	if l.ExpiresOn != "" {
		b.WriteString(" expires=" + string(l.ExpiresOn))
	}
	return b.String()
}
