// Command pdfcost measures the pure-Go alternative for the monthly report's
// PDF (issue 13): codeberg.org/go-pdf/fpdf with an embedded, subsetted
// Japanese TrueType font (IPAexGothic). It is a module of its own so that
// hitori itself does not depend on fpdf; its figures sit beside the
// Chromium ones in docs/reports.md.
//
//	go run . -font /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf -pages 6 -out /tmp/report.pdf
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

func main() {
	fontPath := flag.String("font", "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", "TrueType Japanese font")
	pages := flag.Int("pages", 6, "A4 pages of headings, a table and a bar chart each")
	out := flag.String("out", "report.pdf", "output PDF")
	runs := flag.Int("runs", 5, "times to build the PDF (the figure is the median)")
	flag.Parse()
	font, err := os.ReadFile(*fontPath)
	if err != nil {
		log.Fatal(err)
	}
	var times []time.Duration
	var size int
	for range *runs {
		start := time.Now()
		b, err := build(font, *pages)
		if err != nil {
			log.Fatal(err)
		}
		times = append(times, time.Since(start))
		size = len(b)
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	sortDurations(times)
	fmt.Printf("pages=%d pdf_bytes=%d median_build=%s min=%s max=%s peak_rss_kb=%d heap_sys_mb=%.1f font_bytes=%d\n",
		*pages, size, times[len(times)/2].Round(time.Millisecond), times[0].Round(time.Millisecond),
		times[len(times)-1].Round(time.Millisecond), ru.Maxrss, float64(ms.HeapSys)/(1<<20), len(font))
}

func sortDurations(d []time.Duration) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j] < d[j-1]; j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}

// build draws what the monthly report has on each page: a heading, a
// paragraph of plain Japanese, a table and a bar chart.
func build(font []byte, pages int) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("ipaexg", "", font)
	pdf.SetFont("ipaexg", "", 11)
	cats := []string{"アカウント・パスワード", "PC・周辺機器", "ネットワーク", "メール", "ソフトウェア", "髙﨑さんの依頼①②③"}
	for p := 1; p <= pages; p++ {
		pdf.AddPage()
		pdf.SetFontSize(18)
		pdf.CellFormat(0, 12, fmt.Sprintf("月次報告 2026年11月 — %d", p), "", 1, "L", false, 0, "")
		pdf.SetFontSize(11)
		pdf.MultiCell(0, 6, strings.Repeat("今月は問い合わせが先月より12%減り、自己解決が増えました。障害は1件、復旧まで42分でした。", 4), "", "L", false)
		pdf.Ln(4)
		for i, c := range cats {
			pdf.CellFormat(80, 7, c, "1", 0, "L", false, 0, "")
			pdf.CellFormat(30, 7, fmt.Sprintf("%d 分", (i+1)*137), "1", 1, "R", false, 0, "")
		}
		pdf.Ln(4)
		x, y := pdf.GetX(), pdf.GetY()
		for i := range cats {
			w := float64((i+1)*137) / 10
			pdf.Rect(x+40, y+float64(i)*8, w, 6, "F")
			pdf.Text(x, y+float64(i)*8+5, cats[i])
		}
	}
	var b strings.Builder
	if err := pdf.Output(&b); err != nil {
		return nil, err
	}
	return []byte(b.String()), pdf.Error()
}
