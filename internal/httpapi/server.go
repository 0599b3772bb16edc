// Package httpapi is the JSON API v1 of API.md over the service: bearer
// keys and roles, problem+json errors, strict request decoding,
// idempotency keys, If-Match, pagination, metrics and the OpenAPI document.
// Handlers only parse, authorize, call the service and render.
package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"standing/internal/problem"
	"standing/internal/service"
	"standing/internal/store"
)

// Server serves the API.
type Server struct {
	svc       *service.Service
	log       *slog.Logger
	testClock bool
	mux       *http.ServeMux
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	routes    []route
}

// New builds the API. testClock enables POST /v1/test/clock.
func New(svc *service.Service, log *slog.Logger, testClock bool) *Server {
	s := &Server{svc: svc, log: log, testClock: testClock, mux: http.NewServeMux(), reg: prometheus.NewRegistry()}
	s.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "standing_http_requests_total",
		Help: "HTTP requests by route and status."}, []string{"route", "status"})
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "standing_http_request_seconds",
		Help: "HTTP request latency by route.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)}, []string{"route"})
	trips := prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "standing_db_round_trips_total",
		Help: "Statements sent to the database, with BEGIN and COMMIT."}, func() float64 { return float64(svc.DB().RoundTrips()) })
	deadlocks := prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "standing_db_deadlocks_total",
		Help: "Transactions PostgreSQL ended as deadlocked (each was run again)."}, func() float64 { return float64(svc.DB().Deadlocks()) })
	s.reg.MustRegister(s.requests, s.latency, trips, deadlocks, prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	s.routes = s.table()
	paths := map[string][]string{}
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
		paths[rt.path] = append(paths[rt.path], rt.method)
	}
	for p, methods := range paths {
		allow := strings.Join(methods, ", ")
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeProblem(w, problem.Newf("method_not_allowed", "%s %s is not a route; allowed: %s", r.Method, r.URL.Path, allow))
		})
	}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := svc.DB().Ping(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	s.mux.HandleFunc("GET /metrics", s.guardedMetrics)
	s.mux.HandleFunc("GET /v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.OpenAPI(serverURL(r)))
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, problem.Newf("not_found", "no route %s %s", r.Method, r.URL.Path))
	})
	return s
}

// Metrics is the Prometheus handler, unguarded, for a listener of its own
// (serve --metrics-addr) on an address only the monitoring can reach.
func (s *Server) Metrics() http.Handler { return promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{}) }

// guardedMetrics serves /metrics on the API's address only to a request
// bearing the metrics_token setting; without the setting the route is not
// there (use --metrics-addr).
func (s *Server) guardedMetrics(w http.ResponseWriter, r *http.Request) {
	want := s.svc.Settings().MetricsToken
	if want == "" {
		writeProblem(w, problem.New("not_found", "metrics are served on serve --metrics-addr, or here with the metrics_token setting"))
		return
	}
	got, _ := bearer(r.Header.Get("Authorization"))
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		writeProblem(w, problem.New("unauthorized", "send Authorization: Bearer <metrics token>"))
		return
	}
	s.Metrics().ServeHTTP(w, r)
}

// serverURL is the address a client reached this server at.
func serverURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	if r.Host == "" || !cleanText(r.Host) || strings.ContainsAny(r.Host, "/?#@ ") {
		return ""
	}
	return scheme + "://" + r.Host
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { CleanPaths(s.mux).ServeHTTP(w, r) }

