// Command linkage measures sign-up decisions (M4) at scale on SQLite: it
// loads N accounts × 8 signals, then times sign-ups in process and over
// HTTP at a fixed arrival rate, and reports bytes per stored signal.
//
//	go run ./bench/linkage -accounts 100000,1000000
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite"

	"standing/internal/clock"
	"standing/internal/httpapi"
	"standing/internal/policy"
	"standing/internal/population"
	"standing/internal/service"
	"standing/internal/store"
)

func main() {
	sizes := flag.String("accounts", "100000", "population sizes, comma separated")
	rate := flag.Int("rate", 500, "HTTP sign-ups per second")
	seconds := flag.Int("seconds", 10, "seconds of HTTP load")
	dir := flag.String("dir", os.TempDir(), "where the databases go")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the in-process sign-ups")
	flag.Parse()
	cpuProfile = *profile
	fmt.Println("| accounts | signals | load | in process p50 | p99 | HTTP at rate p50 | p99 | achieved rate | bytes/signal |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			fail(err)
		}
		run(n, *rate, *seconds, *dir)
	}
}

var cpuProfile string

func fail(err error) {
	fmt.Fprintln(os.Stderr, "linkage:", err)
	os.Exit(1)
}

func pct(d []time.Duration, p int) time.Duration {
	slices.Sort(d)
	return d[min(len(d)-1, len(d)*p/100)]
}

func run(n, rate, seconds int, dir string) {
	ctx := context.Background()
	path := filepath.Join(dir, fmt.Sprintf("linkage-%d.db", n))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	db, err := store.OpenSQLite(path)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		fail(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	set := policy.Defaults()
	set.SignalSecret = "bench-linkage-signal-secret" // a throwaway database
	svc, err := service.New(ctx, db, clock.System{}, set, log)
	if err != nil {
		fail(err)
	}
	loopCtx, stop := context.WithCancel(ctx)
	defer stop()
	go svc.Loop(loopCtx) // due jobs and WAL checkpoints, as serve runs them
	g := population.New(uint64(n))
	people := g.Honest(n)
	t0 := time.Now()
	for i := 0; i < len(people); i += 5000 {
		batch := make([]service.SeedAccount, 0, 5000)
		for _, p := range people[i:min(i+5000, len(people))] {
			batch = append(batch, p.Seed())
		}
		if err := svc.Seed(ctx, batch); err != nil {
			fail(err)
		}
		if err := db.Checkpoint(ctx); err != nil {
			fail(err)
		}
	}
	if err := db.Checkpoint(ctx); err != nil {
		fail(err)
	}
	load := time.Since(t0)

	// In process: new people and, one in ten, someone coming back with a
	// strong signal of a seeded account.
	signup := func(i int) population.Signup {
		if i%10 == 0 {
			return g.Evader(people[(i*7919)%len(people)], 0, "same_card")
		}
		return g.Honest(1)[0]
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			fail(err)
		}
		_ = pprof.StartCPUProfile(f)
	}
	var lat []time.Duration
	for i := 0; i < 3000; i++ {
		in := signup(i).Input()
		t := time.Now()
		_, err := svc.SignUp(ctx, service.System, in)
		lat = append(lat, time.Since(t))
		if err != nil && !strings.Contains(err.Error(), "account_exists") {
			fail(err)
		}
	}
	pprof.StopCPUProfile()
	inP50, inP99 := pct(lat, 50), pct(lat, 99)

	// Over HTTP at a fixed arrival rate (open loop: a late answer does not
	// delay the next request).
	srv := httptest.NewServer(httpapi.New(svc, log, false))
	defer srv.Close()
	key, _, err := service.CreateKey(ctx, db, "integration", "bench", time.Now())
	if err != nil {
		fail(err)
	}
	total := rate * seconds
	bodies := make([][]byte, total)
	for i := range bodies {
		bodies[i], _ = json.Marshal(signup(i).Body())
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	var mu sync.Mutex
	var hl []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < total; i++ {
		time.Sleep(time.Until(start.Add(time.Duration(i) * time.Second / time.Duration(rate))))
		wg.Add(1)
		go func(b []byte) {
			defer wg.Done()
			req, _ := http.NewRequest("POST", srv.URL+"/v1/accounts", bytes.NewReader(b))
			req.Header.Set("Authorization", "Bearer "+key)
			t := time.Now()
			res, err := client.Do(req)
			d := time.Since(t)
			if err != nil {
				fail(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 201 && res.StatusCode != 409 {
				fail(fmt.Errorf("HTTP %d", res.StatusCode))
			}
			mu.Lock()
			hl = append(hl, d)
			mu.Unlock()
		}(bodies[i])
	}
	wg.Wait()
	achieved := float64(total) / time.Since(start).Seconds()

	// Bytes per stored signal: the signal table and its index, by page.
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		fail(err)
	}
	defer raw.Close()
	var pages, signals int64
	if err := raw.QueryRow(`SELECT SUM(pgsize) FROM dbstat WHERE name IN ('signals', 'signals_account')`).Scan(&pages); err != nil {
		fail(fmt.Errorf("dbstat: %w", err))
	}
	if err := raw.QueryRow(`SELECT COUNT(*) FROM signals`).Scan(&signals); err != nil {
		fail(err)
	}
	fmt.Printf("| %d | %d | %s | %s | %s | %s | %s | %.0f/s | %.0f |\n", n, signals, load.Round(time.Second),
		inP50.Round(time.Microsecond), inP99.Round(time.Microsecond), pct(hl, 50).Round(time.Microsecond), pct(hl, 99).Round(time.Microsecond),
		achieved, float64(pages)/float64(signals))
}
