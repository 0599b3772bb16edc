package console_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
)

// chrome is a headless Debian chromium for one test. It skips when no
// browser is installed, unless STANDING_REQUIRE_BROWSER is set (as .ci/run
// sets it): in CI a missing browser is a failure. A script error or a
// content-security-policy refusal on any page fails the test.
type chrome struct {
	t   *testing.T
	ctx context.Context
}

func newChrome(t *testing.T, width, height int) *chrome {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("STANDING_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is not installed and STANDING_REQUIRE_BROWSER is set")
		}
		t.Skip("chromium not installed: browser test skipped (.ci/run installs it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	// The page's own errors (a script that fails, anything the content
	// security policy refuses) fail the test when it ends.
	var mu sync.Mutex
	var refused []string
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*cdplog.EventEntryAdded); ok && e.Entry != nil && e.Entry.Level == cdplog.EntryLevelError &&
			(e.Entry.Source == cdplog.EntrySourceJavascript || e.Entry.Source == cdplog.EntrySourceSecurity || strings.Contains(e.Entry.Text, "Content Security Policy")) {
			mu.Lock()
			refused = append(refused, e.Entry.Text)
			mu.Unlock()
		}
	}))
	t.Cleanup(func() {
		cancel()
		mu.Lock()
		defer mu.Unlock()
		for _, r := range refused {
			t.Errorf("the browser reported: %s", r)
		}
	})
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancel)
	// The window has a minimum width; the viewport is set exactly.
	if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatal(err)
	}
	return &chrome{t: t, ctx: ctx}
}

// do runs browser steps, failing the test at the first that fails.
func (c *chrome) do(steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	for i, a := range steps {
		if _, err := chromedp.Run(c.ctx, a); err != nil {
			c.t.Fatalf("step %d: %v", i+1, err)
		}
	}
}

// text is the visible text of the page's main element.
func (c *chrome) text() string {
	c.t.Helper()
	s, err := chromedp.Run(c.ctx, chromedp.Text(`main`))
	if err != nil {
		c.t.Fatal(err)
	}
	return s
}

// signIn opens a console session with a key through the sign-in form.
func (c *chrome) signIn(srv *httptest.Server, key string) {
	c.t.Helper()
	c.do(chromedp.Navigate(srv.URL+"/console/login"),
		chromedp.SendKeys(`#key`, key),
		chromedp.Submit(`#key`),
		chromedp.WaitVisible(`nav[aria-label=Queues]`))
}

// signInAs opens a console session with an email and password through the
// sign-in form.
func (c *chrome) signInAs(srv *httptest.Server, email, password string) {
	c.t.Helper()
	c.do(chromedp.Navigate(srv.URL+"/console/login"),
		chromedp.SendKeys(`#email`, email),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`nav[aria-label=Queues]`))
}