// CleanPaths answers 404 to a path that is not in clean form ("/v1/cases/.",
// "/v1//accounts") instead of letting http.ServeMux redirect it to another
// route: an id of "." must never read as the list it would be cleaned to.
func CleanPaths(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p != "/" && path.Clean(p) != strings.TrimSuffix(p, "/") {
			writeProblem(w, problem.Newf("not_found", "no route %s %s", r.Method, p))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// req is what a handler gets: the parsed request and who sent it.
type req struct {
	r      *http.Request
	ctx    context.Context
	actor  service.Actor
	key    store.Key
	acting string
	body   any
}

func (q *req) path(name string) string  { return q.r.PathValue(name) }
func (q *req) query(name string) string { return q.r.URL.Query().Get(name) }

// ifMatch reads If-Match as an integer version; * asks for none.
func (q *req) ifMatch() (*int64, error) {
	h := strings.Trim(strings.TrimSpace(q.r.Header.Get("If-Match")), `"`)
	if h == "" || h == "*" { // "*": any current version (RFC 9110 13.1.1)
		return nil, nil
	}
	v, err := strconv.ParseInt(strings.TrimPrefix(h, "W/"), 10, 64)
	if err != nil {
		return nil, problem.Invalid("If-Match must be the integer version of the object", problem.Field("If-Match", "invalid", "an integer version"))
	}
	return &v, nil
}

// list reads ?limit= and ?cursor=.
func (q *req) list() (service.ListOpts, error) {
	o := service.ListOpts{Limit: 50, Cursor: q.query("cursor")}
	if l := q.query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 200 {
			return o, problem.Invalid("limit must be 1 to 200", problem.Field("limit", "invalid", "an integer from 1 to 200"))
		}
		o.Limit = n
	}
	return o, nil
}

// capture records a response so idempotency can replay it.
type capture struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (c *capture) WriteHeader(code int) { c.status = code; c.ResponseWriter.WriteHeader(code) }
func (c *capture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.buf.Write(b)
	return c.ResponseWriter.Write(b)
}

// wrap turns a route into a handler: recover, metrics, auth, body limit,
// decoding, idempotency, and rendering of the answer or the problem.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		cw := &capture{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "route", rt.path, "panic", p)
				if cw.status == 0 {
					writeProblem(cw, problem.New("internal", "the request failed; it was not applied"))
				}
			}
			s.requests.WithLabelValues(rt.method+" "+rt.path, strconv.Itoa(cw.status)).Inc()
			s.latency.WithLabelValues(rt.method + " " + rt.path).Observe(time.Since(start).Seconds())
		}()
		if err := s.serve(cw, r, rt); err != nil {
			s.fail(cw, r, err)
		}
	})
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p, ok := problem.As(err)
	if !ok {
		if errors.Is(err, context.Canceled) {
			return
		}
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		p = problem.New("internal", "the request failed; it was not applied")
	}
	writeProblem(w, p)
}

func (s *Server) serve(w *capture, r *http.Request, rt route) error {
	q := &req{r: r, ctx: r.Context()}
	if err := s.authenticate(q, rt); err != nil {
		return err
	}
	if err := CheckText(r); err != nil {
		return err
	}
	limit := s.svc.Settings().BodyLimitBytes
	raw, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return problem.Invalid("the body could not be read")
	}
	if int64(len(raw)) > limit {
		return problem.Newf("payload_too_large", "the body is larger than %d bytes", limit)
	}
	if rt.body != nil {
		v := reflect.New(rt.body).Interface()
		if len(bytes.TrimSpace(raw)) == 0 && len(required(reflect.ValueOf(v).Elem(), "")) == 0 {
			raw = []byte("{}") // a body of optional fields may be left out
		}
		if err := Decode(raw, v); err != nil {
			return err
		}
		q.body = v
	}
	if rt.method == http.MethodPost {
		if key := r.Header.Get("Idempotency-Key"); key != "" {
			return s.idempotent(w, q, rt, key, raw)
		}
	}
	return s.answer(w, q, rt)
}

func (s *Server) answer(w http.ResponseWriter, q *req, rt route) error {
	status, v, err := rt.handle(q)
	if err != nil {
		return err
	}
	writeJSON(w, status, v)
	return nil
}

