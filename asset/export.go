package asset

import (
	"context"
	"io"

	"hitori"
	"hitori/ledger"
)

// Export layouts and formats.
const (
	LayoutRegister   = "register"    // the register's own columns
	LayoutLastImport = "last-import" // the columns of the last imported ledger
)

// ExportRequest says what to write.
type ExportRequest struct {
	Format   string // "xlsx" or "csv"
	Encoding string // CSV only: "utf-8" (with BOM) or "cp932"
	Layout   string // LayoutRegister or LayoutLastImport
}

// registerColumns are the register layout's headers and fields.
var registerColumns = []struct{ header, field string }{
	{"資産番号", "number"}, {"種別", "type"}, {"メーカー", "maker"}, {"型番", "model"}, {"シリアル番号", "serial"},
	{"状態", "status"}, {"使用者", ledger.FieldPerson}, {"部署", ledger.FieldDepartment}, {"設置場所", "location"},
	{"購入日", "acquired_on"}, {"購入金額", "price_yen"}, {"購入先", "vendor"}, {"保証期限", "warranty_until"},
	{"リース満了日", "lease_until"}, {"OS", "os_name"}, {"ホスト名", "hostname"}, {"備考", "notes"},
}

// TypeLabels and StatusLabels are the Japanese words an export writes;
// the import reads them back as the same type and status.
var (
	TypeLabels = map[hitori.AssetType]string{hitori.AssetPC: "PC", hitori.AssetMonitor: "モニター", hitori.AssetPhone: "スマートフォン",
		hitori.AssetServer: "サーバー", hitori.AssetNetwork: "ネットワーク機器", hitori.AssetPrinter: "プリンター",
		hitori.AssetPeripheral: "周辺機器", hitori.AssetOther: "その他"}
	StatusLabels = map[hitori.AssetStatus]string{hitori.AssetInStock: "在庫", hitori.AssetInUse: "使用中", hitori.AssetRepair: "修理中",
		hitori.AssetOnLoan: "貸出中", hitori.AssetRetiring: "廃棄予定", hitori.AssetRetired: "廃棄済"}
)

// Export writes the whole register as .xlsx or CSV, in the register's
// layout or in the layout of the last import (its headers in its order;
// a running-number column is numbered, an ignored one left empty). It
// returns how many assets it wrote.
func (s *Service) Export(ctx context.Context, w io.Writer, req ExportRequest) (int, error) {
	headers, fields := []string{}, []string{}
	switch req.Layout {
	case "", LayoutRegister:
		for _, c := range registerColumns {
			headers, fields = append(headers, c.header), append(fields, c.field)
		}
	case LayoutLastImport:
		l, err := s.Store.LedgerLayout(ctx, "")
		if err != nil {
			return 0, err
		}
		if l == nil {
			return 0, hitori.FieldError("layout", "ledger.error.no_layout")
		}
		headers = l.Headers
		for i, f := range l.Fields {
			if f == "" && ledger.SuggestField("asset", l.Headers[i]) == "#row" {
				f = "#row"
			}
			fields = append(fields, f)
		}
	default:
		return 0, hitori.FieldError("layout", "ledger.error.layout")
	}
	t := &ledger.Table{Sheet: "資産台帳", Headers: headers}
	err := s.Store.EachAsset(ctx, func(a *hitori.Asset) error {
		row := make([]ledger.Value, len(fields))
		for i, f := range fields {
			row[i] = exportValue(a, f, len(t.Rows)+1)
		}
		t.Rows = append(t.Rows, row)
		return nil
	})
	if err != nil {
		return 0, err
	}
	switch req.Format {
	case "", "xlsx":
		err = ledger.WriteXLSX(w, t)
	case "csv":
		if req.Encoding != "" && req.Encoding != "utf-8" && req.Encoding != "cp932" {
			return 0, hitori.FieldError("encoding", "ledger.error.encoding")
		}
		err = ledger.WriteCSV(w, t, req.Encoding == "cp932")
	default:
		return 0, hitori.FieldError("format", "ledger.error.export_format")
	}
	return len(t.Rows), err
}

func exportValue(a *hitori.Asset, field string, n int) ledger.Value {
	switch field {
	case "#row":
		v := int64(n)
		return ledger.NumValue(&v)
	case "type":
		return ledger.TextValue(TypeLabels[a.Type])
	case "status":
		return ledger.TextValue(StatusLabels[a.Status])
	case ledger.FieldPerson:
		return ledger.TextValue(a.Person)
	case ledger.FieldDepartment:
		return ledger.TextValue(a.Department)
	case "acquired_on":
		return ledger.DateValue(a.AcquiredOn)
	case "warranty_until":
		return ledger.DateValue(a.WarrantyUntil)
	case "lease_until":
		return ledger.DateValue(a.LeaseUntil)
	case "price_yen":
		return ledger.NumValue(a.PriceYen)
	case "":
		return ledger.Value{}
	}
	return ledger.TextValue(a.AssetField(field))
}
