package duty

import (
	"context"
	"io"
	"strings"

	"hitori"
	"hitori/ledger"
)

// ExportRequest says which history to write and how.
type ExportRequest struct {
	Format string // "xlsx" (default) or "csv"
	DutyID int64  // 0: every duty
	From   hitori.Date
	Until  hitori.Date
}

// exportHeaders are the history's columns, in Japanese like the other
// ledgers an auditor is handed.
var exportHeaders = []string{"定期業務", "予定日", "期限日", "タスク", "状況", "完了記録日時", "記録者", "チェックリスト", "証跡メモ"}

// exportPage is how many occurrences one read fetches.
const exportPage = 500

// Export writes the occurrences' history (newest due date first) as .xlsx
// or CSV (UTF-8 with a byte order mark), and returns how many rows.
func (s *Service) Export(ctx context.Context, w io.Writer, req ExportRequest) (int, error) {
	if req.Format != "" && req.Format != "xlsx" && req.Format != "csv" {
		return 0, hitori.FieldError("format", "duty.error.format")
	}
	today := s.Today()
	t := &ledger.Table{Sheet: "定期業務の記録", Headers: exportHeaders}
	f := hitori.OccurrenceFilter{DutyID: req.DutyID, From: req.From, Until: req.Until, Limit: exportPage}
	for {
		list, total, err := s.Store.FindOccurrences(ctx, f)
		if err != nil {
			return 0, err
		}
		for _, o := range list {
			t.Rows = append(t.Rows, s.exportRow(o, today))
		}
		f.Offset += len(list)
		if len(list) == 0 || f.Offset >= total {
			break
		}
	}
	var err error
	if req.Format == "csv" {
		err = ledger.WriteCSV(w, t, false)
	} else {
		err = ledger.WriteXLSX(w, t)
	}
	return len(t.Rows), err
}

func (s *Service) exportRow(o *hitori.DutyOccurrence, today hitori.Date) []ledger.Value {
	var at string
	if o.CompletedAt != nil {
		at = o.CompletedAt.In(s.loc()).Format("2006/01/02 15:04")
	}
	var checks []string
	for _, c := range o.Checks {
		mark := "☐"
		if c.Done {
			mark = "☑"
		}
		checks = append(checks, mark+" "+c.Label)
	}
	return []ledger.Value{ledger.TextValue(o.DutyTitle), ledger.DateValue(o.NominalOn), ledger.DateValue(o.DueOn),
		ledger.TextValue(hitori.ItemKey(o.ItemID)), ledger.TextValue(StateLabel(o, today)), ledger.TextValue(at),
		ledger.TextValue(o.CompletedBy), ledger.TextValue(strings.Join(checks, "\n")), ledger.TextValue(o.Evidence)}
}

// State is where an occurrence stands, as a catalogue key suffix
// ("duty.state.KEY") for pages.
func State(o *hitori.DutyOccurrence, today hitori.Date) string {
	switch {
	case o.Recorded():
		return "recorded"
	case o.Done():
		return "done_on_board"
	case o.Missed(today):
		return "missed"
	}
	return "open"
}

// stateLabels are the export's words for the states.
var stateLabels = map[string]string{"recorded": "完了（記録あり）", "done_on_board": "完了（記録なし）",
	"missed": "未完了（期限超過）", "open": "未完了"}

// StateLabel is an occurrence's state in the export's words.
func StateLabel(o *hitori.DutyOccurrence, today hitori.Date) string {
	return stateLabels[State(o, today)]
}
