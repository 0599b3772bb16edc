// Package console is the staff web console a trust-and-safety team works a
// shift in: case queues with counts, keyboard moves and bulk actions; a case
// with its evidence (linked accounts drawn as a cluster, screened text with
// its findings marked, the appealed notice, the timeline and strikes); a
// confirmation step that shows what a decision will do and the notice the
// member will read before anything is done; held messages; account actions.
//
// It is server-rendered HTML over the service. Staff members sign in with
// their email and password (signin.go), or with a staff or admin key, into
// a server-side session (session.go) that acts as the member with their
// role: the cookie carries a random token whose hash is stored, never a
// key. Every form carries the session's CSRF token and is refused from
// another site; every page is sent with no-store, nosniff, no framing and a
// strict content-security policy.
// The only script is the console's own keyboard helper.
package console

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"standing/internal/cases"
	"standing/internal/problem"
	"standing/internal/service"
	"standing/internal/staff"
	"standing/internal/store"
)

//go:embed templates/*.html
var files embed.FS

//go:embed static
var static embed.FS

const cookie = "standing_console"

// pageSize is the length of every list page in the console.
const pageSize = 50

// Console serves /console/.
type Console struct {
	svc      *service.Service
	log      *slog.Logger
	tmpl     *template.Template
	mux      *http.ServeMux
	throttle *throttle
	oidc     *oidcSignIn // nil unless EnableOIDC
}

// New builds the console.
func New(svc *service.Service, log *slog.Logger) *Console {
	c := &Console{svc: svc, log: log, mux: http.NewServeMux(), throttle: newThrottle(time.Now),
		tmpl: template.Must(template.New("").Funcs(funcs).ParseFS(files, "templates/*.html"))}
	sub, _ := fs.Sub(static, "static")
	c.mux.Handle("GET /console/static/", http.StripPrefix("/console/static/", http.FileServerFS(sub)))
	c.mux.HandleFunc("GET /console/login", c.loginForm)
	c.mux.HandleFunc("POST /console/login", c.login)
	c.mux.HandleFunc("POST /console/logout", c.staff(c.logout))
	c.mux.HandleFunc("GET /console/{$}", c.staff(c.queue))
	c.mux.HandleFunc("POST /console/bulk/assign", c.staff(c.bulkAssign))
	c.mux.HandleFunc("POST /console/bulk/resolve", c.staff(c.bulkResolve))
	c.mux.HandleFunc("GET /console/cases/{id}", c.staff(c.caseView))
	c.mux.HandleFunc("POST /console/cases/{id}/resolve", c.staff(c.resolve))
	c.mux.HandleFunc("POST /console/cases/{id}/note", c.staff(c.note))
	c.mux.HandleFunc("POST /console/cases/{id}/assign", c.staff(c.assignToMe))
	c.mux.HandleFunc("GET /console/messages", c.staff(c.heldMessages))
	c.mux.HandleFunc("POST /console/messages/{id}/review", c.staff(c.reviewMessage))
	c.mux.HandleFunc("GET /console/notices/{id}", c.staff(c.noticeView))
	c.mux.HandleFunc("GET /console/accounts/{id}", c.staff(c.accountView))
	c.mux.HandleFunc("POST /console/accounts/{id}/sanction", c.staff(c.sanction))
	c.mux.HandleFunc("POST /console/accounts/{id}/fraud-hold", c.staff(c.fraudHold))
	c.mux.HandleFunc("POST /console/accounts/{id}/remedy", c.staff(c.remedy))
	c.mux.HandleFunc("POST /console/accounts/{id}/reactivation", c.staff(c.reactivate))
	c.mux.HandleFunc("POST /console/accounts/{id}/verification-request", c.staff(c.requestVerification))
	c.mux.HandleFunc("GET /console/accounts", c.staff(c.findAccount))
	c.mux.HandleFunc("GET /console/screen", c.staff(c.screen))
	c.mux.HandleFunc("GET /console/simulations", c.staff(c.simulationForm))
	c.mux.HandleFunc("POST /console/simulations", c.staff(c.simulate))
	c.mux.HandleFunc("GET /console/simulations/{id}", c.staff(c.simulationView))
	return c
}

