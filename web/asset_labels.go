package web

import (
	"html/template"
	"net/http"
	"strconv"

	"hitori"
)

// labelLayout is one A4 sheet of labels as sold in Japan: the label size
// and the sheet's top and left margins in mm. The CSS class
// (asset_labels.css) lays the sheet out with these numbers; Cols×Rows
// labels fill a page, edge to edge (no gaps between labels).
//
// Where the numbers come from (checked 2026-12): the maker's own product
// pages could not be consulted from here; the sizes agree with the
// layouts published by independent label-printing projects for the same
// product numbers, and each sheet's margins are symmetric (A4 less the
// labels, halved). 72224 is the 24-label sheet with margins on all four
// sides, 66.0 × 33.9 mm — not the 70 × 33.9 mm edge-to-edge 24-label
// layout of other makers it was first written as. For 72212 those
// projects give 21.2–21.5 mm at the top against the symmetric 21.6 mm
// kept here: within a printer's own feed tolerance, which is why the
// documentation asks for a test print on plain paper.
type labelLayout struct {
	ID         string // the maker's product number, used in URLs
	Cols, Rows int
	WidthMM    float64
	HeightMM   float64
	TopMM      float64
	LeftMM     float64
}

// labelLayouts are the sheets offered, the default first. They are also
// written out in asset_labels.css (.sheet-72212 …);
// TestLabelLayoutsMatchCSS keeps the two in step.
var labelLayouts = []labelLayout{
	{ID: "72212", Cols: 2, Rows: 6, WidthMM: 86.4, HeightMM: 42.3, TopMM: 21.6, LeftMM: 18.6},
	{ID: "72224", Cols: 3, Rows: 8, WidthMM: 66.0, HeightMM: 33.9, TopMM: 12.9, LeftMM: 6.0},
	{ID: "72244", Cols: 4, Rows: 11, WidthMM: 48.3, HeightMM: 25.4, TopMM: 8.8, LeftMM: 8.4},
}

// PerSheet is how many labels one sheet holds.
func (l labelLayout) PerSheet() int { return l.Cols * l.Rows }

// maxLabels bounds one print run (a page of the register is 50; a whole
// office fits in a few hundred).
const maxLabels = 1000

// assetLabel is one label: the QR code of the asset page's absolute URL,
// its number and model.
type assetLabel struct {
	Asset *hitori.Asset
	URL   string
	QR    template.URL // an SVG as a data: URL
}

// assetLabels is GET /assets/labels?id=1&id=2…&layout=72212&skip=0: the
// chosen assets laid out on A4 label sheets; skip leaves the first labels
// of a partly used sheet blank.
func (s *Server) assetLabels(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	layout := labelLayouts[0]
	for _, l := range labelLayouts {
		if l.ID == q.Get("layout") {
			layout = l
		}
	}
	skip, _ := strconv.Atoi(q.Get("skip"))
	skip = max(0, min(skip, layout.PerSheet()-1))
	ids := q["id"]
	if len(ids) > maxLabels {
		return hitori.FieldError("id", "asset.error.too_many_labels")
	}
	var cells []*assetLabel
	for range skip {
		cells = append(cells, nil)
	}
	seen := map[int64]bool{}
	for _, v := range ids {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 || seen[id] {
			continue
		}
		seen[id] = true
		a, err := s.asset.Asset(r.Context(), id)
		if hitori.ErrorCode(err) == hitori.ENOTFOUND {
			continue // deleted meanwhile: nothing to print
		}
		if err != nil {
			return err
		}
		url := s.assetAbsURL(r, id)
		svg, err := qrSVG(url)
		if err != nil {
			return err
		}
		cells = append(cells, &assetLabel{Asset: a, URL: url, QR: svg})
	}
	var sheets [][]*assetLabel
	for i := 0; i < len(cells); i += layout.PerSheet() {
		sheets = append(sheets, cells[i:min(i+layout.PerSheet(), len(cells))])
	}
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.labels.title")
	p.Data = map[string]any{"Layout": layout, "Layouts": labelLayouts, "Sheets": sheets, "Count": len(cells) - skip,
		"IDs": ids, "Skip": skip}
	s.render(w, http.StatusOK, "asset_labels", p)
	return nil
}
