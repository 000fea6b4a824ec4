package ledger

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"hitori"
)

// Fold returns s in NFKC form (full-width digits and letters half-width,
// ＭＳ－ＰＣ → MS-PC, ￥ → ¥) with spaces trimmed: how codes, dates and
// amounts are read. Free text (names, notes) keeps its own form.
func Fold(s string) string {
	return strings.TrimSpace(norm.NFKC.String(s))
}

// CleanText trims a free-text cell: surrounding spaces (half- and
// full-width) go, line breaks inside stay (normalised to \n).
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Trim(s, " \t\n\u3000")
}

// CleanName tidies a person's or department's name: trimmed, full-width
// spaces and runs of spaces made one half-width space. NameKey is what
// names are matched on.
func CleanName(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), " ")
}

// NameKey is a name with all white space removed, so 井上 悠斗, 井上　悠斗
// and 井上悠斗 are one person.
func NameKey(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(norm.NFKC.String(s), "\u3000", " ")), "")
}

// noValue are the marks ledgers put in a cell to say "nothing here".
var noValue = map[string]bool{
	"": true, "-": true, "ー": true, "―": true, "‐": true, "—": true, "–": true, "なし": true, "無し": true,
	"n/a": true, "na": true, "none": true, "未定": true, "不明": true, "該当なし": true, "×": true,
}

// IsNoValue reports whether a cell's text means "no value".
func IsNoValue(s string) bool {
	return noValue[strings.ToLower(Fold(s))]
}

// eras are the Japanese era names with the Gregorian year before year 1
// and the era's first day (a date before it is not in the era).
var eras = []struct {
	names []string
	base  int
	start string
}{
	{[]string{"令和", "R", "r", "㋿"}, 2018, "2019-05-01"},
	{[]string{"平成", "H", "h", "㍻"}, 1988, "1989-01-08"},
	{[]string{"昭和", "S", "s", "㍼"}, 1925, "1926-12-25"},
	{[]string{"大正", "T", "t", "㍽"}, 1911, "1912-07-30"},
	{[]string{"明治", "M", "m", "㍾"}, 1867, "1868-01-25"},
}

