// Package ledger reads the IT asset ledgers Japanese offices keep in Excel
// or CSV and turns their rows into register records: the .xlsx reader
// (standard library only), CSV with encoding detection, header detection,
// value normalisation (dates incl. 和暦 and Excel serials, amounts,
// full-width text) and the column mapping suggested from header names. It
// knows no SQL and no hitori service; asset/ plans and applies what it
// returns.
package ledger

import (
	"errors"
	"strings"
)

// CellKind says what a cell held in the file.
type CellKind uint8

// Cell kinds. CSV cells are always text.
const (
	CellEmpty CellKind = iota
	CellText
	CellNumber // a numeric cell in a number format
	CellDate   // a numeric cell in a date format: Num is the Excel serial
	CellBool
)

// Cell is one spreadsheet cell as read.
type Cell struct {
	Kind CellKind
	Text string  // text cells, and the number's digits for numeric cells
	Num  float64 // numeric and date cells
}

// Blank reports whether the cell holds nothing but spaces.
func (c Cell) Blank() bool {
	return c.Kind == CellEmpty || (c.Kind == CellText && strings.TrimSpace(strings.ReplaceAll(c.Text, "\u3000", " ")) == "")
}

// Sheet is one sheet: Rows[i] is spreadsheet row i+1, Rows[i][j] column j+1.
type Sheet struct {
	Name string
	Rows [][]Cell
}

// Cell returns the cell at 0-based row and column, empty when outside.
func (s *Sheet) Cell(row, col int) Cell {
	if row < 0 || row >= len(s.Rows) || col < 0 || col >= len(s.Rows[row]) {
		return Cell{}
	}
	return s.Rows[row][col]
}

// Workbook is what a file holds: its sheets in order.
type Workbook struct {
	Sheets []*Sheet
	Format string // "xlsx" or "csv"
}

// Limits bound everything read from a file, so a crafted file (a zip
// bomb, a billion rows) is refused instead of exhausting memory.
type Limits struct {
	FileBytes  int64 // the file itself
	PartBytes  int64 // one decompressed part of an .xlsx
	TotalBytes int64 // all decompressed parts together
	Rows       int   // rows per sheet
	Cols       int   // columns per row
	Sheets     int
	Strings    int // shared strings
	CellRunes  int // characters in one cell (Excel's own limit is 32767)
}

// DefaultLimits fit a 50,000-row ledger with room to spare.
var DefaultLimits = Limits{
	FileBytes:  64 << 20,
	PartBytes:  256 << 20,
	TotalBytes: 512 << 20,
	Rows:       200_000,
	Cols:       256,
	Sheets:     64,
	Strings:    2_000_000,
	CellRunes:  32767,
}

// Errors a file can be refused with; the caller shows them as the
// catalogue key's text (see Reason).
var (
	ErrTooLarge = errors.New("ledger: file too large")
	ErrFormat   = errors.New("ledger: not a readable .xlsx or .csv file")
)

// FileError is a whole-file problem with its catalogue key.
type FileError struct {
	Key    string // "ledger.error.too_large", "ledger.error.format"
	Detail string
	err    error
}

func (e *FileError) Error() string {
	if e.Detail != "" {
		return e.err.Error() + ": " + e.Detail
	}
	return e.err.Error()
}

func (e *FileError) Unwrap() error { return e.err }

func tooLarge(detail string) error {
	return &FileError{Key: "ledger.error.too_large", Detail: detail, err: ErrTooLarge}
}

func badFormat(detail string) error {
	return &FileError{Key: "ledger.error.format", Detail: detail, err: ErrFormat}
}

// Read reads an .xlsx or CSV file, told apart by its first bytes (a zip
// file starts with "PK").
func Read(data []byte, lim Limits) (*Workbook, error) {
	if int64(len(data)) > lim.FileBytes {
		return nil, tooLarge("file")
	}
	if len(data) >= 4 && string(data[:4]) == "PK\x03\x04" {
		return ReadXLSX(data, lim)
	}
	return ReadCSV(data, lim)
}
