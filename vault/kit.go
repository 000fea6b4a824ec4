package vault

import (
	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"
	"strings"
	"time"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
)

//go:embed templates/kit.html
var kitFS embed.FS

var kitTemplate = template.Must(template.ParseFS(kitFS, "templates/kit.html"))

// KitSheet is what one holder's printed sheet shows.
type KitSheet struct {
	Holder    string
	Number    int
	Total     int
	Threshold int
	VaultID   string
	Issued    string
	Lines     []string     // the typeable code, a few groups per line
	QR        template.URL // PNG data URL of the code
}

// Kit renders one holder's printable emergency sheet (a self-contained
// HTML page: no network, the QR code inline) for share sh.
func Kit(sh Share, holder string, issued time.Time) ([]byte, error) {
	code, err := sh.Code()
	if err != nil {
		return nil, err
	}
	// QR alphanumeric mode holds A–Z, 2–7 and '-' compactly; M recovers
	// from a smudged or creased sheet.
	q, err := qr.Encode(code, qr.M, qr.AlphaNumeric)
	if err != nil {
		return nil, fmt.Errorf("vault: QR code: %w", err)
	}
	if q, err = barcode.Scale(q, 320, 320); err != nil {
		return nil, fmt.Errorf("vault: QR code: %w", err)
	}
	var img bytes.Buffer
	if err := png.Encode(&img, q); err != nil {
		return nil, err
	}
	groups := strings.Split(code, "-")
	var lines []string
	for i := 0; i < len(groups); i += 6 {
		lines = append(lines, strings.Join(groups[i:min(i+6, len(groups))], " - "))
	}
	sheet := KitSheet{Holder: holder, Number: int(sh.X), Total: int(sh.Total), Threshold: int(sh.Threshold),
		VaultID: sh.VaultID, Issued: issued.Format("2006-01-02"), Lines: lines,
		// Typed template.URL: a data: URL built here from our own PNG.
		QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(img.Bytes()))}
	var out bytes.Buffer
	if err := kitTemplate.Execute(&out, sheet); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
