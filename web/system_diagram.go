package web

import (
	"html/template"
	"net/http"

	"hitori/handover"
)

// diagramSVG draws the register in the reader's language.
func (s *Server) diagramSVG(r *http.Request) ([]byte, error) {
	systems, err := s.handover().AllSystems(r.Context())
	if err != nil {
		return nil, err
	}
	loc := s.localeFor(r)
	return handover.Diagram(systems, func(key string) string { return loc.T(key) }), nil
}

// systemDiagram is GET /systems/diagram: the configuration diagram,
// drawn on the server as inline SVG.
func (s *Server) systemDiagram(w http.ResponseWriter, r *http.Request) error {
	svg, err := s.diagramSVG(r)
	if err != nil {
		return err
	}
	// The SVG is built by handover.Diagram, which escapes every text.
	s.render(w, http.StatusOK, "system_diagram", s.handoverPage(r, "handover.diagram.title", template.HTML(svg)))
	return nil
}

// systemDiagramSVG is GET /systems/diagram.svg: the same drawing as a
// file, for documents.
func (s *Server) systemDiagramSVG(w http.ResponseWriter, r *http.Request) error {
	svg, err := s.diagramSVG(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Header().Set("Content-Disposition", `inline; filename="diagram.svg"`)
	_, err = w.Write(svg)
	return err
}
