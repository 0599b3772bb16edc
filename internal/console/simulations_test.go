package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestConsoleSimulation: staff run a what-if from the console and see its
// counts by rule, with each account it would have treated differently
// linked to its page; bad settings show the problem, naming the setting.
func TestConsoleSimulation(t *testing.T) {
	e, srv := start(t)
	offender, client := e.Signup(true, nil), e.Signup(false, nil)
	for _, body := range []string{"mail me at ana.smith@gmail.com", "pay me via PayPal outside the platform to avoid the fee"} {
		e.I("POST", "/v1/messages", map[string]any{"from_account_id": offender, "to_account_id": client, "body": body},
			"Acting-Account", offender).Want(t, 201)
		e.Advance("960h")
	}
	b := newBrowser(t, srv)
	b.signIn(e.Staff) // after the clock moved, so the session is fresh
	b.get("/console/simulations")
	page := b.follow("/console/simulations", url.Values{"settings": {`{"strike_life": "30d"}`}, "from": {"2000-01-01T00:00:00Z"}})
	if page.Code != http.StatusOK || !strings.Contains(page.Body, "sim_") || !strings.Contains(page.Body, `<a href="/console/accounts/`+offender+`">`) ||
		!strings.Contains(page.Body, "<td>V5</td><td>suspension</td><td>1</td><td>0</td>") {
		t.Fatalf("simulation page %d: %s", page.Code, page.Body)
	}
	if r := b.post("/console/simulations", url.Values{"settings": {`{"strike_life": "soon"}`}}); r.Code != http.StatusBadRequest ||
		!strings.Contains(r.Body, "strike_life") {
		t.Fatalf("bad settings %d: %s", r.Code, r.Body)
	}
}
