package asset

import (
	"bytes"
	"context"
	"testing"

	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// An export in either layout and format imports back with nothing changed.
func TestExportImportsBackUnchanged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		svc := New(db.Assets())
		ctx := context.Background()
		if _, err := svc.Export(ctx, &bytes.Buffer{}, ExportRequest{Layout: LayoutLastImport}); err == nil {
			t.Error("last-import layout exported before any import")
		}
		importFile(t, svc, "clean.xlsx", readTestdata(t, "it_asset_ledger_clean.xlsx"), false)
		for _, req := range []ExportRequest{
			{Format: "xlsx", Layout: LayoutRegister},
			{Format: "csv", Encoding: "cp932", Layout: LayoutRegister},
			{Format: "csv", Encoding: "utf-8", Layout: LayoutLastImport},
			{Format: "xlsx", Layout: LayoutLastImport},
		} {
			var buf bytes.Buffer
			n, err := svc.Export(ctx, &buf, req)
			if err != nil || n != 120 {
				t.Fatalf("%+v: %d %v", req, n, err)
			}
			rep := importFile(t, svc, "export."+req.Format, buf.Bytes(), true)
			if counts(rep) != [5]int{120, 0, 0, 120, 0} {
				t.Errorf("%+v: re-import %v %v", req, counts(rep), rep.Errors)
			}
		}
		for _, bad := range []ExportRequest{{Format: "pdf"}, {Layout: "x"}, {Format: "csv", Encoding: "latin1"}} {
			if _, err := svc.Export(ctx, &bytes.Buffer{}, bad); err == nil {
				t.Errorf("%+v accepted", bad)
			}
		}
	})
}
