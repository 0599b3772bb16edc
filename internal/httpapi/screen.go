package httpapi

import (
	"strings"

	"standing/internal/problem"
	"standing/internal/screen"
)

// screenAnswer is the answer of POST /v1/screen.
// Truncated and Note appear only when the text held more findings than
// screen.MaxFindings, so a caller can tell the list is not complete.
type screenAnswer struct {
	Findings  []screen.Finding `json:"findings"`
	Truncated bool             `json:"truncated,omitempty"`
	Note      string           `json:"note,omitempty"`
}

// screen runs the screening engine on one text, with no side effect.
func (s *Server) screen(in screenInput) (screenAnswer, error) {
	surface := str(in.Surface)
	if surface == "" {
		surface = "message"
	}
	if !screen.ValidSurface(surface) {
		return screenAnswer{}, problem.Invalid("unknown surface", problem.Field("surface", "invalid", "one of "+strings.Join(screen.Surfaces, ", ")))
	}
	r := s.svc.Screener().ScreenResult(*in.Text, surface)
	return screenAnswer{Findings: r.Findings, Truncated: r.Truncated, Note: r.Note}, nil
}
