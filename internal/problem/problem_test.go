package problem_test

import (
	"net/http"
	"testing"

	"standing/internal/problem"
)

func TestEveryCodeHasStatusAndTitle(t *testing.T) {
	for _, c := range problem.Codes() {
		p := problem.New(c, "x")
		if p.Status < 400 || p.Status > 599 || p.Title == "" {
			t.Errorf("%s: %d %q", c, p.Status, p.Title)
		}
	}
	// API.md: support_required is 409 for a closure (L7) and 403 for a reactivation (L8).
	if p := problem.New("support_required", "x").WithStatus(http.StatusForbidden); p.Status != 403 {
		t.Error(p.Status)
	}
	if p, ok := problem.As(error(problem.New("not_found", "x"))); !ok || p.Status != 404 {
		t.Error("As")
	}
}
