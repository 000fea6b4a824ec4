package ledger

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// ReadXLSX reads an Office Open XML workbook: the workbook's sheet list,
// shared strings, the number formats that tell dates from numbers, each
// sheet's cells (shared, inline and formula strings, numbers, booleans)
// and merged ranges, whose top-left value every cell of the range takes.
// Every part is read through a limit on its decompressed size, so a zip
// bomb stops at the limit whatever its headers claim.
func ReadXLSX(data []byte, lim Limits) (*Workbook, error) {
	if int64(len(data)) > lim.FileBytes {
		return nil, tooLarge("file")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, badFormat(err.Error())
	}
	x := &xlsxReader{zr: zr, lim: lim, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		x.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return x.read()
}

type xlsxReader struct {
	zr      *zip.Reader
	lim     Limits
	files   map[string]*zip.File
	used    int64 // decompressed bytes read so far
	strings []string
	dateFmt []bool // per cell style index (cellXfs): a date format
}

// part returns one decompressed part, refusing it past the limits.
func (x *xlsxReader) part(name string) ([]byte, error) {
	f, ok := x.files[name]
	if !ok {
		return nil, badFormat("missing " + name)
	}
	limit := min(x.lim.PartBytes, x.lim.TotalBytes-x.used)
	if f.UncompressedSize64 > uint64(limit) {
		return nil, tooLarge(name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, badFormat(err.Error())
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, badFormat(name + ": " + err.Error())
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(name)
	}
	x.used += int64(len(b))
	return b, nil
}

type xRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// rels reads the relationships of part name (dir/_rels/base.rels), with
// targets resolved to part names.
func (x *xlsxReader) rels(name string) (map[string]string, map[string]string, error) {
	dir, base := path.Split(name)
	relName := dir + "_rels/" + base + ".rels"
	byID, byType := map[string]string{}, map[string]string{}
	if _, ok := x.files[relName]; !ok {
		return byID, byType, nil
	}
	b, err := x.part(relName)
	if err != nil {
		return nil, nil, err
	}
	var r xRels
	if err := xml.Unmarshal(b, &r); err != nil {
		return nil, nil, badFormat(relName)
	}
	for _, rel := range r.Rels {
		t := rel.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Clean(dir + t)
		}
		byID[rel.ID] = t
		byType[path.Base(rel.Type)] = t
	}
	return byID, byType, nil
}

type xWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name  string `xml:"name,attr"`
		RelID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

func (x *xlsxReader) read() (*Workbook, error) {
	_, top, err := x.rels("")
	if err != nil {
		return nil, err
	}
	wbName := top["officeDocument"]
	if wbName == "" {
		wbName = "xl/workbook.xml"
	}
	b, err := x.part(wbName)
	if err != nil {
		return nil, err
	}
	var wb xWorkbook
	if err := xml.Unmarshal(b, &wb); err != nil {
		return nil, badFormat("workbook: " + err.Error())
	}
	if len(wb.Sheets) > x.lim.Sheets {
		return nil, tooLarge("sheets")
	}
	byID, byType, err := x.rels(wbName)
	if err != nil {
		return nil, err
	}
	if name := byType["sharedStrings"]; name != "" {
		if err := x.readStrings(name); err != nil {
			return nil, err
		}
	}
	if name := byType["styles"]; name != "" {
		if err := x.readStyles(name); err != nil {
			return nil, err
		}
	}
	out := &Workbook{Format: "xlsx"}
	for _, s := range wb.Sheets {
		name := byID[s.RelID]
		if name == "" {
			return nil, badFormat("sheet " + s.Name + " has no part")
		}
		sh, err := x.readSheet(name)
		if err != nil {
			return nil, err
		}
		sh.Name = s.Name
		if wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true" {
			shift1904(sh)
		}
		out.Sheets = append(out.Sheets, sh)
	}
	return out, nil
}

// shift1904 turns serials of the 1904 date system into the 1900 one, so
// the rest of the package knows one system.
func shift1904(sh *Sheet) {
	for _, row := range sh.Rows {
		for j := range row {
			if row[j].Kind == CellDate {
				row[j].Num += 1462
			}
		}
	}
}

