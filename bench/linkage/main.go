// Command linkage measures sign-up decisions (M4, M9) at scale: it loads N
// accounts × 8 signals into SQLite (and with -postgres copies them into
// PostgreSQL and times there), then times sign-ups in process and reports
// bytes per stored signal. With -near
// the population is the near-match one (M9): every account also holds the
// keyed encodings of its name, birth date, address, profile text and
// device, 1% of them are banned, and the sign-ups carry birth dates and
// device traits, one in ten an evader keeping one hard thing.
//
// A loaded population is kept for the next run with -reuse (a SQLite file
// under -dir, or the PostgreSQL database, marked with what was loaded), so
// that `standing serve` and bench/signupload can time HTTP sign-ups against
// the same accounts.
//
//	go run ./bench/linkage -accounts 100000,1000000
//	go run ./bench/linkage -near -reuse -dir /work/bench-data -accounts 1000000
//	go run ./bench/linkage -near -reuse -postgres postgres://... -accounts 1000000
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"standing/internal/clock"
	"standing/internal/policy"
	"standing/internal/population"
	"standing/internal/service"
	"standing/internal/store"
)

// secret is the signal secret of every benchmark database: `standing serve`
// over one must be started with STANDING_SIGNAL_SECRET set to it.
const secret = "bench-linkage-signal-secret"

// config is what the flags choose.
type config struct {
	near, reuse bool
	dir, pg     string
	scratch     string
	signups     int
	stream      int
	cpuProfile  string
}

func main() {
	var c config
	sizes := flag.String("accounts", "100000", "population sizes, comma separated")
	flag.StringVar(&c.dir, "dir", os.TempDir(), "where the SQLite databases go")
	flag.StringVar(&c.scratch, "scratch", "/dev/shm/standing-bench", "where the load's shards go (a RAM disk is fastest)")
	flag.StringVar(&c.pg, "postgres", "", "PostgreSQL URL: load and time there instead of SQLite (its public schema is replaced)")
	flag.IntVar(&c.signups, "signups", 3000, "in-process sign-ups to time (0: only load)")
	flag.IntVar(&c.stream, "stream", 0, "which stream of new people signs up (a run on a reused database needs one no earlier run used)")
	flag.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the in-process sign-ups")
	flag.BoolVar(&c.reuse, "reuse", false, "keep a database an earlier run loaded with the same population instead of loading it again")
	flag.BoolVar(&c.near, "near", false, "the near-match population (M9): encodings, bans, evaders who keep one hard thing")
	flag.Parse()
	fmt.Println("| accounts | signals | load | in process p50 | p99 | max | CPU per sign-up | round trips | bytes/signal |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			fail(err)
		}
		if err := run(c, n); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "linkage:", err)
	os.Exit(1)
}

func pct(d []time.Duration, p float64) time.Duration {
	slices.Sort(d)
	return d[min(len(d)-1, int(float64(len(d))*p/100))]
}