// csp allows the console's own stylesheet, script and images, no plugin,
// no framing, and forms that post only back to the console.
const csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// ServeHTTP serves the console with its security headers.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	if strings.HasPrefix(r.URL.Path, "/console/static/") {
		h.Set("Cache-Control", "public, max-age=3600")
	} else {
		h.Set("Cache-Control", "no-store")
	}
	c.mux.ServeHTTP(w, r)
}

type handler func(w http.ResponseWriter, r *http.Request, s session)

type ctxKey struct{}

// staff runs h for a request of a live session; a post must come from a
// console page (Sec-Fetch-Site, Origin) and carry the session's CSRF token.
func (c *Console) staff(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, err := c.liveSession(r)
		if errors.Is(err, store.ErrNotFound) {
			http.Redirect(w, r, "/console/login", http.StatusSeeOther)
			return
		}
		if err != nil {
			c.fail(w, r, err)
			return
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
			if !sameOrigin(r) || !validCSRF(r.PostFormValue("csrf"), s.csrf) {
				c.log.Warn("console form refused", "path", r.URL.Path, "actor", s.actor.ID, "addr", clientAddr(r))
				c.render(w, r, "error.html", http.StatusForbidden, page{"Title": "Refused", "Problem": errForeignForm})
				return
			}
		}
		h(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, s)), s)
	}
}

// errForeignForm is the console's answer to a form that did not come from
// a page of the session (no or a wrong CSRF token, another site): a page,
// never an API code.
var errForeignForm = &problem.Error{Code: "foreign_form", Status: http.StatusForbidden, Title: "This form was refused",
	Detail: "it did not come from a page of your console session; reload the page and try again. Nothing was changed."}

// page is the data of a template.
type page map[string]any

// render writes a page whole, or a plain 500 if its template fails, so a
// half-rendered page never reaches staff. Every page gets the session's
// CSRF token and actor.
func (c *Console) render(w http.ResponseWriter, r *http.Request, name string, status int, data page) {
	if name == "login.html" {
		data["OIDC"] = c.oidc != nil
	}
	if s, ok := r.Context().Value(ctxKey{}).(session); ok {
		data["CSRF"], data["Actor"] = s.csrf, s.actor
		ids, _ := data["ActorIDs"].([]string)
		data["People"] = c.people(r.Context(), append(ids, s.actor.ID))
	}
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

// people names the staff behind actor ids (today the names their keys were
// created with), for pages that show who did what. A lookup that fails
// leaves the ids to speak for themselves.
func (c *Console) people(ctx context.Context, ids []string) map[string]string {
	var out map[string]string
	err := c.svc.DB().Read(ctx, func(tx *store.Tx) error {
		var err error
		out, err = tx.KeyNames(ctx, ids)
		return err
	})
	if err != nil {
		c.log.Warn("console: staff names", "err", err)
	}
	return out
}

// fail shows a problem, or an error page that tells nothing of the cause.
func (c *Console) fail(w http.ResponseWriter, r *http.Request, err error) {
	p, ok := problem.As(err)
	if !ok {
		c.log.Error("console", "path", r.URL.Path, "err", err)
		p = problem.New("internal", "the request failed; nothing was changed")
	}
	c.render(w, r, "error.html", p.Status, page{"Title": p.Title, "Problem": p})
}

func (c *Console) loginForm(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, "login.html", http.StatusOK, page{"Title": "Sign in"})
}

