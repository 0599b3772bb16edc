// Package console is the staff web console: the case queues, a case with its
// history and the form that resolves it, an account with its notices, links
// and audit trail, and a screening tester. Server-rendered HTML over the
// service, signed in with a staff key; no JavaScript is needed.
package console

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/problem"
	"standing/internal/screen"
	"standing/internal/service"
	"standing/internal/store"
)

//go:embed templates/*.html
var files embed.FS

const cookie = "standing_console"

// Console serves /console/.
type Console struct {
	svc  *service.Service
	log  *slog.Logger
	tmpl *template.Template
	mux  *http.ServeMux
}

// New builds the console.
func New(svc *service.Service, log *slog.Logger) *Console {
	funcs := template.FuncMap{
		"when": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") },
		"whenp": func(t *time.Time) string {
			if t == nil {
				return "—"
			}
			return t.UTC().Format("2006-01-02 15:04")
		},
		"outcomes": service.Outcomes,
		"join":     strings.Join,
	}
	c := &Console{svc: svc, log: log, mux: http.NewServeMux(),
		tmpl: template.Must(template.New("").Funcs(funcs).ParseFS(files, "templates/*.html"))}
	c.mux.HandleFunc("GET /console/login", c.loginForm)
	c.mux.HandleFunc("POST /console/login", c.login)
	c.mux.HandleFunc("POST /console/logout", c.staff(c.logout))
	c.mux.HandleFunc("GET /console/{$}", c.staff(c.queue))
	c.mux.HandleFunc("GET /console/cases/{id}", c.staff(c.caseView))
	c.mux.HandleFunc("POST /console/cases/{id}/resolve", c.staff(c.resolve))
	c.mux.HandleFunc("POST /console/cases/{id}/note", c.staff(c.note))
	c.mux.HandleFunc("GET /console/accounts/{id}", c.staff(c.accountView))
	c.mux.HandleFunc("POST /console/accounts/{id}/sanction", c.staff(c.sanction))
	c.mux.HandleFunc("GET /console/accounts", c.staff(c.findAccount))
	c.mux.HandleFunc("GET /console/screen", c.staff(c.screen))
	c.mux.HandleFunc("GET /console/simulations", c.staff(c.simulationForm))
	c.mux.HandleFunc("POST /console/simulations", c.staff(c.simulate))
	c.mux.HandleFunc("GET /console/simulations/{id}", c.staff(c.simulationView))
	return c
}

// ServeHTTP serves the console.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")
	w.Header().Set("X-Frame-Options", "DENY")
	c.mux.ServeHTTP(w, r)
}

type handler func(w http.ResponseWriter, r *http.Request, actor service.Actor)

// staff checks the session cookie (a staff or admin key) and, for forms,
// that the request comes from this console (with the SameSite cookie, the
// defence against cross-site requests).
func (c *Console) staff(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ck, err := r.Cookie(cookie)
		if err != nil {
			http.Redirect(w, r, "/console/login", http.StatusSeeOther)
			return
		}
		k, err := c.svc.Authenticate(r.Context(), ck.Value)
		if err != nil || (k.Role != "staff" && k.Role != "admin") {
			http.Redirect(w, r, "/console/login", http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost {
			if o := r.Header.Get("Origin"); o != "" && !sameHost(o, r.Host) {
				http.Error(w, "cross-site form refused", http.StatusForbidden)
				return
			}
		}
		h(w, r, service.Actor{Kind: k.Role, ID: k.ID})
	}
}

func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host == host
}