// TestAShiftInTheBrowser works a shift in chromium: a lead signs in with a
// password, opens a linkage case from the queue with the keyboard, keeps one
// account and confirms after the preview (audited as the lead), denies an
// appeal with a reason, releases a held message, signs out, and finds the
// session dead.
func TestAShiftInTheBrowser(t *testing.T) {
	c := newChrome(t, 1280, 900)
	e, srv := start(t)
	orig, dup, linkCase := linkedPair(t, e, "card-browser-1")
	appellant := e.Signup(true, map[string]any{"name": "Appealing Member"})
	n := e.S("POST", "/v1/accounts/"+appellant+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201).Str("notice.id")
	appeal := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": appellant, "channel": "web", "body": "I only asked for honesty",
		"notice_id": n}, "Acting-Account", appellant).Want(t, 201).Str("id")
	from, to := e.Signup(true, map[string]any{"name": "Held Sender"}), e.Signup(false, nil)
	msg := e.I("POST", "/v1/messages", map[string]any{"from_account_id": from, "to_account_id": to, "body": "Let's skip the fees, pay me via PayPal"},
		"Acting-Account", from).Want(t, 201).Str("message.id")

	// A named lead signs in with email and password (issue 14).
	lead := member(t, e, "lead", "a shift lead's password")
	c.signInAs(srv, "lead@example.com", "a shift lead's password")
	// The linkage queue, worked with the keyboard: j picks the first row, Enter opens it.
	c.do(chromedp.Navigate(srv.URL+"/console/?view=active&kind=linkage_review"),
		chromedp.WaitVisible(`tr[data-row]`),
		chromedp.KeyEvent("j"),
		chromedp.WaitVisible(`tr.current`),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(`#outcome`))
	if page := c.text(); !strings.Contains(page, linkCase) || !strings.Contains(page, "Original Owner") || !strings.Contains(page, "payment_instrument") {
		t.Fatalf("linkage case page: %s", page)
	}
	c.do(chromedp.SetValue(`#outcome`, "multiple_accounts"),
		chromedp.SetValue(`#keep`, orig),
		chromedp.SendKeys(`#reason`, "Both accounts are yours; you keep the first."),
		chromedp.SendKeys(`#note`, "card shared, confirmed on chat"),
		chromedp.Submit(`#outcome`),
		chromedp.WaitVisible(`#what-h`))
	if page := c.text(); !strings.Contains(page, "becomes banned") || !strings.Contains(page, "you keep the first") {
		t.Fatalf("preview: %s", page)
	}
	c.do(chromedp.Click(`input[name=confirm] ~ p button`), chromedp.WaitVisible(`p.flash`))
	if s := e.I("GET", "/v1/accounts/"+dup, nil).Str("status"); s != "banned" {
		t.Fatalf("the duplicate is %s", s)
	}
	if !auditedAs(t, e, dup, "staff", lead) {
		t.Fatal("the linkage decision is not audited as the lead who signed in")
	}

	// An appeal, denied with a reason the member reads: choosing deny makes
	// the reason required in the form.
	c.do(chromedp.Navigate(srv.URL+"/console/cases/"+appeal),
		chromedp.WaitVisible(`#outcome`),
		chromedp.SetValue(`#outcome`, "deny"))
	required, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](
		`document.querySelector("#outcome").dispatchEvent(new Event("change")), document.querySelector("#reason").required`))
	if err != nil || !required {
		t.Fatalf("deny does not require a reason in the form (%v)", err)
	}
	c.do(chromedp.SendKeys(`#reason`, "The message offered a discount for five stars."),
		chromedp.Submit(`#outcome`),
		chromedp.WaitVisible(`#reads-h`),
		chromedp.Click(`input[name=confirm] ~ p button`),
		chromedp.WaitVisible(`nav[aria-label=Queues]`))
	if f := e.I("GET", "/v1/accounts/"+appellant+"/notices", nil).Str("data.0.facts"); !strings.Contains(f, "discount for five stars") {
		t.Fatalf("the member reads: %s", f)
	}

	// A held message, released.
	c.do(chromedp.Navigate(srv.URL+"/console/messages"),
		chromedp.WaitVisible(`#m-`+msg),
		chromedp.Click(`form[action="/console/messages/`+msg+`/review"] input[value=release]`),
		chromedp.Submit(`form[action="/console/messages/`+msg+`/review"] textarea`),
		chromedp.WaitVisible(`p.flash`))
	if s := e.S("GET", "/v1/messages?status=held&account_id="+from, nil).Len("data"); s != 0 {
		t.Fatalf("%d messages still held", s)
	}

	// Sign out; the same browser is asked to sign in again.
	c.do(chromedp.Click(`header form button`), chromedp.WaitVisible(`#key`),
		chromedp.Navigate(srv.URL+"/console/"), chromedp.WaitVisible(`#key`))
}

// TestQueueFitsAPhoneScreen: at 390 px wide the queue does not scroll
// sideways.
func TestQueueFitsAPhoneScreen(t *testing.T) {
	c := newChrome(t, 390, 844)
	e, srv := start(t)
	linkedPair(t, e, "card-phone-1")
	c.signIn(srv, e.Staff)
	c.do(chromedp.Navigate(srv.URL + "/console/"))
	w, err := chromedp.Run(c.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	inner, _ := chromedp.Run(c.ctx, chromedp.Evaluate[int](`window.innerWidth`))
	if inner != 390 || w > inner {
		t.Fatalf("the queue is %d px wide in a %d px window", w, inner)
	}
}
