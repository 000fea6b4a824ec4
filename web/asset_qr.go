package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// qrSVG draws text as a QR code in SVG: one path of dark modules (each
// row's runs joined), a 4-module quiet zone, and no size of its own, so
// the label's CSS sets it in mm. Error correction M survives a scuffed
// label. The encoder is github.com/boombuler/barcode, already in the
// module graph through pquerna/otp (TOTP enrolment): we use its QR
// matrix only and draw the SVG here, so labels print sharp at any size.
func qrSVG(text string) (template.HTML, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return "", fmt.Errorf("web: qr code: %w", err)
	}
	b := code.Bounds()
	n := b.Dx()
	const quiet = 4
	var path strings.Builder
	for y := 0; y < n; y++ {
		for x := 0; x < n; {
			if !qrDark(code.At(b.Min.X+x, b.Min.Y+y)) {
				x++
				continue
			}
			run := 1
			for x+run < n && qrDark(code.At(b.Min.X+x+run, b.Min.Y+y)) {
				run++
			}
			fmt.Fprintf(&path, "M%d %dh%dv1h-%dz", x+quiet, y+quiet, run, run)
			x += run
		}
	}
	size := n + 2*quiet
	// Text in the SVG is only the path data and numbers we wrote: safe as HTML.
	return template.HTML(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" class="asset-qr" role="img" aria-label="QR">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, size, size, size, size, path.String())), nil
}

// qrDark reports whether a module is dark.
func qrDark(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, _, _, _ := c.RGBA()
	return r < 0x8000
}