// render writes a page whole, or a plain 500 if its template fails, so a
// half-rendered page never reaches staff.
func (c *Console) render(w http.ResponseWriter, name string, status int, data map[string]any) {
	var buf bytes.Buffer
	if err := c.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		c.log.Error("console template", "page", name, "err", err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// fail shows a problem on the page it came from, or an error page.
func (c *Console) fail(w http.ResponseWriter, err error) {
	p, ok := problem.As(err)
	if !ok {
		c.log.Error("console", "err", err)
		p = problem.New("internal", "the request failed; nothing was changed")
	}
	c.render(w, "error.html", p.Status, map[string]any{"Problem": p})
}

func (c *Console) loginForm(w http.ResponseWriter, r *http.Request) {
	c.render(w, "login.html", http.StatusOK, map[string]any{})
}

func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimSpace(r.FormValue("key"))
	k, err := c.svc.Authenticate(r.Context(), key)
	if errors.Is(err, store.ErrNotFound) || err == nil && k.Role != "staff" && k.Role != "admin" {
		c.render(w, "login.html", http.StatusUnauthorized, map[string]any{"Error": "That is not a staff key."})
		return
	}
	if err != nil {
		c.fail(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookie, Value: key, Path: "/console/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteStrictMode, MaxAge: 12 * 3600})
	http.Redirect(w, r, "/console/", http.StatusSeeOther)
}

func (c *Console) logout(w http.ResponseWriter, r *http.Request, _ service.Actor) {
	http.SetCookie(w, &http.Cookie{Name: cookie, Value: "", Path: "/console/", MaxAge: -1})
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
}

func (c *Console) queue(w http.ResponseWriter, r *http.Request, _ service.Actor) {
	kind, status := r.URL.Query().Get("kind"), r.URL.Query().Get("status")
	if status == "" {
		status = "open"
	}
	page, err := c.svc.Cases(r.Context(), kind, status, "", service.ListOpts{Limit: 200, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		c.fail(w, err)
		return
	}
	c.render(w, "queue.html", http.StatusOK, map[string]any{"Cases": page.Data, "Next": page.NextCursor,
		"Kind": kind, "Status": status, "Kinds": service.CaseKinds(), "Now": c.svc.Now(),
		"Statuses": []string{"open", "in_review", "resolved", "withdrawn"}})
}

func (c *Console) caseView(w http.ResponseWriter, r *http.Request, _ service.Actor) {
	cs, err := c.svc.GetCase(r.Context(), r.PathValue("id"))
	if err != nil {
		c.fail(w, err)
		return
	}
	c.render(w, "case.html", http.StatusOK, map[string]any{"Case": cs})
}

func (c *Console) resolve(w http.ResponseWriter, r *http.Request, actor service.Actor) {
	in := service.ResolutionInput{Outcome: opt(r.FormValue("outcome")), Reason: opt(r.FormValue("reason")), Note: opt(r.FormValue("note")),
		KeepAccountID: opt(r.FormValue("keep_account_id")), Rule: opt(r.FormValue("rule"))}
	if in.Outcome == nil {
		c.fail(w, problem.Invalid("choose an outcome"))
		return
	}
	if _, err := c.svc.Resolve(r.Context(), actor, r.PathValue("id"), in); err != nil {
		c.fail(w, err)
		return
	}
	http.Redirect(w, r, "/console/cases/"+r.PathValue("id"), http.StatusSeeOther)
}

func (c *Console) note(w http.ResponseWriter, r *http.Request, actor service.Actor) {
	in := service.CaseUpdate{Note: opt(r.FormValue("note")), Assignee: opt(r.FormValue("assignee"))}
	if _, err := c.svc.UpdateCase(r.Context(), actor, r.PathValue("id"), nil, in); err != nil {
		c.fail(w, err)
		return
	}
	http.Redirect(w, r, "/console/cases/"+r.PathValue("id"), http.StatusSeeOther)
}

func (c *Console) accountView(w http.ResponseWriter, r *http.Request, _ service.Actor) {
	ctx, id := r.Context(), r.PathValue("id")
	a, err := c.svc.Account(ctx, id)
	if err != nil {
		c.fail(w, err)
		return
	}
	notices, err := c.svc.Notices(ctx, id, service.ListOpts{Limit: 50})
	if err != nil {
		c.fail(w, err)
		return
	}
	links, err := c.svc.Links(ctx, id)
	if err != nil {
		c.fail(w, err)
		return
	}
	cases, err := c.svc.Cases(ctx, "", "", id, service.ListOpts{Limit: 50})
	if err != nil {
		c.fail(w, err)
		return
	}
	bal, err := c.svc.GetBalance(ctx, id)
	if err != nil {
		c.fail(w, err)
		return
	}
	c.render(w, "account.html", http.StatusOK, map[string]any{"Account": a, "Notices": notices.Data, "Links": links.Data,
		"Cases": cases.Data, "Balance": bal, "Capabilities": account.Capabilities})
}

func (c *Console) sanction(w http.ResponseWriter, r *http.Request, actor service.Actor) {
	in := service.SanctionInput{Rule: opt(r.FormValue("rule")), Action: opt(r.FormValue("action")), Reason: opt(r.FormValue("reason")),
		Capability: opt(r.FormValue("capability"))}
	if in.Rule == nil || in.Action == nil || in.Reason == nil {
		c.fail(w, problem.Invalid("a sanction needs a rule, an action and a reason"))
		return
	}
	if _, err := c.svc.Sanction(r.Context(), actor, r.PathValue("id"), in); err != nil {
		c.fail(w, err)
		return
	}
	http.Redirect(w, r, "/console/accounts/"+r.PathValue("id"), http.StatusSeeOther)
}

func (c *Console) findAccount(w http.ResponseWriter, r *http.Request, _ service.Actor) {
	q := r.URL.Query().Get("q")
	page, err := c.svc.Accounts(r.Context(), "", q, service.ListOpts{Limit: 50})
	if err != nil {
		c.fail(w, err)
		return
	}
	c.render(w, "accounts.html", http.StatusOK, map[string]any{"Accounts": page.Data, "Q": q})
}

func (c *Console) screen(w http.ResponseWriter, r *http.Request, _ service.Actor) {
	text, surface := r.URL.Query().Get("text"), r.URL.Query().Get("surface")
	if !screen.ValidSurface(surface) {
		surface = "message"
	}
	var findings []screen.Finding
	var parts []part
	if text != "" {
		findings = c.svc.Screener().Screen(text, surface)
		parts = highlight(text, findings)
	}
	c.render(w, "screen.html", http.StatusOK, map[string]any{"Text": text, "Surface": surface, "Surfaces": screen.Surfaces,
		"Findings": findings, "Parts": parts})
}

// part is a piece of screened text, marked when a finding covers it.
type part struct {
	Text     string
	Category string
}

func highlight(text string, fs []screen.Finding) []part {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b screen.Finding) int { return a.Start - b.Start })
	var out []part
	at := 0
	for _, f := range fs {
		if f.Start < at {
			continue
		}
		out = append(out, part{Text: text[at:f.Start]}, part{Text: text[f.Start:f.End], Category: f.Category})
		at = f.End
	}
	return append(out, part{Text: text[at:]})
}

func opt(s string) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return &s
}