// login opens a session for a staff member's email and password
// (passwordLogin, signin.go) or for a staff or admin key (admins,
// automation). The body is capped, failures are logged and slow the
// address down (throttle), whichever way was tried.
func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	addr := clientAddr(r)
	if wait := c.throttle.wait(addr); wait > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
		c.log.Warn("console sign-in throttled", "addr", addr, "wait", wait)
		c.render(w, r, "login.html", http.StatusTooManyRequests, page{"Title": "Sign in",
			"Error": fmt.Sprintf("Too many failed sign-ins from your address: try again in %d seconds.", int(wait.Seconds())+1)})
		return
	}
	if !sameOrigin(r) {
		c.render(w, r, "login.html", http.StatusForbidden, page{"Title": "Sign in", "Error": "Sign in from the console's own page."})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBody)
	if err := r.ParseForm(); err != nil {
		c.log.Warn("console sign-in refused", "addr", addr, "err", err)
		c.render(w, r, "login.html", http.StatusRequestEntityTooLarge, page{"Title": "Sign in", "Error": "That request is too large."})
		return
	}
	if r.PostForm.Has("email") {
		c.passwordLogin(w, r, addr)
		return
	}
	key := strings.TrimSpace(r.PostFormValue("key"))
	k, err := c.svc.Authenticate(r.Context(), key)
	if errors.Is(err, store.ErrNotFound) || err == nil && k.Role != "staff" && k.Role != "admin" {
		wait := c.throttle.fail(addr)
		c.log.Warn("console sign-in failed", "method", "key", "addr", addr, "wait", wait)
		c.render(w, r, "login.html", http.StatusUnauthorized, page{"Title": "Sign in", "Error": "That is not a staff key."})
		return
	}
	if err != nil {
		c.fail(w, r, err)
		return
	}
	tok, err := c.openSession(r.Context(), k.ID, k.StaffID, k.Role)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.throttle.succeed(addr)
	c.log.Info("console sign-in", "method", "key", "key", k.ID, "staff", k.StaffID, "role", k.Role, "addr", addr)
	setCookie(w, r, tok, int(AbsoluteTimeout.Seconds()))
	http.Redirect(w, r, "/console/", http.StatusSeeOther)
}

// logout ends the session on the server, not only in the browser.
func (c *Console) logout(w http.ResponseWriter, r *http.Request, s session) {
	if err := c.endSession(r.Context(), s.hash); err != nil {
		c.fail(w, r, err)
		return
	}
	c.log.Info("console sign-out", "actor", s.actor.ID)
	setCookie(w, r, "", -1)
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
}

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"when": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") },
	"whenp": func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		return t.UTC().Format("2006-01-02 15:04")
	},
	"day": func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"whens": func(s string) string { // a time the API gives as RFC 3339 text
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.UTC().Format("2006-01-02 15:04")
		}
		return s
	},
	"outcomes": service.Outcomes,
	// may and mayResolve let a page offer an agent only what an agent may
	// do (roles, issue 14); the service refuses the rest all the same.
	"may": func(a service.Actor, act string) bool { return service.Allowed(a, staff.Action(act)) },
	"mayResolve": func(a service.Actor, k cases.Kind, o string) bool {
		return service.Allowed(a, staff.ResolutionAction(k, cases.Outcome(o)))
	},
	"needsReason": func(k cases.Kind) []string {
		var out []string
		for _, o := range cases.Outcomes(k) {
			if cases.NeedsReason(k, o) {
				out = append(out, string(o))
			}
		}
		return out
	},
	"join":  strings.Join,
	"money": money,
	"age":   age,
	"left":  left,
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
	"words": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"mark":  markClass,
	"name":  func(people map[string]string, id string) string { return people[id] },
	"count": func(m map[service.QueueView]int, v service.QueueView) int { return m[v] },
}

// money formats cents as dollars: 45000 is $450.00.
func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	d := fmt.Sprint(cents / 100)
	for i := len(d) - 3; i > 0; i -= 3 {
		d = d[:i] + "," + d[i:]
	}
	return fmt.Sprintf("%s$%s.%02d", sign, d, cents%100)
}

// age is how long ago t was, roughly: 3d, 5h, 12m.
func age(t, now time.Time) string { return span(now.Sub(t)) }

// left is the time until due, or how long it is overdue.
func left(due, now time.Time) string {
	if d := due.Sub(now); d >= 0 {
		return span(d)
	}
	return span(now.Sub(due)) + " overdue"
}

func span(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	case d >= time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	default:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
}

// trimmed is a form value without surrounding space.
func trimmed(s string) string { return strings.TrimSpace(s) }

// opt is a trimmed form value, nil when empty.
func opt(s string) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return &s
}
