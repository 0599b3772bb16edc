// Command scale measures the aggregates' tables at marketplace scale (issue
// 10): it loads accounts (with their signals, through the service's seed),
// notices and cases (through the store, in transactions of 5,000), then
// times the transparency report for a year, a case queue page with the
// counts of every view, account search and sign-up decisions in process,
// and reports bytes per account row and per notice.
//
//	go run ./bench/scale -accounts 1000000 -notices 3000000 -cases 500000
//	go run ./bench/scale -database-url postgres://... (same sizes)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/cases"
	"standing/internal/clock"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/population"
	"standing/internal/service"
	"standing/internal/store"
)

func main() {
	accounts := flag.Int("accounts", 1000000, "accounts to load")
	notices := flag.Int("notices", 3000000, "notices to load")
	caseCount := flag.Int("cases", 500000, "cases to load")
	queries := flag.Int("queries", 2000, "timed calls of each kind")
	file := flag.String("db", filepath.Join(os.TempDir(), "scale.db"), "the SQLite file (kept: a second run with -reuse measures it again)")
	dsn := flag.String("database-url", "", "PostgreSQL instead of SQLite (a database of its own: it is loaded)")
	reuse := flag.Bool("reuse", false, "measure a database an earlier run loaded instead of loading it again")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the timed calls")
	flag.Parse()
	ctx := context.Background()
	var db *store.DB
	var err error
	if *dsn != "" {
		db, err = store.OpenPostgres(*dsn)
	} else {
		if !*reuse {
			for _, s := range []string{"", "-wal", "-shm"} {
				_ = os.Remove(*file + s)
			}
		}
		db, err = store.OpenSQLite(*file)
	}
	check(err)
	defer db.Close()
	check(db.Migrate(ctx))
	set := policy.Defaults()
	set.SignalSecret = "bench-scale-signal-secret" // a throwaway database
	svc, err := service.New(ctx, db, clock.System{}, set, slog.New(slog.NewTextHandler(io.Discard, nil)))
	check(err)
	g := population.New(uint64(*accounts))
	people := g.Honest(*accounts)
	now := time.Now().UTC()
	if !*reuse {
		t0 := time.Now()
		ids := load(ctx, db, svc, people, *notices, *caseCount, now)
		fmt.Printf("loaded %d accounts, %d notices, %d cases in %s\n", len(ids), *notices, *caseCount, time.Since(t0).Round(time.Second))
	}
	var ids []string
	check(db.Read(ctx, func(tx *store.Tx) error {
		ids, err = tx.Texts(ctx, `SELECT id FROM accounts ORDER BY id`)
		return err
	}))
	if *profile != "" {
		f, err := os.Create(*profile)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	r := rand.New(rand.NewPCG(1, 2))
	fmt.Printf("engine %s, %d accounts\n\n| measure | runs | p50 | p99 | max |\n|---|---|---|---|---|\n", db.Engine, len(ids))

	report := timeIt(5, func(int) {
		_, err := svc.Report(ctx, now.AddDate(-1, 0, 0), now)
		check(err)
	})
	row("transparency report, one year", report)

	views := service.QueueViews
	kinds := append([]string{""}, service.CaseKinds()...)
	row("case queue page (50) with the counts of every view", timeIt(*queries, func(i int) {
		_, err := svc.CaseQueue(ctx, kinds[r.IntN(len(kinds))], views[r.IntN(len(views))], "stf_"+fmt.Sprint(r.IntN(20)),
			service.ListOpts{Limit: 50})
		check(err)
	}))

	var members []account.View
	check(db.Read(ctx, func(tx *store.Tx) error {
		for i := 0; i < 200; i++ {
			a, err := svc.Account(ctx, ids[r.IntN(len(ids))])
			if err != nil {
				return err
			}
			members = append(members, a)
		}
		return nil
	}))
	for _, s := range []struct {
		by string
		q  func(a account.View) string
	}{
		{"id", func(a account.View) string { return a.ID }},
		{"email (canonical: upper case)", func(a account.View) string { return strings.ToUpper(a.Email) }},
		{"email prefix (8 characters)", func(a account.View) string { return a.Email[:min(len(a.Email), 8)] }},
		{"name prefix (7 characters)", func(a account.View) string { return a.Name[:min(len(a.Name), 7)] }},
		{"full name", func(a account.View) string { return a.Name }},
	} {
		row("account search by "+s.by+", page of 50", timeIt(*queries/5, func(i int) {
			_, err := svc.Accounts(ctx, "", s.q(members[r.IntN(len(members))]), service.ListOpts{Limit: 50})
			check(err)
		}))
	}

	row("sign-up decision in process", timeIt(*queries, func(i int) {
		p := g.Honest(1)[0]
		if i%10 == 0 {
			p = g.Evader(people[r.IntN(len(people))], 0, "same_card")
		}
		_, err := svc.SignUp(ctx, service.System, p.Input())
		if err != nil && !strings.Contains(err.Error(), "account_exists") {
			check(err)
		}
	}))
	fmt.Println()
	bytesPer(ctx, db, "accounts", "an account row")
	bytesPer(ctx, db, "notices", "a notice")
}

// load seeds the accounts through the service and writes notices and cases
// through the store, spread over the last two years.
func load(ctx context.Context, db *store.DB, svc *service.Service, people []population.Signup, notices, caseCount int, now time.Time) []string {
	for i := 0; i < len(people); i += 5000 {
		batch := make([]service.SeedAccount, 0, 5000)
		for _, p := range people[i:min(i+5000, len(people))] {
			batch = append(batch, p.Seed())
		}
		check(svc.Seed(ctx, batch))
		check(db.Checkpoint(ctx))
		progress("accounts", i+len(batch), len(people))
	}
	var ids []string
	check(db.Read(ctx, func(tx *store.Tx) error {
		var err error
		ids, err = tx.Texts(ctx, `SELECT id FROM accounts ORDER BY id`)
		return err
	}))
	r := rand.New(rand.NewPCG(3, 4))
	when := func() time.Time {
		return now.Add(-time.Duration(r.Int64N(int64(2 * 365 * 24 * time.Hour)))).Truncate(time.Microsecond)
	}
	rules := []struct{ rule, action string }{{"C1", "warning"}, {"V5", "suspension"}, {"V6", "warning"}, {"V4", "ban"},
		{"V1", "suspension"}, {"E1", "ban"}, {"I2", "restriction"}, {"V3", "ban"}, {"V7", "warning"}, {"M4", "ban"}}
	batches(notices, func(tx *store.Tx, i int) error {
		rc := rules[r.IntN(len(rules))]
		at := when()
		return tx.Save(ctx, store.Notices, notice.Notice{ID: fmt.Sprintf("ntc_scale%09d", i), AccountID: ids[r.IntN(len(ids))],
			Action: rc.action, Rule: rc.rule, Summary: notice.Summary(rc.action, rc.rule), Facts: "Screening found contact details in a message.",
			Evidence: []notice.Evidence{{Type: "object", Ref: fmt.Sprintf("msg_scale%09d", i)}}, AutomatedDetection: true,
			AutomatedDecision: i%5 != 0, Remedy: notice.Remedy(rc.rule, rc.action), AppealUntil: at.AddDate(0, 6, 0), CreatedAt: at})
	}, db, "notices")
	kinds := cases.Kinds
	batches(caseCount, func(tx *store.Tx, i int) error {
		at := when()
		c := service.Case{ID: fmt.Sprintf("case_scale%09d", i), Kind: kinds[r.IntN(len(kinds))], AccountID: ids[r.IntN(len(ids))],
			Channel: "web", Status: cases.Resolved, Body: "Please look at my account again.", RelatedAccountIDs: []string{},
			DueAt: service.BusinessDaysAfter(at, 2), OpenedBy: service.Actor{Kind: "member", ID: "acc_x"}, CreatedAt: at, Version: 1,
			History: []service.CaseEvent{{At: at, Actor: service.System, Action: "opened"}}}
		if c.Kind == cases.LinkageReview {
			c.RelatedAccountIDs = []string{ids[r.IntN(len(ids))]}
		}
		switch {
		case i%10 == 0: // the unfinished tenth, some of them assigned
			c.Status = []cases.Status{cases.Open, cases.InReview}[r.IntN(2)]
			if r.IntN(2) == 0 {
				who := "stf_" + fmt.Sprint(r.IntN(20))
				c.Assignee = &who
			}
		default:
			resolved := at.Add(time.Duration(r.IntN(96)) * time.Hour)
			out := cases.Outcomes(c.Kind)[0]
			c.ResolvedAt, c.Outcome = &resolved, &out
			c.History = append(c.History, service.CaseEvent{At: resolved, Actor: service.Actor{Kind: "staff", ID: "stf_1"}, Action: "resolved"})
		}
		return tx.Save(ctx, store.Cases, c)
	}, db, "cases")
	return ids
}

// batches runs write n times in transactions of 5,000.
func batches(n int, write func(tx *store.Tx, i int) error, db *store.DB, what string) {
	for i := 0; i < n; i += 5000 {
		check(db.Update(context.Background(), func(tx *store.Tx) error {
			for j := i; j < min(i+5000, n); j++ {
				if err := write(tx, j); err != nil {
					return err
				}
			}
			return nil
		}))
		check(db.Checkpoint(context.Background()))
		progress(what, min(i+5000, n), n)
	}
}

func progress(what string, done, of int) {
	if done%100000 == 0 || done == of {
		fmt.Fprintf(os.Stderr, "%s %d/%d %s\n", what, done, of, time.Now().Format(time.TimeOnly))
	}
}

// timeIt runs f n times and returns each run's wall time.
func timeIt(n int, f func(i int)) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		t := time.Now()
		f(i)
		out[i] = time.Since(t)
	}
	return out
}

func row(what string, d []time.Duration) {
	slices.Sort(d)
	p := func(q int) string { return d[min(len(d)-1, len(d)*q/100)].Round(10 * time.Microsecond).String() }
	fmt.Printf("| %s | %d | %s | %s | %s |\n", what, len(d), p(50), p(99), d[len(d)-1].Round(10*time.Microsecond))
}

// bytesPer reports a table's bytes (rows and their indexes) per row.
func bytesPer(ctx context.Context, db *store.DB, table, what string) {
	check(db.Read(ctx, func(tx *store.Tx) error {
		q := `SELECT CAST(SUM(pgsize) AS TEXT) FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name = '` + table + `')`
		rows := `SELECT CAST(COUNT(*) AS TEXT) FROM ` + table
		if db.Engine == store.Postgres {
			q = `SELECT pg_total_relation_size('` + table + `')::text`
		}
		size, err := tx.Texts(ctx, q)
		if err != nil {
			return err
		}
		n, err := tx.Texts(ctx, rows)
		if err != nil {
			return err
		}
		var b, c float64
		fmt.Sscan(size[0], &b)
		fmt.Sscan(n[0], &c)
		fmt.Printf("bytes per %s (with its indexes): %.0f\n", what, b/c)
		return nil
	}))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}
