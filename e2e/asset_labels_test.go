package e2e

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestAssetLabelSheets prints QR labels on each A-one sheet the register
// offers and measures them as the printer gets them: with print media,
// every label sits in its cell of the sheet (label size, top and left
// margins, in mm), a full sheet's last cell ends inside A4, the toolbar
// is not printed, and Chromium's own PDF has one A4 page per sheet. Two
// assets with "labels to skip" set to a sheet less one put the first
// label in the last cell of sheet 1 and the second in the first cell of
// sheet 2, so both corners of the grid are measured.
func TestAssetLabelSheets(t *testing.T) {
	data := t.TempDir()
	mustHitori(t, adminPassword+"\n", "user", "create", "--data", data, "--email", adminEmail, "--name", adminName, "--role", "admin")
	ledger := filepath.Join(t.TempDir(), "ledger.csv")
	if err := os.WriteFile(ledger, []byte("資産番号,種別,メーカー,型番\nPC-001,ノートPC,富士通,LIFEBOOK U9413\nPC-002,ノートPC,Lenovo,ThinkPad X1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustHitori(t, "", "assets", "import", "--data", data, ledger)
	srv := startServer(t, data)
	b := newBrowser(t)
	b.do("sign in", chromedp.Navigate(srv.URL+"/assets"), chromedp.WaitVisible(byTestID("login-form")))
	signIn(b, adminEmail, adminPassword)

	for _, sheet := range []struct {
		id              string
		cols, rows      int
		w, h, top, left float64 // mm
	}{
		{"72212", 2, 6, 86.4, 42.3, 21.6, 18.6},
		{"72224", 3, 8, 66.0, 33.9, 12.9, 6.0},
		{"72244", 4, 11, 48.3, 25.4, 8.8, 8.4},
	} {
		t.Run(sheet.id, func(t *testing.T) {
			b.t = t
			per := sheet.cols * sheet.rows
			b.do("open the labels",
				chromedp.Navigate(fmt.Sprintf("%s/assets/labels?id=1&id=2&layout=%s&skip=%d", srv.URL, sheet.id, per-1)),
				chromedp.WaitVisible(byTestID("label-sheet")),
				chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
					return err
				}),
			)
			type box struct {
				Sheet      int
				X, Y, W, H float64 // mm from the sheet's top left corner
			}
			got := eval[struct {
				Labels         []box
				SheetW, SheetH float64
				Toolbar        bool
			}](b, "measure the printed labels", `(() => {
				const mm = px => px * 25.4 / 96, sheets = [...document.querySelectorAll('.sheet')];
				const labels = [...document.querySelectorAll('[data-testid="label"]')].map(l => {
					const s = l.closest('.sheet'), sr = s.getBoundingClientRect(), r = l.getBoundingClientRect();
					return {Sheet: sheets.indexOf(s), X: mm(r.x - sr.x), Y: mm(r.y - sr.y), W: mm(r.width), H: mm(r.height)};
				});
				const sr = sheets[0].getBoundingClientRect();
				return {Labels: labels, SheetW: mm(sr.width), SheetH: mm(sr.height),
					Toolbar: document.querySelector('.labels-toolbar').offsetParent !== null};
			})()`)
			near := func(a, b float64) bool { return math.Abs(a-b) < 0.3 }
			if !near(got.SheetW, 210) || !near(got.SheetH, 297) || got.Toolbar {
				t.Errorf("sheet %.1f × %.1f mm, toolbar printed %v; want A4 and no toolbar", got.SheetW, got.SheetH, got.Toolbar)
			}
			want := []box{
				{0, sheet.left + float64(sheet.cols-1)*sheet.w, sheet.top + float64(sheet.rows-1)*sheet.h, sheet.w, sheet.h},
				{1, sheet.left, sheet.top, sheet.w, sheet.h},
			}
			if len(got.Labels) != len(want) {
				t.Fatalf("%d labels, want %d", len(got.Labels), len(want))
			}
			for i, w := range want {
				g := got.Labels[i]
				if g.Sheet != w.Sheet || !near(g.X, w.X) || !near(g.Y, w.Y) || !near(g.W, w.W) || !near(g.H, w.H) {
					t.Errorf("label %d: sheet %d at %.1f, %.1f mm, %.1f × %.1f mm; want sheet %d at %.1f, %.1f mm, %.1f × %.1f mm",
						i+1, g.Sheet+1, g.X, g.Y, g.W, g.H, w.Sheet+1, w.X, w.Y, w.W, w.H)
				}
			}
			if last := want[0]; last.X+last.W > 210.05 || last.Y+last.H > 297.05 {
				t.Errorf("the last cell ends at %.1f, %.1f mm, outside A4", last.X+last.W, last.Y+last.H)
			}
			pdf, err := chromedp.Call(b.ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true)})
			if err != nil {
				t.Fatalf("print to PDF: %v", err)
			}
			saveArtifact(t, "labels-"+sheet.id+".pdf", pdf.Data)
			pages, a4 := pdfPages(pdf.Data)
			if pages != 2 || a4 != pages {
				t.Errorf("the PDF has %d pages, %d of them A4; want 2 A4 pages (one a sheet)", pages, a4)
			}
			b.do("back to the screen", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
				return err
			}))
		})
	}
}

func ptr[T any](v T) *T { return &v }

// pdfPages counts a PDF's pages and those whose media box is A4 (595.28 ×
// 841.89 pt; Chromium rounds to its device pixels, so within 1 pt).
// Chromium writes page objects uncompressed.
func pdfPages(pdf []byte) (pages, a4 int) {
	pages = len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	for _, m := range regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`).FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-595.28) < 1 && math.Abs(h-841.89) < 1 {
			a4++
		}
	}
	return pages, a4
}