// readStrings reads the shared string table. Rich text runs are joined;
// phonetic guides (<rPh>, the furigana Excel stores for Japanese text) are
// not part of the value and are skipped.
func (x *xlsxReader) readStrings(name string) error {
	b, err := x.part(name)
	if err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var cur strings.Builder
	depthPh, inT := 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return badFormat(name + ": " + err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "rPh":
				depthPh++
			case "t":
				inT = depthPh == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if len(x.strings) >= x.lim.Strings {
					return tooLarge("shared strings")
				}
				x.strings = append(x.strings, cur.String())
			case "rPh":
				depthPh--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

type xStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Xfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

func (x *xlsxReader) readStyles(name string) error {
	b, err := x.part(name)
	if err != nil {
		return err
	}
	var st xStyles
	if err := xml.Unmarshal(b, &st); err != nil {
		return badFormat(name + ": " + err.Error())
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	x.dateFmt = make([]bool, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			x.dateFmt[i] = IsDateFormat(code)
		} else {
			x.dateFmt[i] = builtinDate(xf.NumFmtID)
		}
	}
	return nil
}

// builtinDate reports whether a built-in number format id is a date or
// time: 14–22 and 45–47 everywhere, 27–36 and 50–58 in the Japanese
// locale (和暦 and 年月日 forms).
func builtinDate(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

// IsDateFormat reports whether a custom number format shows a date:
// it has a year, day or era code outside quoted text, escapes and
// [bracketed] sections ([$￥-411] is a currency, not a date).
func IsDateFormat(code string) bool {
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		default:
			b.WriteByte(c)
		}
	}
	s := strings.ToLower(strings.ReplaceAll(strings.ToLower(b.String()), "general", ""))
	return strings.ContainsAny(s, "ydeg")
}

// readSheet streams one worksheet's cells and merged ranges.
func (x *xlsxReader) readSheet(name string) (*Sheet, error) {
	b, err := x.part(name)
	if err != nil {
		return nil, err
	}
	sh := &Sheet{}
	d := xml.NewDecoder(bytes.NewReader(b))
	var (
		row, col      int // 0-based position of the current cell
		typ, ref      string
		style         int
		val, inl      strings.Builder
		inV, inIS, ok bool
		merges        []string
		nextRow       int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, badFormat(name + ": " + err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row = nextRow
				if r := attr(t, "r"); r != "" {
					n, err := strconv.Atoi(r)
					if err != nil || n < 1 {
						return nil, badFormat(name + ": row " + r)
					}
					row = n - 1
				}
				nextRow, col = row+1, 0
				if row >= x.lim.Rows {
					return nil, tooLarge("rows")
				}
			case "c":
				typ, ref, style = attr(t, "t"), attr(t, "r"), 0
				if s := attr(t, "s"); s != "" {
					style, _ = strconv.Atoi(s)
				}
				if ref != "" {
					r, c, ok2 := ParseRef(ref)
					if !ok2 {
						return nil, badFormat(name + ": cell " + ref)
					}
					row, col = r, c
				}
				val.Reset()
				inl.Reset()
				ok = true
			case "v":
				inV = true
			case "is":
				inIS = true
			case "mergeCell":
				merges = append(merges, attr(t, "ref"))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "is":
				inIS = false
			case "c":
				if !ok {
					continue
				}
				ok = false
				if col >= x.lim.Cols {
					return nil, tooLarge("columns")
				}
				c, err := x.cell(typ, style, val.String(), inl.String())
				if err != nil {
					return nil, err
				}
				if c.Kind != CellEmpty {
					sh.set(row, col, c)
				}
				col++
			}
		case xml.CharData:
			if inV {
				val.Write(t)
			} else if inIS {
				inl.Write(t)
			}
			if val.Len()+inl.Len() > x.lim.CellRunes*4 {
				return nil, tooLarge("cell")
			}
		}
	}
	budget := mergeBudget
	for _, m := range merges {
		budget = sh.fillMerge(m, x.lim, budget)
	}
	return sh, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (x *xlsxReader) cell(typ string, style int, v, inline string) (Cell, error) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.strings) {
			return Cell{}, badFormat("shared string " + v)
		}
		return textCell(x.strings[i]), nil
	case "inlineStr":
		return textCell(inline), nil
	case "str", "e":
		return textCell(v), nil
	case "b":
		return Cell{Kind: CellBool, Text: v, Num: map[bool]float64{true: 1}[v == "1"]}, nil
	}
	if v == "" {
		return Cell{}, nil
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return textCell(v), nil
	}
	kind := CellNumber
	if style >= 0 && style < len(x.dateFmt) && x.dateFmt[style] {
		kind = CellDate
	}
	return Cell{Kind: kind, Text: strconv.FormatFloat(f, 'f', -1, 64), Num: f}, nil
}

func textCell(s string) Cell {
	if s == "" {
		return Cell{}
	}
	return Cell{Kind: CellText, Text: s}
}

// set stores a cell, growing the sheet as needed.
func (s *Sheet) set(row, col int, c Cell) {
	for len(s.Rows) <= row {
		s.Rows = append(s.Rows, nil)
	}
	r := s.Rows[row]
	for len(r) <= col {
		r = append(r, Cell{})
	}
	r[col] = c
	s.Rows[row] = r
}

// fillMerge copies a merged range's top-left value into its other cells,
// as a reader of the printed sheet sees it (a department written once
// beside a block of rows belongs to every row of the block). Ranges are
// clipped to the rows the sheet has and to the column limit, and all
// merges of a sheet together fill at most budget cells, so a crafted
// A1:IV200000 cannot multiply memory; it returns the budget left.
func (s *Sheet) fillMerge(ref string, lim Limits, budget int) int {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return budget
	}
	r1, c1, ok1 := ParseRef(a)
	r2, c2, ok2 := ParseRef(b)
	if !ok1 || !ok2 || r2 < r1 || c2 < c1 {
		return budget
	}
	r2, c2 = min(r2, len(s.Rows)-1), min(c2, lim.Cols-1)
	v := s.Cell(r1, c1)
	if v.Kind == CellEmpty {
		return budget
	}
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if (r != r1 || c != c1) && s.Cell(r, c).Kind == CellEmpty {
				if budget <= 0 {
					return 0
				}
				budget--
				s.set(r, c, v)
			}
		}
	}
	return budget
}

// mergeBudget is how many cells merged ranges may fill in one sheet.
const mergeBudget = 1 << 20

// ParseRef turns "B12" into 0-based row 11, column 1.
func ParseRef(ref string) (row, col int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
		if col > 1<<20 {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	n, err := strconv.Atoi(ref[i:])
	if err != nil || n < 1 || n > 1<<21 {
		return 0, 0, false
	}
	return n - 1, col - 1, true
}

// ColName turns a 0-based column into its letters ("A", "AB").
func ColName(col int) string {
	var b []byte
	for col++; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}
