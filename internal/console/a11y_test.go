package console_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core's script, installed by `npm ci` in testdata/a11y
// (pinned in its package.json) and injected at test time only: no
// third-party script is committed or served by the console.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "a11y", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("STANDING_REQUIRE_BROWSER") != "" {
			t.Fatalf("axe-core is missing and STANDING_REQUIRE_BROWSER is set: run npm ci in internal/console/testdata/a11y (%v)", err)
		}
		t.Skip("axe-core not installed: run `npm ci` in internal/console/testdata/a11y to run the accessibility test")
	}
	return string(b)
}

// violation is what axe reports of a rule a page breaks.
type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestEveryPageHasNoSeriousAccessibilityViolation runs axe-core in chromium
// on every console page, signed out and in, including the confirmation,
// bulk and error pages, at desktop and phone widths: no serious or
// critical violation, and no page wider than the window.
func TestEveryPageHasNoSeriousAccessibilityViolation(t *testing.T) {
	for _, size := range []struct {
		name          string
		width, height int
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		t.Run(size.name, func(t *testing.T) {
			axe := axeSource(t)
			c := newChrome(t, size.width, size.height)
			e, srv := start(t)
			_, dup, linkCase := linkedPair(t, e, "card-a11y-"+size.name)
			n := e.S("POST", "/v1/accounts/"+dup+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201).Str("notice.id")
			from, to := e.Signup(true, nil), e.Signup(false, nil)
			e.I("POST", "/v1/messages", map[string]any{"from_account_id": from, "to_account_id": to, "body": "Let's skip the fees, pay me via PayPal"},
				"Acting-Account", from).Want(t, 201)

			check := func(name string) {
				t.Helper()
				if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
					t.Fatalf("%s: injecting axe: %v", name, err)
				}
				vs, err := chromedp.Run(c.ctx, chromedp.Evaluate[[]violation](
					`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("%s: running axe: %v", name, err)
				}
				for _, v := range vs {
					if v.Impact == "serious" || v.Impact == "critical" {
						var at []string
						for _, n := range v.Nodes {
							at = append(at, fmt.Sprint(n.Target...))
						}
						t.Errorf("%s: %s %s (%s) at %s", name, v.Impact, v.ID, v.Help, strings.Join(at, "; "))
					}
				}
			}
			visit := func(path string) {
				t.Helper()
				c.do(chromedp.Navigate(srv.URL+path), chromedp.WaitReady(`body`))
				check(path)
				// Usable at 390 px: nothing makes the page scroll sideways.
				wide, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
				if err != nil || wide {
					t.Errorf("%s is wider than a %d px window (%v)", path, size.width, err)
				}
			}

			visit("/console/login")
			c.signIn(srv, e.Staff)
			for _, p := range []string{"/console/", "/console/?view=mine", "/console/?status=resolved", "/console/?view=active&kind=linkage_review",
				"/console/cases/" + linkCase, "/console/accounts/" + dup, "/console/accounts?q=Member", "/console/messages",
				"/console/notices/" + n, "/console/screen?text=call+me+on+555+0100", "/console/cases/case_missing", "/console/simulations"} {
				visit(p)
			}
			c.do(chromedp.Navigate(srv.URL+"/console/cases/"+linkCase), chromedp.WaitVisible(`#outcome`),
				chromedp.SetValue(`#outcome`, "multiple_accounts"), chromedp.SendKeys(`#reason`, "Both are yours."),
				chromedp.Submit(`#outcome`), chromedp.WaitVisible(`#what-h`))
			check("confirmation")
			c.do(chromedp.Navigate(srv.URL+"/console/?view=active&kind=linkage_review"), chromedp.WaitVisible(`tr[data-row]`),
				chromedp.Click(`input[name=case]`), chromedp.SetValue(`select[name=outcome]`, "not_linked"),
				chromedp.Click(`button[formaction="/console/bulk/resolve"]`), chromedp.WaitVisible(`#each-h`))
			check("bulk confirmation")
		})
	}
}
