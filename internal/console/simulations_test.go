package console_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/console"
)

// TestConsoleSimulation: staff run a what-if from the console and see its
// counts by rule, with each account it would have treated differently
// linked to its page; bad settings show the problem, naming the setting.
func TestConsoleSimulation(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	srv := httptest.NewServer(console.New(e.Svc, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	post := func(path string, form url.Values) (int, string) {
		res, err := c.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, _ := post("/console/login", url.Values{"key": {e.Staff}}); code != http.StatusOK {
		t.Fatalf("staff sign-in: %d", code)
	}
	offender, client := e.Signup(true, nil), e.Signup(false, nil)
	for _, body := range []string{"mail me at ana.smith@gmail.com", "pay me via PayPal outside the platform to avoid the fee"} {
		e.I("POST", "/v1/messages", map[string]any{"from_account_id": offender, "to_account_id": client, "body": body},
			"Acting-Account", offender).Want(t, 201)
		e.Advance("960h")
	}
	code, page := post("/console/simulations", url.Values{"settings": {`{"strike_life": "30d"}`}, "from": {"2000-01-01T00:00:00Z"}})
	if code != http.StatusOK || !strings.Contains(page, "sim_") || !strings.Contains(page, `<a href="/console/accounts/`+offender+`">`) ||
		!strings.Contains(page, "<td>V5</td><td>suspension</td><td>1</td><td>0</td>") {
		t.Fatalf("simulation page %d: %s", code, page)
	}
	if code, page = post("/console/simulations", url.Values{"settings": {`{"strike_life": "soon"}`}}); code != http.StatusBadRequest ||
		!strings.Contains(page, "strike_life") {
		t.Fatalf("bad settings %d: %s", code, page)
	}
}