// idempotent replays the first answer to a repeated key, refuses a key
// reused with another request, and remembers the answer otherwise (API.md
// Conventions, idempotency). The claim, the request's effects and its
// answer are one transaction (store.DB.Within), sent to the client only
// after it committed: a crash before the commit leaves nothing, so a retry
// runs the request once; after it, a retry gets the stored answer. A
// duplicate sent while the first is being answered waits for it and gets
// its answer; a 5xx answer is not kept, so a retry runs again.
func (s *Server) idempotent(w *capture, q *req, rt route, key string, raw []byte) error {
	if len(key) > 255 {
		return problem.Invalid("Idempotency-Key is at most 255 characters", problem.Field("Idempotency-Key", "invalid", "at most 255 characters"))
	}
	if rt.path == "/v1/test/clock" {
		// Moving the test clock runs jobs in transactions of their own and
		// waits for them: it cannot be one transaction. It is idempotent
		// only in the sense that a repeat moves the clock again.
		return s.answer(w, q, rt)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n", q.r.Method, q.r.URL.Path, q.acting)
	h.Write(canonicalJSON(raw))
	reqHash := hex.EncodeToString(h.Sum(nil))
	scoped := q.key.ID + ":" + key
	ttl := s.svc.Settings().IdempotencyTTL.D()
	var out *buffered
	var failed error // a 5xx: rolled back, not kept
	var prev store.Idem
	var claimed bool
	err := s.svc.DB().Within(q.r.Context(), func(ctx context.Context, tx *store.Tx) error {
		out, failed = newBuffered(), nil
		var err error
		if prev, claimed, err = tx.ClaimIdempotency(ctx, scoped, reqHash, s.svc.Now(), ttl); err != nil || !claimed {
			return err
		}
		q.ctx = ctx
		if err := s.answer(out, q, rt); err != nil {
			p, ok := problem.As(err)
			if !ok || p.Status >= 500 {
				if store.Retryable(err) {
					return err // the whole request runs again
				}
				failed = err
				return errRolledBack
			}
			writeProblem(out, p)
		}
		if out.status >= 500 {
			return errRolledBack
		}
		return tx.FinishIdempotency(ctx, scoped, out.status, out.buf.Bytes())
	})
	switch {
	case errors.Is(err, errRolledBack) && failed != nil:
		return failed
	case errors.Is(err, errRolledBack):
		out.sendTo(w)
		return nil
	case err != nil:
		return err
	case !claimed:
		if prev.RequestHash != reqHash {
			return problem.New("idempotency_key_reused", "this Idempotency-Key was used with a different request")
		}
		w.Header().Set("Idempotent-Replayed", "true")
		ct := "application/json"
		if prev.Status >= 400 {
			ct = "application/problem+json"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(prev.Status)
		_, _ = w.Write([]byte(prev.Body))
		return nil
	}
	out.sendTo(w)
	return nil
}

// errRolledBack makes Within roll back a request whose answer is not kept.
var errRolledBack = errors.New("answer not kept")

// buffered holds an answer until the transaction that made it commits.
type buffered struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func newBuffered() *buffered { return &buffered{header: http.Header{}} }

func (b *buffered) Header() http.Header { return b.header }

func (b *buffered) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *buffered) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}

// sendTo writes the held answer to w.
func (b *buffered) sendTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.buf.Bytes())
}

// canonicalJSON re-encodes a JSON body so that whitespace and key order do
// not make the same request look different.
func canonicalJSON(raw []byte) []byte {
	var v any
	if len(bytes.TrimSpace(raw)) == 0 || json.Unmarshal(raw, &v) != nil {
		return raw
	}
	b, _ := json.Marshal(v)
	return b
}

// authenticate checks the bearer key and its role, and reads Acting-Account.
func (s *Server) authenticate(q *req, rt route) error {
	h := q.r.Header.Get("Authorization")
	token, ok := bearer(h)
	if !ok || strings.TrimSpace(token) == "" {
		return problem.New("unauthorized", "send Authorization: Bearer <key>")
	}
	k, err := s.svc.Authenticate(q.ctx, strings.TrimSpace(token))
	if errors.Is(err, store.ErrNotFound) {
		return problem.New("unauthorized", "unknown API key")
	}
	if err != nil {
		return err
	}
	if !slices.Contains(rt.roles, k.Role) {
		return problem.Newf("forbidden_role", "a %s key may not call %s %s; it takes %s", k.Role, rt.method, rt.path, strings.Join(rt.roles, " or "))
	}
	q.key = k
	if k.Role == "integration" {
		// API.md "Acting member": the integration names the member it acts
		// for. Staff and admin keys act as themselves, never for a member,
		// so the header means nothing on their calls (as in actorOf).
		q.acting = strings.TrimSpace(q.r.Header.Get("Acting-Account"))
	}
	q.actor = actorOf(k, q.acting)
	return nil
}

// bearer reads the token of an Authorization header of the Bearer scheme,
// whose name is case-insensitive (RFC 9110 section 11.1).
func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return token, true
}

// actorOf is who the audit log records for a request: the acting member of
// an integration call; the named staff member behind a staff key bound to
// one (kind staff, id stf_); an admin key's member recorded as admin; else
// the key itself under its role.
func actorOf(k store.Key, acting string) service.Actor {
	if k.Role == "integration" && acting != "" {
		return service.Actor{Kind: "member", ID: acting}
	}
	return service.KeyActor(k)
}

// writeJSON renders v, encoded before the status is sent so that a value
// that cannot be encoded is a 500 problem, never a 2XX with a broken body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeProblem(w, problem.New("internal", "the answer could not be encoded"))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func writeProblem(w http.ResponseWriter, p *problem.Error) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	body := struct {
		Type string `json:"type"`
		*problem.Error
	}{Type: "https://standing.dev/problems/" + p.Code, Error: p}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(body)
}
