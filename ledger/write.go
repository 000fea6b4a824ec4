package ledger

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"

	"hitori"
)

// Table is what an export writes: one sheet with a header row.
type Table struct {
	Sheet   string
	Headers []string
	Rows    [][]Value
}

// Value is one exported cell: text, a whole number (yen, counts) or a date.
type Value struct {
	Text string
	Num  *int64
	Date hitori.Date
}

// TextValue, NumValue and DateValue build cells.
func TextValue(s string) Value { return Value{Text: s} }

// NumValue is a number cell; nil is an empty cell.
func NumValue(n *int64) Value { return Value{Num: n} }

// DateValue is a date cell; "" is an empty cell.
func DateValue(d hitori.Date) Value { return Value{Date: d} }

// String is the value as a CSV shows it (dates as 2023/4/1, as Excel
// writes them; numbers without separators).
func (v Value) String() string {
	switch {
	case v.Num != nil:
		return strconv.FormatInt(*v.Num, 10)
	case v.Date != "":
		if t, ok := v.Date.Time(time.UTC); ok {
			return t.Format("2006/1/2")
		}
		return string(v.Date)
	}
	return v.Text
}

// WriteCSV writes t as CSV with CRLF line ends: UTF-8 with a byte order
// mark (so Excel reads it as UTF-8), or CP932 when cp932 is set. A
// character CP932 lacks is written as "?".
func WriteCSV(w io.Writer, t *Table, cp932 bool) error {
	bw := bufio.NewWriter(w)
	var out io.Writer = bw
	if cp932 {
		enc := japanese.ShiftJIS.NewEncoder()
		out = transform.NewWriter(bw, encodingReplacer{enc})
	} else if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(out)
	cw.UseCRLF = true
	if err := cw.Write(t.Headers); err != nil {
		return err
	}
	rec := make([]string, len(t.Headers))
	for _, row := range t.Rows {
		for i := range rec {
			rec[i] = ""
			if i < len(row) {
				rec[i] = row[i].String()
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if c, ok := out.(io.Closer); ok {
		if err := c.Close(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// encodingReplacer writes "?" for runes the encoder cannot encode instead
// of failing the whole export.
type encodingReplacer struct{ t transform.Transformer }

func (e encodingReplacer) Reset() { e.t.Reset() }

func (e encodingReplacer) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	nDst, nSrc, err := e.t.Transform(dst, src, atEOF)
	for err != nil && err != transform.ErrShortDst && err != transform.ErrShortSrc {
		// Skip the rune the encoder refused and write "?" for it.
		_, size := utf8.DecodeRune(src[nSrc:])
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		dst[nDst] = '?'
		nDst++
		nSrc += size
		var d, s int
		d, s, err = e.t.Transform(dst[nDst:], src[nSrc:], atEOF)
		nDst, nSrc = nDst+d, nSrc+s
	}
	return nDst, nSrc, err
}

// Styles of the exported workbook (cellXfs): 0 text, 1 header, 2 date
// (yyyy/m/d), 3 number (#,##0).
const (
	styleHeader = 1
	styleDate   = 2
	styleNumber = 3
)

// WriteXLSX writes t as a minimal Office Open XML workbook: one sheet,
// inline strings, real date and number cells, a bold frozen header row.
// Excel and LibreOffice open it; ReadXLSX reads it back.
func WriteXLSX(w io.Writer, t *Table) error {
	zw := zip.NewWriter(w)
	sheet := t.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>`},
		{"xl/workbook.xml", xml.Header + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="` + xmlAttr(sheetName(sheet)) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`</Relationships>`},
		{"xl/styles.xml", xml.Header + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>` +
			`<fonts count="2"><font><sz val="11"/><name val="Yu Gothic"/></font><font><b/><sz val="11"/><name val="Yu Gothic"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
			`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
			`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
			`<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
			`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
			`</styleSheet>`},
	}
	for _, p := range parts {
		f, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	f, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	bw.WriteString(xml.Header + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`)
	header := make([]Value, len(t.Headers))
	for i, h := range t.Headers {
		header[i] = TextValue(h)
	}
	writeRow(bw, 1, header, styleHeader)
	for i, row := range t.Rows {
		writeRow(bw, i+2, row, 0)
	}
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func writeRow(w *bufio.Writer, r int, row []Value, style int) {
	fmt.Fprintf(w, `<row r="%d">`, r)
	for j, v := range row {
		ref := ColName(j) + strconv.Itoa(r)
		switch {
		case v.Num != nil:
			fmt.Fprintf(w, `<c r="%s" s="%d"><v>%d</v></c>`, ref, styleNumber, *v.Num)
		case v.Date != "":
			if serial, ok := dateSerial(v.Date); ok {
				fmt.Fprintf(w, `<c r="%s" s="%d"><v>%d</v></c>`, ref, styleDate, serial)
			} else {
				writeText(w, ref, string(v.Date), style)
			}
		case v.Text != "":
			writeText(w, ref, v.Text, style)
		}
	}
	w.WriteString(`</row>`)
}

func writeText(w *bufio.Writer, ref, s string, style int) {
	fmt.Fprintf(w, `<c r="%s" t="inlineStr"`, ref)
	if style != 0 {
		fmt.Fprintf(w, ` s="%d"`, style)
	}
	w.WriteString(`><is><t xml:space="preserve">`)
	xml.EscapeText(w, []byte(xmlSafe(s)))
	w.WriteString(`</t></is></c>`)
}

// dateSerial is a date's Excel serial (1900 system, after Lotus's
// 1900-02-29).
func dateSerial(d hitori.Date) (int64, bool) {
	t, ok := d.Time(time.UTC)
	if !ok || t.Year() < 1900 || (t.Year() == 1900 && t.Month() < 3) {
		return 0, false
	}
	return int64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24), true
}

// xmlSafe drops characters XML 1.0 cannot carry (control characters but
// tab and newline).
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(xmlSafe(s)))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

// sheetName makes a name Excel accepts: at most 31 characters, none of
// []:*?/\.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}
