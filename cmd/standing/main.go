// Command standing runs the account-governance service of a freelance
// marketplace and its operator tools: serve, migrate, keys, screen, demo,
// simulate.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"standing/internal/clock"
	"standing/internal/console"
	"standing/internal/httpapi"
	"standing/internal/policy"
	"standing/internal/service"
	"standing/internal/store"
)

const usage = `standing governs the accounts of a freelance marketplace.

Usage:
  standing serve   [--addr 127.0.0.1:8080] [--db ./standing.db | --database-url postgres://...] [--config FILE] [--test-clock]
                   [--webhook-allow-hosts HOST,...] [--signal-secret-file FILE] [--metrics-addr ADDR]
                   [--oidc-issuer URL --oidc-client-id ID --oidc-redirect-url URL]
  standing migrate [--db FILE | --database-url URL]
  standing keys create --role integration|staff|admin --name NAME [--staff stf_..] [--db FILE | --database-url URL]
  standing keys list   [--db FILE | --database-url URL]
  standing keys revoke ID [--db FILE | --database-url URL]
  standing staff password stf_.. [--db FILE | --database-url URL]   a member's console password, from stdin or a prompt
  standing openapi [-o FILE]   the OpenAPI 3.1 document of the API (as served at /v1/openapi.json)
  standing screen  [--surface message] [--lines FILE|-] [TEXT]
  standing demo    --key KEY --staff-key KEY [--url http://127.0.0.1:8080] [--people 500] [--evaders 30]
  standing simulate --config FILE [--from RFC3339] [--to RFC3339] [--db FILE | --database-url URL]
  standing nearmatch-estimate [--db FILE | --database-url URL] [--config FILE] [--em=false] [--write FILE]

Environment: STANDING_ADDR, STANDING_DB, STANDING_DATABASE_URL, STANDING_WEBHOOK_ALLOW_HOSTS,
STANDING_SIGNAL_SECRET_FILE, STANDING_METRICS_ADDR and STANDING_OIDC_ISSUER, _CLIENT_ID, _REDIRECT_URL
mirror the flags; STANDING_SIGNAL_SECRET, STANDING_METRICS_TOKEN and STANDING_OIDC_CLIENT_SECRET hold the
signal secret, the metrics token and the OpenID Connect client secret themselves.
`

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "standing:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("name a command")
	}
	switch args[0] {
	case "serve":
		return serve(args[1:], stderr)
	case "migrate":
		return migrate(args[1:], stdout)
	case "keys":
		return keys(args[1:], stdout)
	case "staff":
		return staffCmd(args[1:], os.Stdin, stdout, stderr)
	case "openapi":
		return openapiCmd(args[1:], stdout)
	case "screen":
		return screenCmd(args[1:], os.Stdin, stdout)
	case "demo":
		return demo(args[1:], stdout)
	case "simulate":
		return simulateCmd(args[1:], stdout, stderr)
	case "nearmatch-estimate":
		return nearmatchEstimate(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// dbFlags are the database flags every command shares.
type dbFlags struct{ path, url string }

func (d *dbFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.path, "db", env("STANDING_DB", "./standing.db"), "SQLite database file")
	fs.StringVar(&d.url, "database-url", env("STANDING_DATABASE_URL", ""), "PostgreSQL URL (instead of --db)")
}

// open opens and migrates the chosen database.
func (d *dbFlags) open(ctx context.Context) (*store.DB, error) {
	var db *store.DB
	var err error
	if d.url != "" {
		db, err = store.OpenPostgres(d.url)
	} else {
		db, err = store.OpenSQLite(d.path)
	}
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func serve(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", env("STANDING_ADDR", "127.0.0.1:8080"), "listen address")
	cfg := fs.String("config", "", "JSON settings file (defaults: GET /v1/policies)")
	testClock := fs.Bool("test-clock", false, "enable POST /v1/test/clock (never in production)")
	allowHooks := fs.String("webhook-allow-hosts", env("STANDING_WEBHOOK_ALLOW_HOSTS", ""),
		"comma-separated hosts webhooks may reach over http and at private addresses (internal receivers, tests)")
	metricsAddr := fs.String("metrics-addr", env("STANDING_METRICS_ADDR", ""),
		"serve GET /metrics and /debug/pprof/ on this address only (such as 127.0.0.1:9090); on the API address /metrics needs metrics_token")
	secretFile := fs.String("signal-secret-file", env("STANDING_SIGNAL_SECRET_FILE", ""),
		"file holding the signal secret (created 0600 if missing; default: beside the SQLite database)")
	var oidc console.OIDCConfig
	fs.StringVar(&oidc.Issuer, "oidc-issuer", env("STANDING_OIDC_ISSUER", ""), "OpenID Connect issuer URL: staff may sign in to the console through it")
	fs.StringVar(&oidc.ClientID, "oidc-client-id", env("STANDING_OIDC_CLIENT_ID", ""), "the console's OpenID Connect client id")
	fs.StringVar(&oidc.RedirectURL, "oidc-redirect-url", env("STANDING_OIDC_REDIRECT_URL", ""),
		"the console's callback as the provider knows it: https://HOST/console/login/oidc/callback")
	var d dbFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	set, err := policy.Load(*cfg)
	if err != nil {
		return err
	}
	if v := os.Getenv("STANDING_METRICS_TOKEN"); v != "" {
		set.MetricsToken = v
	}
	if err := set.Validate(); err != nil {
		return err
	}
	for _, h := range strings.Split(*allowHooks, ",") {
		if h = strings.TrimSpace(h); h != "" {
			set.WebhookAllowHosts = append(set.WebhookAllowHosts, h)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var clk clock.Clock = clock.System{}
	if *testClock {
		clk = clock.NewTest(clock.System{})
		log.Warn("test clock enabled: POST /v1/test/clock moves time forward")
	}
	if set.SignalSecret, err = d.signalSecret(ctx, db, set, *secretFile, log); err != nil {
		return err
	}
	svc, err := service.New(ctx, db, clk, set, log)
	if err != nil {
		return err
	}
	if n, err := svc.KeyCount(ctx); err == nil && n == 0 {
		where := "--db " + d.path
		if d.url != "" {
			where = "--database-url '" + d.url + "'"
		}
		log.Warn("no API keys yet; create one with: standing keys create --role integration --name marketplace " + where)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	api := httpapi.New(svc, log, *testClock)
	con := console.New(svc, log)
	if oidc.Issuer != "" {
		oidc.ClientSecret = os.Getenv("STANDING_OIDC_CLIENT_SECRET")
		if err := con.EnableOIDC(ctx, oidc); err != nil {
			return err
		}
		log.Info("console single sign-on", "issuer", oidc.Issuer)
	}
	root := apiMux(con, api)
	if *metricsAddr != "" {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("listen %s: %w", *metricsAddr, err)
		}
		msrv := &http.Server{Handler: operatorMux(api.Metrics()), ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = msrv.Serve(mln) }()
		defer msrv.Close()
		log.Info("metrics", "addr", mln.Addr().String())
	}
	srv := &http.Server{Handler: httpapi.CleanPaths(root), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
	loopCtx, stopLoop := context.WithCancel(context.Background())
	loopDone := make(chan struct{})
	go func() { svc.Loop(loopCtx); close(loopDone) }()
	engine := "sqlite " + d.path
	if d.url != "" {
		engine = "postgres"
	}
	log.Info("standing serving", "addr", ln.Addr().String(), "db", engine, "console", "http://"+ln.Addr().String()+"/console/")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		stopLoop()
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = srv.Shutdown(shut)
	stopLoop()
	<-loopDone
	return err
}

// apiMux serves the API's address: the console under /console/ and the
// API for everything else, the profiler's paths included (operatorMux).
func apiMux(console, api http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/console/", console)
	mux.Handle("/", api)
	return mux
}

// operatorMux serves the operators' address: the metrics, and beside them
// the profiler, which is never on the API's address (a CPU profile of a
// live server is how its cost is found, and it exposes its internals).
func operatorMux(metrics http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	return mux
}

func migrate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	var d dbFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := d.open(context.Background())
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "migrated")
	return db.Close()
}

// signalSecret finds the secret that keys the signal index as every command
// over a database must: the settings, STANDING_SIGNAL_SECRET, a file, or the
// default file beside the SQLite database.
func (d dbFlags) signalSecret(ctx context.Context, db *store.DB, set policy.Settings, file string, log *slog.Logger) (string, error) {
	src := service.SecretSource{Value: set.SignalSecret, Env: os.Getenv("STANDING_SIGNAL_SECRET"), File: file}
	if src.File == "" {
		src.File = set.SignalSecretFile
	}
	if d.url == "" {
		src.DefaultFile = d.path + ".signal-secret"
	}
	return service.ResolveSignalSecret(ctx, db, src, log)
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (an id), and returns those arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos, rest = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

// openService opens the database of the flags and a service over it with
// the system clock, for commands that read what the service knows (simulate,
// nearmatch-estimate); the caller closes the database.
func (d dbFlags) openService(ctx context.Context, set policy.Settings) (*service.Service, *store.DB, error) {
	db, err := d.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if set.SignalSecret, err = d.signalSecret(ctx, db, set, os.Getenv("STANDING_SIGNAL_SECRET_FILE"), log); err != nil {
		db.Close()
		return nil, nil, err
	}
	svc, err := service.New(ctx, db, clock.System{}, set, log)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return svc, db, nil
}
