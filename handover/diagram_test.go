package handover_test

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hitori"
	"hitori/handover"
)

func diagramText(key string) string {
	if key == "handover.diagram.desc" {
		return "システム %d 件、つながり %d 本"
	}
	return "「" + key + "」"
}

// TestDiagram draws a register with a dependency chain, an asset shared
// by two systems and a cycle: the SVG is well-formed XML, accessible
// (title and desc), identical on every run, and puts what a system needs
// below it.
func TestDiagram(t *testing.T) {
	systems := []*hitori.System{
		{ID: 1, Name: "Microsoft 365 テナント", Kind: hitori.SystemM365, Criticality: hitori.CriticalHigh,
			Relations: []hitori.SystemRelation{{To: 2, Kind: hitori.RelDependsOn}}},
		{ID: 2, Name: "ドメイン・DNS（お名前.com）", Kind: hitori.SystemDomain, Criticality: hitori.CriticalHigh},
		{ID: 3, Name: "ファイルサーバー", Kind: hitori.SystemFileServer, Criticality: hitori.CriticalMedium,
			Relations: []hitori.SystemRelation{{To: 4, Kind: hitori.RelRunsOn}},
			Links:     []hitori.SystemLink{{Kind: hitori.LinkAsset, Ref: "10", Label: "SV-001 Synology DS923+"}}},
		{ID: 4, Name: "仮想基盤", Kind: hitori.SystemOther, Criticality: hitori.CriticalLow,
			Relations: []hitori.SystemRelation{{To: 3, Kind: hitori.RelDependsOn}}, // closes a cycle
			Links: []hitori.SystemLink{{Kind: hitori.LinkAsset, Ref: "10", Label: "SV-001 Synology DS923+"},
				{Kind: hitori.LinkAsset, Ref: "11", Missing: true}}},
		{ID: 5, Name: "とても長い名前のシステムで箱に収まらないもの", Kind: hitori.SystemSaaS, Criticality: hitori.CriticalLow},
	}
	svg := handover.Diagram(systems, diagramText)
	if again := handover.Diagram(systems, diagramText); !bytes.Equal(svg, again) {
		t.Fatal("two drawings of one register differ")
	}
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v", err)
			}
			break
		}
	}
	text := string(svg)
	for _, want := range []string{`role="img"`, `aria-labelledby="diagram-title diagram-desc"`, `<title id="diagram-title">「handover.diagram.title」</title>`,
		`システム 5 件、つながり 5 本`, `Microsoft 365 テナント`, `ドメイン・DNS（お名前.com）`, `SV-001 Synology DS923+`, `href="/systems/3"`, `href="/assets/10"`,
		`とても長い名前のシステ…`} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Count(text, `href="/assets/10"`) != 1 || strings.Contains(text, `/assets/11`) {
		t.Error("a shared asset is drawn once and a missing one not at all")
	}
	if strings.Contains(text, "<script") || strings.Contains(text, "<style") {
		t.Error("script or a style element (refused by the CSP) in the diagram")
	}
	y := map[string]int{}
	re := regexp.MustCompile(`<a href="([^"]+)"><g><title>[^<]*</title><rect [^>]*? x="\d+" y="(\d+)"`)
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		y[m[1]], _ = strconv.Atoi(m[2])
	}
	above := [][2]string{{"/systems/1", "/systems/2"}, {"/systems/3", "/assets/10"}, {"/systems/4", "/assets/10"}}
	for _, p := range above {
		if y[p[0]] >= y[p[1]] {
			t.Errorf("%s (y %d) should be above %s (y %d)", p[0], y[p[0]], p[1], y[p[1]])
		}
	}
}

func TestDiagramEmpty(t *testing.T) {
	svg := handover.Diagram(nil, diagramText)
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Fatalf("empty diagram: %v", err)
	}
}