var (
	reYMD  = regexp.MustCompile(`^(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?(?:\s*\(.\))?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	reEra  = regexp.MustCompile(`^(令和|平成|昭和|大正|明治|[RHSTMrhstm㋿㍻㍼㍽㍾])\s*(元|\d{1,2})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?$`)
	reYMD8 = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reNum  = regexp.MustCompile(`^\d+(?:\.\d+)?$`)
)

// ParseDate reads a date as ledgers write it: 2023/4/1, 2023-04-01,
// 2023.4.1, 2023年4月1日, 20230401, 和暦 (令和5年4月1日, 令和元年5月1日,
// R5.4.1, H31.4.30), full-width forms of all of these, and Excel serial
// numbers (1900 date system: serial 60 is the 1900-02-29 that Lotus
// invented and does not exist). empty is true for "no value" marks.
func ParseDate(s string) (d hitori.Date, empty, ok bool) {
	f := Fold(s)
	if IsNoValue(f) {
		return "", true, true
	}
	if m := reYMD.FindStringSubmatch(f); m != nil {
		return ymd(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := reEra.FindStringSubmatch(f); m != nil {
		return eraDate(m[1], m[2], atoi(m[3]), atoi(m[4]))
	}
	if m := reYMD8.FindStringSubmatch(f); m != nil {
		return ymd(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if reNum.MatchString(f) {
		v, err := strconv.ParseFloat(f, 64)
		if err == nil {
			return SerialDate(v)
		}
	}
	return "", false, false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func ymd(y, m, d int) (hitori.Date, bool, bool) {
	if y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(m) { // 2023/2/30
		return "", false, false
	}
	return hitori.DateOf(t), false, true
}

// eraDate converts a 和暦 date. A date before the era began (令和1年4月1)
// is refused; a date after the next era began (平成31年5月1日) is accepted,
// since people kept writing the old era for a while.
func eraDate(era, year string, m, d int) (hitori.Date, bool, bool) {
	y := 1
	if year != "元" {
		y = atoi(year)
	}
	if y < 1 {
		return "", false, false
	}
	for _, e := range eras {
		for _, n := range e.names {
			if n != era {
				continue
			}
			date, empty, ok := ymd(e.base+y, m, d)
			if !ok || string(date) < e.start {
				return "", false, false
			}
			return date, empty, true
		}
	}
	return "", false, false
}

// SerialDate converts an Excel serial day number (1900 date system, any
// time of day dropped). Serials 1–59 count from 1899-12-31; 60 is Lotus's
// 1900-02-29 and is refused; from 61 the count is from 1899-12-30.
func SerialDate(v float64) (hitori.Date, bool, bool) {
	if math.IsNaN(v) || v < 1 || v >= 2958466 { // 9999-12-31
		return "", false, false
	}
	n := int(math.Floor(v))
	if n == 60 {
		return "", false, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if n < 60 {
		base = base.AddDate(0, 0, 1)
	}
	return hitori.DateOf(base.AddDate(0, 0, n)), false, true
}

// amountDecor is what surrounds a figure in an amount cell.
var amountDecor = strings.NewReplacer("(税込)", "", "(税抜)", "", "(税別)", "", "税込", "", "税抜", "", "税別", "",
	"¥", "", "\\", "", "JPY", "", "jpy", "", ",", "", " ", "", "円", "")

// ParseYen reads an amount in yen: 128000, ¥128,000, ￥128,000,
// 128,000円, 128千円 (×1,000), 12.8万円 (×10,000), (税込) and full-width
// forms. empty is true for "no value" marks and リース (a leased item has
// no price). Fractions of a yen are refused.
func ParseYen(s string) (yen int64, empty, ok bool) {
	f := Fold(s)
	if IsNoValue(f) || isLeaseMark(f) {
		return 0, true, true
	}
	mult := 1.0
	switch {
	case strings.HasSuffix(f, "千円"):
		f, mult = strings.TrimSuffix(f, "千円"), 1000
	case strings.HasSuffix(f, "万円"):
		f, mult = strings.TrimSuffix(f, "万円"), 10000
	case strings.HasSuffix(f, "千"):
		f, mult = strings.TrimSuffix(f, "千"), 1000
	case strings.HasSuffix(f, "万"):
		f, mult = strings.TrimSuffix(f, "万"), 10000
	}
	f = amountDecor.Replace(f)
	if !reNum.MatchString(f) || len(f) > 18 {
		return 0, false, false
	}
	v, err := strconv.ParseFloat(f, 64)
	if err != nil {
		return 0, false, false
	}
	v *= mult
	r := math.Round(v)
	if math.Abs(v-r) > 1e-6 || r > 1e15 {
		return 0, false, false
	}
	return int64(r), false, true
}

func isLeaseMark(f string) bool {
	f = strings.Trim(f, "()（）[]【】")
	return f == "リース" || f == "レンタル" || f == "lease"
}

// ParsePeriodYen reads a license's cost that may be per month or year
// (2,200円/月, 26,400円/年); per is "month", "year" or "".
func ParsePeriodYen(s string) (yen int64, per string, empty, ok bool) {
	f := Fold(s)
	for suffix, p := range map[string]string{"/月": "month", "/年": "year", "/月額": "month", "/年額": "year"} {
		if strings.HasSuffix(f, suffix) {
			f, per = strings.TrimSuffix(f, suffix), p
			break
		}
	}
	if strings.HasPrefix(f, "月額") {
		f, per = strings.TrimPrefix(f, "月額"), "month"
	} else if strings.HasPrefix(f, "年額") {
		f, per = strings.TrimPrefix(f, "年額"), "year"
	}
	yen, empty, ok = ParseYen(f)
	return yen, per, empty, ok
}

// ParseCount reads a whole number of seats or installations.
func ParseCount(s string) (n int, empty, ok bool) {
	f := strings.ReplaceAll(Fold(s), ",", "")
	f = strings.TrimRight(f, "席台本個ライセンス")
	if IsNoValue(f) {
		return 0, true, true
	}
	v, err := strconv.Atoi(strings.TrimSpace(f))
	if err != nil || v < 0 || v > 1e9 {
		return 0, false, false
	}
	return v, false, true
}

// cellText is a cell as text for a text field: numbers without a
// spurious ".0".
func cellText(c Cell) string {
	switch c.Kind {
	case CellEmpty:
		return ""
	case CellNumber, CellDate, CellBool:
		return c.Text
	}
	return c.Text
}

// cellDate reads a date cell of any kind.
func cellDate(c Cell) (hitori.Date, bool, bool) {
	switch c.Kind {
	case CellEmpty:
		return "", true, true
	case CellDate, CellNumber:
		return SerialDate(c.Num)
	}
	return ParseDate(c.Text)
}

// cellYen reads an amount cell of any kind.
func cellYen(c Cell) (int64, bool, bool) {
	switch c.Kind {
	case CellEmpty:
		return 0, true, true
	case CellNumber:
		r := math.Round(c.Num)
		if c.Num < 0 || math.Abs(c.Num-r) > 1e-6 || r > 1e15 {
			return 0, false, false
		}
		return int64(r), false, true
	}
	return ParseYen(c.Text)
}