// loadSQLite makes sure the SQLite file at path holds w's population,
// named name: kept from an earlier run with reuse when that run finished
// loading it, else loaded afresh. It reports whether it loaded.
func loadSQLite(ctx context.Context, c config, name, path string, w *population.Workload) (bool, error) {
	if _, err := os.Stat(path); err == nil && c.reuse {
		db, err := store.OpenSQLite(path)
		if err != nil {
			return false, err
		}
		ok, err := holds(ctx, db, name)
		db.Close()
		if ok || err != nil {
			return false, err
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	db, err := store.OpenSQLite(path)
	if err != nil {
		return false, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return false, err
	}
	db.Close()
	if err := bulkLoad(ctx, path, c.scratch, w); err != nil {
		return false, err
	}
	if db, err = store.OpenSQLite(path); err != nil {
		return false, err
	}
	defer db.Close()
	return true, mark(ctx, db, name)
}

// loadPostgres makes sure PostgreSQL holds the population named name,
// copying it from the SQLite file at path unless reuse finds it there.
func loadPostgres(ctx context.Context, c config, name, path string) (bool, error) {
	db, err := store.OpenPostgres(c.pg)
	if err != nil {
		return false, err
	}
	defer db.Close()
	if c.reuse {
		if ok, err := holds(ctx, db, name); ok || err != nil {
			return false, err
		}
	}
	if err := db.Exec(ctx, `DROP SCHEMA public CASCADE; CREATE SCHEMA public`); err != nil {
		return false, err
	}
	if err := db.Migrate(ctx); err != nil {
		return false, err
	}
	if err := copyToPostgres(ctx, path, c.pg); err != nil {
		return false, err
	}
	return true, mark(ctx, db, name)
}

// holds reports whether a load of the population named name finished in
// db (its marker is the last thing a load writes).
func holds(ctx context.Context, db *store.DB, name string) (bool, error) {
	if err := db.Migrate(ctx); err != nil {
		return false, err
	}
	var loaded string
	err := db.Read(ctx, func(tx *store.Tx) error {
		var err error
		loaded, err = tx.MetaValue(ctx, "bench_population")
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return loaded == name, err
}

func mark(ctx context.Context, db *store.DB, name string) error {
	return db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.SetMetaOnce(ctx, "bench_population", name)
		return err
	})
}

func run(c config, n int) error {
	ctx := context.Background()
	name := "linkage-" + strconv.Itoa(n)
	if c.near {
		name = "linkage-near-" + strconv.Itoa(n)
	}
	path := filepath.Join(c.dir, name+".db")
	w := population.NewWorkload(n, c.near)
	t0 := time.Now()
	loaded, err := loadSQLite(ctx, c, name, path, w)
	if err != nil {
		return err
	}
	load := "kept"
	if loaded {
		load = time.Since(t0).Round(time.Second).String()
	}
	var db *store.DB
	if c.pg != "" {
		t0 = time.Now()
		if loaded, err = loadPostgres(ctx, c, name, path); err != nil {
			return err
		}
		if loaded {
			load += " + " + time.Since(t0).Round(time.Second).String() + " copy"
		}
		db, err = store.OpenPostgres(c.pg)
	} else {
		db, err = store.OpenSQLite(path)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	set := policy.Defaults()
	set.SignalSecret = secret // a throwaway database
	svc, err := service.New(ctx, db, clock.System{}, set, log)
	if err != nil {
		return err
	}
	loopCtx, stop := context.WithCancel(ctx)
	defer stop()
	go svc.Loop(loopCtx) // due jobs and WAL checkpoints, as serve runs them
	var p50, p99, worst, cpuPer time.Duration
	var trips float64
	if c.signups > 0 {
		people := w.Signups(c.stream, c.signups)
		// The population generator's memory (a gigabyte at 1,000,000) is
		// the benchmark's, not the service's: collected before timing, so
		// that marking it does not land in the sign-ups' tail.
		w = nil
		runtime.GC()
		if c.cpuProfile != "" {
			f, err := os.Create(c.cpuProfile)
			if err != nil {
				return err
			}
			_ = pprof.StartCPUProfile(f)
		}
		lat := make([]time.Duration, 0, len(people))
		type timing struct{ wall, cpu []time.Duration }
		byOutcome := map[string]*timing{}
		// The sign-ups run on one OS thread, so that its CPU time is theirs.
		runtime.LockOSThread()
		cpu0, trips0 := cpuTime(), db.RoundTrips()
		for _, p := range people {
			in := p.Input()
			t, c := time.Now(), threadCPU()
			res, err := svc.SignUp(ctx, service.System, in)
			d, dc := time.Since(t), threadCPU()-c
			lat = append(lat, d)
			if err != nil && !strings.Contains(err.Error(), "account_exists") {
				return err
			}
			o := byOutcome[res.Decision.Outcome]
			if o == nil {
				o = &timing{}
				byOutcome[res.Decision.Outcome] = o
			}
			o.wall, o.cpu = append(o.wall, d), append(o.cpu, dc)
		}
		runtime.UnlockOSThread()
		pprof.StopCPUProfile()
		cpuPer = (cpuTime() - cpu0) / time.Duration(len(lat))
		trips = float64(db.RoundTrips()-trips0) / float64(len(lat))
		p50, p99, worst = pct(lat, 50), pct(lat, 99), pct(lat, 100)
		// The tail by decision (sign-ups sent to review open a case and read
		// their candidates), and the CPU time of the sign-up's own thread
		// (without the commit, which the group's goroutine runs): a wall-clock
		// tail far above it is time spent waiting, not working.
		for _, o := range slices.Sorted(maps.Keys(byOutcome)) {
			l := byOutcome[o]
			fmt.Fprintf(os.Stderr, "%s: decision %q: %d sign-ups, p50 %s, p99 %s; on their thread's CPU p50 %s, p99 %s\n",
				name, o, len(l.wall), pct(l.wall, 50).Round(time.Microsecond), pct(l.wall, 99).Round(time.Microsecond),
				pct(l.cpu, 50).Round(time.Microsecond), pct(l.cpu, 99).Round(time.Microsecond))
		}
	}
	signals, perRow, err := signalBytes(ctx, c, name)
	if err != nil {
		return err
	}
	fmt.Printf("| %d | %d | %s | %s | %s | %s | %s | %.1f | %.0f |\n", n, signals, load,
		p50.Round(time.Microsecond), p99.Round(time.Microsecond), worst.Round(time.Microsecond), cpuPer.Round(time.Microsecond), trips, perRow)
	return nil
}

// signalBytes counts the signal index's rows and its bytes a row, table
// and indexes (pages on SQLite, relation sizes on PostgreSQL), and reports
// the near-match encodings among them on stderr.
func signalBytes(ctx context.Context, c config, name string) (int64, float64, error) {
	var raw *sql.DB
	var err error
	size := `SELECT SUM(pgsize) FROM dbstat WHERE name IN ('signals', 'signals_account')`
	if c.pg != "" {
		raw, err = sql.Open("pgx", c.pg)
		size = `SELECT pg_total_relation_size('signals')`
	} else {
		raw, err = sql.Open("sqlite", "file:"+filepath.Join(c.dir, name+".db")+"?mode=ro")
	}
	if err != nil {
		return 0, 0, err
	}
	defer raw.Close()
	var bytes, signals, encodings, encBytes int64
	if err := raw.QueryRowContext(ctx, size).Scan(&bytes); err != nil {
		return 0, 0, fmt.Errorf("size of the signal index: %w", err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM signals`).Scan(&signals); err != nil {
		return 0, 0, err
	}
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(LENGTH(kind) + LENGTH(hash)), 0) FROM signals
		WHERE kind LIKE 'nm\_%' ESCAPE '\'`).Scan(&encodings, &encBytes); err != nil {
		return 0, 0, err
	}
	if encodings > 0 {
		fmt.Fprintf(os.Stderr, "%s: %d near-match index rows, %.1f bytes of kind + HMAC each\n",
			name, encodings, float64(encBytes)/float64(encodings))
		if err := encodingBytes(ctx, raw, c.pg != "", name, float64(bytes)/float64(signals)*float64(encodings)); err != nil {
			return 0, 0, err
		}
	}
	return signals, float64(bytes) / float64(signals), nil
}

// encodingBytes reports on stderr what the M9 encodings of an account
// cost: the account_encodings table and its key (every encoding's HMAC,
// read when the account is a candidate) with indexBytes, the blocking keys'
// share of the signal index, over the encodings it holds (counted on the
// first 2,000 accounts by id, the same on both engines: an unordered
// sample is whatever rows PostgreSQL stores first, such as the benchmark's
// later sign-ups, which hold fewer encodings).
func encodingBytes(ctx context.Context, raw *sql.DB, pg bool, name string, indexBytes float64) error {
	size := `SELECT SUM(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'account_encodings')`
	if pg {
		size = `SELECT pg_total_relation_size('account_encodings')`
	}
	var bytes, accounts int64
	if err := raw.QueryRowContext(ctx, size).Scan(&bytes); err != nil {
		return fmt.Errorf("size of account_encodings: %w", err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM account_encodings`).Scan(&accounts); err != nil {
		return err
	}
	rows, err := raw.QueryContext(ctx, `SELECT data FROM account_encodings ORDER BY account_id LIMIT 2000`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var sampled, held int
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return err
		}
		var doc struct {
			Encodings map[string][]string `json:"encodings"`
		}
		if err := json.Unmarshal([]byte(data), &doc); err != nil {
			return fmt.Errorf("account_encodings data: %w", err)
		}
		for _, hs := range doc.Encodings {
			held += len(hs)
		}
		sampled++
	}
	if err := rows.Err(); err != nil || sampled == 0 {
		return err
	}
	perAccount := float64(held) / float64(sampled)
	table := float64(bytes) / float64(accounts)
	fmt.Fprintf(os.Stderr, "%s: %.1f encodings an account; account_encodings %.0f bytes an account with its key, "+
		"index rows %.0f: %.0f bytes an encoding in all\n",
		name, perAccount, table, indexBytes/float64(accounts), (table+indexBytes/float64(accounts))/perAccount)
	return nil
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
