package console_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"standing/internal/console"
)

// TestSignedOutPagesLeadToSignIn: every page redirects to the sign-in form
// without a session, and only a staff or admin key opens one.
func TestSignedOutPagesLeadToSignIn(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	for _, p := range []string{"/console/", "/console/messages", "/console/accounts", "/console/cases/case_x"} {
		if r := b.get(p); r.Code != http.StatusSeeOther || r.Location != "/console/login" {
			t.Fatalf("%s signed out: %d %s", p, r.Code, r.Location)
		}
	}
	if r := b.post("/console/login", url.Values{"key": {e.Integration}}); r.Code != http.StatusUnauthorized {
		t.Fatalf("an integration key signed in: %d", r.Code)
	}
	b.signIn(e.Staff)
}

// TestSessionCookieHoldsATokenNotTheKey: the cookie is a random token (its
// hash is what the server keeps), never the staff key.
func TestSessionCookieHoldsATokenNotTheKey(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	if ck := b.cookie(); ck == "" || strings.Contains(ck, e.Staff) || strings.Contains(e.Staff, ck) {
		t.Fatalf("cookie %q carries the key", ck)
	}
	other := newBrowser(t, srv)
	other.signIn(e.Staff)
	if other.cookie() == b.cookie() {
		t.Fatal("two sign-ins share a session token")
	}
}

// TestSignOutEndsTheSessionOnTheServer: a cookie kept after signing out
// opens nothing.
func TestSignOutEndsTheSessionOnTheServer(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	stolen := b.cookie()
	if r := b.post("/console/logout", nil); r.Code != http.StatusSeeOther || r.Location != "/console/login" {
		t.Fatalf("sign-out: %d %s", r.Code, r.Body)
	}
	replay := newBrowser(t, srv)
	u, _ := url.Parse(srv.URL + "/console/")
	replay.c.Jar.SetCookies(u, []*http.Cookie{{Name: "standing_console", Value: stolen, Path: "/console/"}})
	if r := replay.get("/console/"); r.Code != http.StatusSeeOther || r.Location != "/console/login" {
		t.Fatalf("the session outlived its sign-out: %d", r.Code)
	}
}

// TestSessionsExpireWhenIdleAndAbsolutely: a session unused for the idle
// timeout is dead; one in constant use still dies at the absolute timeout.
func TestSessionsExpireWhenIdleAndAbsolutely(t *testing.T) {
	e, srv := start(t)
	idle := newBrowser(t, srv)
	idle.signIn(e.Staff)
	busy := newBrowser(t, srv)
	busy.signIn(e.Staff)
	e.Clock.Advance(console.IdleTimeout - time.Minute)
	if r := busy.get("/console/"); r.Code != http.StatusOK {
		t.Fatalf("busy session died early: %d", r.Code)
	}
	e.Clock.Advance(2 * time.Minute)
	if r := idle.get("/console/"); r.Code != http.StatusSeeOther {
		t.Fatalf("idle session still alive after %s: %d", console.IdleTimeout, r.Code)
	}
	for used := console.IdleTimeout + time.Minute; used < console.AbsoluteTimeout-console.IdleTimeout; used += console.IdleTimeout / 2 {
		e.Clock.Advance(console.IdleTimeout / 2)
		if r := busy.get("/console/"); r.Code != http.StatusOK {
			t.Fatalf("busy session died after %s: %d", used, r.Code)
		}
	}
	e.Clock.Advance(console.IdleTimeout)
	if r := busy.get("/console/"); r.Code != http.StatusSeeOther {
		t.Fatalf("session alive past the absolute timeout: %d", r.Code)
	}
}

