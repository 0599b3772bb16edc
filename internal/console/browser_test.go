package console_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"standing/internal/apitest"
	"standing/internal/console"
)

// TestConsoleInBrowser signs in and resolves a case by clicking, in Debian's
// chromium. It skips when no browser is installed, unless
// STANDING_REQUIRE_BROWSER is set (as .ci/run sets it): in CI a missing
// browser is a failure.
func TestConsoleInBrowser(t *testing.T) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("STANDING_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is not installed and STANDING_REQUIRE_BROWSER is set")
		}
		t.Skip("chromium not installed: browser test skipped (.ci/run installs it)")
	}
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	srv := httptest.NewServer(console.New(e.Svc, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	id := e.Signup(true, map[string]any{"name": "Browser Person"})
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "close it please"}).Want(t, 201)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for _, a := range steps {
			if _, err := chromedp.Run(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	text := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(`main`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	do(chromedp.Navigate(srv.URL+"/console/login"),
		chromedp.SendKeys(`input[name=key]`, e.Staff),
		chromedp.Submit(`input[name=key]`),
		chromedp.WaitVisible(`form[action="/console/"]`)) // the queue's filter form
	queue := text()
	do(chromedp.Click(`a[href="/console/cases/`+cs.Str("id")+`"]`),
		chromedp.WaitVisible(`select[name=outcome]`),
		chromedp.SetValue(`select[name=outcome]`, "close"),
		chromedp.SendKeys(`textarea[name=note]`, "confirmed on chat"),
		chromedp.Submit(`select[name=outcome]`),
		chromedp.WaitVisible(`p.outcome`)) // shown once the case is resolved
	page := text()
	if !strings.Contains(queue, cs.Str("id")) {
		t.Fatalf("queue: %s", queue)
	}
	if !strings.Contains(page, "resolved") || !strings.Contains(page, "close") {
		t.Fatalf("case after resolving: %s", page)
	}
	if s := e.I("GET", "/v1/accounts/"+id, nil).Str("status"); s != "closed" {
		t.Fatalf("account is %s", s)
	}
}
