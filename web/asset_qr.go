package web

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// qrSVG draws text as a QR code in SVG, as a data: URL for an <img>: one
// path of dark modules (each row's runs joined), a 4-module quiet zone,
// one unit per module (the label's CSS sets the printed size in mm). Error correction M survives a scuffed
// label. The encoder is github.com/boombuler/barcode, already in the
// module graph through pquerna/otp (TOTP enrolment): we use its QR
// matrix only and draw the SVG here, so labels print sharp at any size.
func qrSVG(text string) (template.URL, error) {
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
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, size, size, size, size, size, size, path.String())
	// A data: URL must be typed template.URL or html/template blanks it;
	// its content is only numbers and path letters we wrote.
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg))), nil
}

// qrDark reports whether a module is dark.
func qrDark(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, _, _, _ := c.RGBA()
	return r < 0x8000
}