// TestFormsNeedTheSessionCSRFTokenAndSameOrigin: a post without the token,
// with another session's token, from another site (Origin) or marked
// cross-site by the browser (Sec-Fetch-Site) changes nothing.
func TestFormsNeedTheSessionCSRFTokenAndSameOrigin(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	other := newBrowser(t, srv)
	other.signIn(e.Staff)
	id := e.Signup(true, nil)
	hold := url.Values{"hold": {"place"}, "reason": {"chargebacks"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for key, vs := range hold {
			f[key] = vs
		}
		f.Set(k, v)
		return f
	}
	for name, r := range map[string]reply{
		"no token":            b.post("/console/accounts/"+id+"/fraud-hold", with("csrf", "")),
		"another's token":     b.post("/console/accounts/"+id+"/fraud-hold", with("csrf", other.csrf)),
		"foreign Origin":      b.post("/console/accounts/"+id+"/fraud-hold", hold, "Origin", "https://evil.example"),
		"cross-site fetch":    b.post("/console/accounts/"+id+"/fraud-hold", hold, "Sec-Fetch-Site", "cross-site"),
		"same-site subdomain": b.post("/console/accounts/"+id+"/fraud-hold", hold, "Sec-Fetch-Site", "same-site"),
	} {
		if r.Code != http.StatusForbidden {
			t.Errorf("%s: %d", name, r.Code)
		}
	}
	if e.I("GET", "/v1/accounts/"+id, nil).Get("fraud_hold") == true {
		t.Fatal("a refused form placed a fraud hold")
	}
	if r := b.post("/console/accounts/"+id+"/fraud-hold", hold); r.Code != http.StatusSeeOther {
		t.Fatalf("the console's own form: %d %s", r.Code, r.Body)
	}
}

// TestConsolePagesCarrySecurityHeaders: nosniff, no-store, no framing and
// a content-security policy without inline script, on every page.
func TestConsolePagesCarrySecurityHeaders(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	id := e.Signup(true, nil)
	for _, p := range []string{"/console/login", "/console/", "/console/messages", "/console/accounts", "/console/accounts/" + id, "/console/screen"} {
		h := b.get(p).Header
		csp := h.Get("Content-Security-Policy")
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" || h.Get("X-Frame-Options") != "DENY" ||
			!strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: %v", p, h)
		}
	}
}

// TestSignInBodyIsCapped: an unauthenticated sign-in may not send more
// than a few kilobytes.
func TestSignInBodyIsCapped(t *testing.T) {
	_, srv := start(t)
	b := newBrowser(t, srv)
	if r := b.post("/console/login", url.Values{"key": {strings.Repeat("k", 64<<10)}}); r.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 64 KB sign-in: %d", r.Code)
	}
}

// TestFailedSignInsAreThrottledPerAddress: after a few failures the address
// must wait, even with the right key, and the wait grows.
func TestFailedSignInsAreThrottledPerAddress(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	var last reply
	for i := 0; i < 5; i++ {
		last = b.post("/console/login", url.Values{"key": {"sk_sta_guess"}})
	}
	if last.Code != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("fifth guess in a row: %d", last.Code)
	}
	if r := b.post("/console/login", url.Values{"key": {e.Staff}}); r.Code != http.StatusTooManyRequests {
		t.Fatalf("the right key got through the back-off: %d", r.Code)
	}
}

// TestStaffActionsAreAuditedWithTheActorsRole: a note taken with an admin
// key is recorded as admin, with a staff key as staff, and the case page
// names the person (section 9: the audit says who).
func TestStaffActionsAreAuditedWithTheActorsRole(t *testing.T) {
	e, srv := start(t)
	id := e.Signup(true, nil)
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "close it"}).Want(t, 201).Str("id")
	for _, k := range []struct{ key, role string }{{e.Admin, "admin"}, {e.Staff, "staff"}} {
		b := newBrowser(t, srv)
		b.signIn(k.key)
		b.get("/console/cases/" + cs)
		b.follow("/console/cases/"+cs+"/note", url.Values{"note": {"by " + k.role}})
		h := e.S("GET", "/v1/cases/"+cs, nil)
		n := h.Len("notes")
		if h.Str("notes."+strconv.Itoa(n-1)+".actor.kind") != k.role {
			t.Fatalf("a %s's note recorded as %s", k.role, h.Str("notes."+strconv.Itoa(n-1)+".actor.kind"))
		}
		if page := b.get("/console/cases/" + cs).Body; !strings.Contains(page, k.role+" test ("+k.role+"): by "+k.role) {
			t.Fatalf("the case page does not name the person behind the note: %s", page)
		}
	}
}
