package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ReadCSV reads a CSV (or tab-separated) ledger as one sheet named "CSV".
// The encoding is detected: a UTF-8 or UTF-16 byte order mark says so;
// otherwise text that is valid UTF-8 is UTF-8 and anything else is CP932
// (Shift_JIS with Microsoft's extensions, what Excel writes on Japanese
// Windows). The separator is comma, tab or semicolon, whichever the first
// lines use most.
func ReadCSV(data []byte, lim Limits) (*Workbook, error) {
	if int64(len(data)) > lim.FileBytes {
		return nil, tooLarge("file")
	}
	text, err := DecodeText(data, lim)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffSeparator(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	sh := &Sheet{Name: "CSV"}
	// encoding/csv skips blank lines, but a spreadsheet counts them as
	// rows: each record goes to the row after the previous record's last
	// line plus the blank lines between (fields may span lines).
	nextLine, nextRow := 1, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, badFormat(pe.Error())
			}
			return nil, badFormat(err.Error())
		}
		line, _ := r.FieldPos(0)
		rowIdx := nextRow + max(0, line-nextLine)
		lastLine, _ := r.FieldPos(len(rec) - 1)
		nextLine = lastLine + strings.Count(rec[len(rec)-1], "\n") + 1
		nextRow = rowIdx + 1
		if rowIdx >= lim.Rows {
			return nil, tooLarge("rows")
		}
		if len(rec) > lim.Cols {
			return nil, tooLarge("columns")
		}
		row := make([]Cell, len(rec))
		for i, f := range rec {
			if utf8.RuneCountInString(f) > lim.CellRunes {
				return nil, tooLarge("cell")
			}
			row[i] = textCell(f)
		}
		for len(sh.Rows) < rowIdx {
			sh.Rows = append(sh.Rows, nil)
		}
		sh.Rows = append(sh.Rows, row)
	}
	return &Workbook{Sheets: []*Sheet{sh}, Format: "csv"}, nil
}

// Encoding names DecodeText reports through DetectEncoding.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncCP932   = "cp932"
)

// DetectEncoding names the encoding of a text file's bytes.
func DetectEncoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return EncUTF8BOM
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return EncUTF16LE
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return EncUTF16BE
	case utf8.Valid(data):
		return EncUTF8
	}
	return EncCP932
}

// DecodeText decodes a text file to UTF-8 as DetectEncoding says. Bytes
// that are not CP932 either become U+FFFD, which the cell checks then
// report; the decoded size is bounded by the limits.
func DecodeText(data []byte, lim Limits) (string, error) {
	var t transform.Transformer
	switch DetectEncoding(data) {
	case EncUTF8BOM:
		// Broken sequences after a BOM become U+FFFD, which the cell
		// checks report.
		return strings.ToValidUTF8(string(data[3:]), "\ufffd"), nil
	case EncUTF8:
		return string(data), nil
	case EncUTF16LE:
		t = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case EncUTF16BE:
		t = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	default:
		t = japanese.ShiftJIS.NewDecoder()
	}
	out, err := io.ReadAll(io.LimitReader(transform.NewReader(bytes.NewReader(data), t), lim.PartBytes+1))
	if err != nil {
		return "", badFormat(err.Error())
	}
	if int64(len(out)) > lim.PartBytes {
		return "", tooLarge("decoded text")
	}
	return string(out), nil
}

// sniffSeparator picks the separator that splits some line of the first
// ones (titles come before the header) into the most fields.
func sniffSeparator(text string) rune {
	most := map[rune]int{}
	for i, line := range strings.SplitN(text, "\n", headerScanRows+1) {
		if i == headerScanRows {
			break
		}
		for _, c := range []rune{',', '\t', ';'} {
			most[c] = max(most[c], strings.Count(line, string(c)))
		}
	}
	best := ','
	for _, c := range []rune{'\t', ';'} {
		if most[c] > most[best] {
			best = c
		}
	}
	return best
}
