package console_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/console"
)

// browser is a staff member's browser on the console: a cookie jar, the
// CSRF token of the last page read, and no redirects followed unless asked.
type browser struct {
	t    *testing.T
	srv  *httptest.Server
	c    *http.Client
	csrf string
}

// reply is a console answer.
type reply struct {
	Code     int
	Body     string
	Location string
	Header   http.Header
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// failOnError fails the test when the console logs an error: a page that
// could not be rendered, a request that failed for an unexpected reason.
type failOnError struct{ t *testing.T }

func (f failOnError) Write(p []byte) (int, error) {
	f.t.Errorf("console logged an error: %s", p)
	return len(p), nil
}

// start runs the service and the console over SQLite.
func start(t *testing.T) (*apitest.Env, *httptest.Server) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	log := slog.New(slog.NewTextHandler(failOnError{t}, &slog.HandlerOptions{Level: slog.LevelError}))
	srv := httptest.NewServer(console.New(e.Svc, log))
	t.Cleanup(srv.Close)
	return e, srv
}

func newBrowser(t *testing.T, srv *httptest.Server) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, srv: srv, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// do sends a request and reads the answer, keeping the page's CSRF token.
func (b *browser) do(req *http.Request) reply {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if m := csrfField.FindStringSubmatch(string(body)); m != nil {
		b.csrf = m[1]
	}
	return reply{Code: res.StatusCode, Body: string(body), Location: res.Header.Get("Location"), Header: res.Header}
}

// get reads a page.
func (b *browser) get(path string) reply {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.srv.URL+path, nil)
	return b.do(req)
}

// post sends a form as a same-origin browser would: with the page's CSRF
// token (unless the form sets its own), Origin and Sec-Fetch-Site.
func (b *browser) post(path string, form url.Values, headers ...string) reply {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok && b.csrf != "" {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest("POST", b.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	return b.do(req)
}

// signIn opens a session with a key and reads the queue.
func (b *browser) signIn(key string) {
	b.t.Helper()
	if r := b.post("/console/login", url.Values{"key": {key}}); r.Code != http.StatusSeeOther || r.Location != "/console/" {
		b.t.Fatalf("sign-in: %d %s", r.Code, r.Body)
	}
	if r := b.get("/console/"); r.Code != http.StatusOK {
		b.t.Fatalf("queue after sign-in: %d", r.Code)
	}
}

// follow posts and follows the redirect, returning the page it leads to.
func (b *browser) follow(path string, form url.Values) reply {
	b.t.Helper()
	r := b.post(path, form)
	if r.Code != http.StatusSeeOther {
		b.t.Fatalf("POST %s: %d %s", path, r.Code, r.Body)
	}
	return b.get(strings.TrimPrefix(r.Location, b.srv.URL))
}

// cookie is the console cookie the browser holds.
func (b *browser) cookie() string {
	u, _ := url.Parse(b.srv.URL + "/console/")
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == "standing_console" {
			return c.Value
		}
	}
	return ""
}
