// Command harness runs standing as an operator would, from a separate
// process: it builds and starts `standing serve` on SQLite or PostgreSQL,
// then runs a closed-loop load of screened messages (throughput, latency,
// database round trips and CPU per message), a crash loop (kill -9 under
// idempotent sign-ups, every acknowledged write checked afterwards, every
// unanswered one retried under its key) and an HTTP fuzzer over every route
// of the served OpenAPI document. It exits non-zero when an invariant broke:
// a 5xx, a lost acknowledged write, an effect applied twice, a stuck
// idempotency key, a deadlock, or a replica that hung after a restart.
//
//	go run ./bench/harness --engine sqlite
//	go run ./bench/harness --engine postgres --database-url postgres://...
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// config is what one run does.
type config struct {
	Engine      string        // sqlite or postgres
	DatabaseURL string        // PostgreSQL server (a fresh schema is made in it)
	Bin         string        // standing binary; built when empty
	Load        time.Duration // closed-loop load; 0 skips it
	Clients     int           // concurrent load clients
	Pairs       int           // client–freelancer pairs with a contract
	Crashes     int           // kill -9 cycles; 0 skips them
	Fuzz        int           // fuzzed requests; 0 skips them
	Seed        uint64
}

// report is what one run measured.
type report struct {
	Engine string       `json:"engine"`
	Load   *loadReport  `json:"load,omitempty"`
	Crash  *crashReport `json:"crash,omitempty"`
	Fuzz   *fuzzReport  `json:"fuzz,omitempty"`
	// Deadlocks PostgreSQL reported to the server over the whole run.
	Deadlocks int64 `json:"deadlocks"`
}

// failures lists the invariants the run broke.
func (r report) failures() []string {
	var out []string
	if r.Crash != nil {
		c := r.Crash
		if c.Lost > 0 || c.Duplicated > 0 || c.Stuck > 0 || c.Hung > 0 || c.ServerErrors > 0 {
			out = append(out, fmt.Sprintf("crash: %d lost, %d duplicated, %d stuck keys, %d hung restarts, %d 5xx", c.Lost, c.Duplicated, c.Stuck, c.Hung, c.ServerErrors))
		}
	}
	if r.Fuzz != nil && (r.Fuzz.ServerErrors > 0 || r.Fuzz.TransportErrors > 0) {
		out = append(out, fmt.Sprintf("fuzz: %d 5xx and %d transport errors in %d requests", r.Fuzz.ServerErrors, r.Fuzz.TransportErrors, r.Fuzz.Requests))
	}
	if r.Load != nil && r.Load.ServerErrors > 0 {
		out = append(out, fmt.Sprintf("load: %d 5xx", r.Load.ServerErrors))
	}
	if r.Deadlocks > 0 {
		out = append(out, fmt.Sprintf("%d deadlocks", r.Deadlocks))
	}
	return out
}

func main() {
	var c config
	fs := flag.NewFlagSet("harness", flag.ExitOnError)
	fs.StringVar(&c.Engine, "engine", "sqlite", "sqlite or postgres")
	fs.StringVar(&c.DatabaseURL, "database-url", os.Getenv("STANDING_TEST_POSTGRES"), "PostgreSQL URL (a fresh schema is made in it)")
	fs.StringVar(&c.Bin, "bin", "", "standing binary (default: built from ./cmd/standing)")
	fs.DurationVar(&c.Load, "load", 60*time.Second, "closed-loop load of screened messages (0: skip)")
	fs.IntVar(&c.Clients, "clients", 16, "concurrent load clients")
	fs.IntVar(&c.Pairs, "pairs", 64, "client-freelancer pairs with a contract that the load writes between")
	fs.IntVar(&c.Crashes, "crashes", 10, "kill -9 cycles under idempotent writes (0: skip)")
	fs.IntVar(&c.Fuzz, "fuzz", 100000, "fuzzed requests (0: skip)")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed")
	jsonOut := fs.String("json", "", "also write the report as JSON to this file")
	_ = fs.Parse(os.Args[1:])
	rep, err := run(context.Background(), c, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(2)
	}
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(*jsonOut, b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "harness:", err)
			os.Exit(2)
		}
	}
	if f := rep.failures(); len(f) > 0 {
		for _, x := range f {
			fmt.Fprintln(os.Stderr, "FAILED:", x)
		}
		os.Exit(1)
	}
	fmt.Println("every invariant held")
}

// run does the parts of c in order (load, crash, fuzz) against one server
// and database, printing as it goes.
func run(ctx context.Context, c config, out io.Writer) (report, error) {
	rep := report{Engine: c.Engine}
	srv, err := newServer(ctx, c)
	if err != nil {
		return rep, err
	}
	defer srv.close()
	if err := srv.start(); err != nil {
		return rep, err
	}
	if c.Load > 0 {
		l, err := runLoad(ctx, srv, c, out)
		if err != nil {
			return rep, fmt.Errorf("load: %w", err)
		}
		rep.Load = &l
	}
	if c.Crashes > 0 {
		cr, err := runCrash(ctx, srv, c, out)
		if err != nil {
			return rep, fmt.Errorf("crash: %w", err)
		}
		rep.Crash = &cr
	}
	if c.Fuzz > 0 {
		f, err := runFuzz(ctx, srv, c, out)
		if err != nil {
			return rep, fmt.Errorf("fuzz: %w", err)
		}
		rep.Fuzz = &f
	}
	rep.Deadlocks = srv.deadlocks()
	fmt.Fprintf(out, "deadlocks reported by the database: %d\n", rep.Deadlocks)
	return rep, nil
}
