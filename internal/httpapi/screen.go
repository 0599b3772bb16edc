package httpapi

import (
	"strings"

	"standing/internal/problem"
	"standing/internal/screen"
)

// screenAnswer is the answer of POST /v1/screen.
type screenAnswer struct {
	Findings []screen.Finding `json:"findings"`
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
	return screenAnswer{Findings: s.svc.Screener().Screen(*in.Text, surface)}, nil
}
