// Command linkage measures sign-up decisions (M4) at scale on SQLite: it
// loads N accounts × 8 signals, then times sign-ups in process and over
// HTTP at a fixed arrival rate, and reports bytes per stored signal.
// With -near the population is the near-match one (M9): every account also
// holds the keyed encodings of its name, birth date, address, profile text
// and device, 1% of them are banned, and the sign-ups carry birth dates and
// device traits, one in ten an evader keeping one hard thing.
//
//	go run ./bench/linkage -accounts 100000,1000000
//	go run ./bench/linkage -near -accounts 100000
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
	"syscall"
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
	flag.BoolVar(&reuse, "reuse", false, "keep a database an earlier run loaded with the same flags instead of loading it again")
	flag.BoolVar(&near, "near", false, "the near-match population (M9): encodings, bans, evaders who keep one hard thing")
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

var (
	cpuProfile string
	near       bool
	reuse      bool
)

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
	name := "linkage"
	if near {
		name = "linkage-near"
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, n))
	_, statErr := os.Stat(path)
	seed := !reuse || statErr != nil
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if seed {
			_ = os.Remove(path + suffix)
		}
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
	var people []population.Signup
	if near {
		people = g.NearHonest(n)
	} else {
		people = g.Honest(n)
	}
	t0 := time.Now()
	for i := 0; seed && i < len(people); i += 5000 {
		batch := make([]service.SeedAccount, 0, 5000)
		for j, p := range people[i:min(i+5000, len(people))] {
			sa := p.Seed()
			if near && (i+j)%100 == 0 {
				sa.BannedRule = "V4" // 1% of the population banned before
			}
			batch = append(batch, sa)
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
	var banned []int
	for i := 0; near && i < len(people); i += 100 {
		banned = append(banned, i)
	}
	load := time.Since(t0)

	// In process: new people and, one in ten, someone coming back with a
	// strong signal of a seeded account.
	signup := func(i int) population.Signup {
		switch {
		case near && i%10 == 0:
			b := banned[(i/10*7919)%len(banned)]
			return g.NearEvader(people[b], b, population.NearTactics[i/10%len(population.NearTactics)])
		case near:
			return g.NearPerson("honest")
		case i%10 == 0:
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
	cpu0 := cpuTime()
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
	cpuPer := (cpuTime() - cpu0) / time.Duration(len(lat))
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
	var encodings, encBytes int64
	if err := raw.QueryRow(`SELECT COUNT(*), COALESCE(SUM(LENGTH(kind) + LENGTH(hash)), 0) FROM signals WHERE kind LIKE 'nm\_%' ESCAPE '\'`).Scan(&encodings, &encBytes); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "accounts %d: CPU (user+system) per in-process sign-up %s\n", n, cpuPer.Round(time.Microsecond))
	if encodings > 0 {
		fmt.Fprintf(os.Stderr, "accounts %d: %d near-match encodings (%.1f an account), %.1f bytes of kind + HMAC each, %.0f bytes a row with the index\n",
			n, encodings, float64(encodings)/float64(n), float64(encBytes)/float64(encodings), float64(pages)/float64(signals))
	}
	fmt.Printf("| %d | %d | %s | %s | %s | %s | %s | %.0f/s | %.0f |\n", n, signals, load.Round(time.Second),
		inP50.Round(time.Microsecond), inP99.Round(time.Microsecond), pct(hl, 50).Round(time.Microsecond), pct(hl, 99).Round(time.Microsecond),
		achieved, float64(pages)/float64(signals))
}

// cpuTime is the process's user and system CPU time so far: on a shared
// machine it moves less than wall time when other processes take the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
