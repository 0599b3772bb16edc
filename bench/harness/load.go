package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"standing/internal/population"
	"standing/internal/screen/msggen"
)

// loadReport is the closed-loop message load's result.
type loadReport struct {
	Clients         int     `json:"clients"`
	Seconds         float64 `json:"seconds"`
	Messages        int     `json:"messages"`         // answered 201
	WithContact     int     `json:"with_contact"`     // of them, holding contact details
	Refused         int     `json:"refused"`          // answered 4xx
	ServerErrors    int     `json:"server_errors"`    // answered 5xx or not at all
	PerSecond       float64 `json:"per_second"`       // messages a second
	P50ms           float64 `json:"p50_ms"`           // latency seen by the client
	P99ms           float64 `json:"p99_ms"`           //
	RoundTrips      float64 `json:"round_trips"`      // database statements per message (with BEGIN, COMMIT)
	ServerCPUus     float64 `json:"server_cpu_us"`    // replica CPU per message, microseconds
	DatabaseCPUus   float64 `json:"database_cpu_us"`  // PostgreSQL backends' CPU per message (0 on SQLite)
	GeneratorCPUus  float64 `json:"generator_cpu_us"` // this process's CPU per message
	ServerCPUCores  float64 `json:"server_cores"`     // cores the replica kept busy
	DatabaseCPUCore float64 `json:"database_cores"`   // cores PostgreSQL kept busy
}

// pair is a client and a freelancer with a contract between them: C2 lets
// them exchange contact details, so the load's messages with contact details
// are screened in full and delivered, and no strikes pile up on the senders.
type pair struct{ client, freelancer string }

// setupPairs signs up, verifies and contracts n pairs.
func setupPairs(ctx context.Context, s *server, n int, seed uint64) ([]pair, error) {
	g := population.New(seed)
	type acc struct {
		Account struct{ ID string } `json:"account"`
	}
	var out []pair
	var client, org, job string
	for _, p := range g.Honest(8 * n) {
		if len(out) == n {
			break
		}
		var a acc
		p.Freelancer = client != ""
		if st, err := s.call(ctx, "POST", "/v1/accounts", "integration", "", p.Body(), &a); err != nil || st != 201 {
			continue // an honest person who shares a signal with another: not needed here
		}
		if client == "" {
			var o, j struct{ ID string }
			if st, err := s.call(ctx, "POST", "/v1/organizations", "integration", a.Account.ID, map[string]any{"name": p.Name + " Studio"}, &o); err != nil || st != 201 {
				return nil, fmt.Errorf("organization: %d %v", st, err)
			}
			if st, err := s.call(ctx, "POST", "/v1/jobs", "integration", a.Account.ID, map[string]any{"organization_id": o.ID,
				"title": "Landing page", "description": "Design and build a landing page.", "connects_price": 4}, &j); err != nil || st != 201 {
				return nil, fmt.Errorf("job: %d %v", st, err)
			}
			client, org, job = a.Account.ID, o.ID, j.ID
			continue
		}
		f := a.Account.ID
		if st, err := s.call(ctx, "POST", "/v1/accounts/"+f+"/verification", "integration", "", map[string]any{
			"legal_name": p.LegalName, "date_of_birth": p.DOB, "phone": p.Phone,
			"address":     map[string]any{"line1": p.Address, "city": "Springfield", "postal_code": "12345", "country": "US"},
			"id_document": map[string]any{"type": "passport", "country": "US", "number": "P" + strings.ReplaceAll(p.Card, "-", "")}}, nil); err != nil || st != 200 {
			client = "" // a verification that linked: start over with a new client
			continue
		}
		if st, err := s.call(ctx, "POST", "/v1/proposals", "integration", f, map[string]any{"job_id": job, "account_id": f, "cover_letter": "I can do this in a week."}, nil); err != nil || st != 201 {
			return nil, fmt.Errorf("proposal: %d %v", st, err)
		}
		if st, err := s.call(ctx, "POST", "/v1/contracts", "integration", client, map[string]any{"job_id": job, "freelancer_account_id": f,
			"kind": "fixed", "escrow_cents": 50000}, nil); err != nil || st != 201 {
			return nil, fmt.Errorf("contract: %d %v", st, err)
		}
		out = append(out, pair{client, f})
		client, org, job = "", "", ""
	}
	_ = org
	if len(out) < n {
		return nil, fmt.Errorf("only %d of %d pairs could be set up", len(out), n)
	}
	return out, nil
}

// contact are contact details, one of which one message in ten carries.
var contact = []string{"write me at ana.lopez%d@gmail.com", "my number is +1 415 555 %04d", "skype: grace.rossi%d",
	"call me on four one five, five five five, %d", "see www.tomsmith%d.com"}

// body makes one message of the load: msggen's honest text, with contact
// details in one of ten.
func body(g *msggen.Generator, r *rand.Rand) (string, bool) {
	for {
		text, bad := g.Message(g.Length())
		if bad {
			continue // msggen's violations include payment outside the platform: left out here
		}
		if r.IntN(10) == 0 {
			return text + " " + fmt.Sprintf(contact[r.IntN(len(contact))], r.IntN(10000)), true
		}
		return text, false
	}
}

// runLoad sends messages between the pairs from c.Clients clients in a
// closed loop for c.Load after a short warm-up, and measures.
func runLoad(ctx context.Context, s *server, c config, out io.Writer) (loadReport, error) {
	rep := loadReport{Clients: c.Clients}
	pairs, err := setupPairs(ctx, s, c.Pairs, c.Seed)
	if err != nil {
		return rep, err
	}
	var mu sync.Mutex
	var lat []time.Duration
	measuring := false
	var wg sync.WaitGroup
	stop := make(chan struct{})
	send := func(i int) {
		defer wg.Done()
		g := msggen.New(c.Seed + uint64(i))
		r := rand.New(rand.NewPCG(c.Seed, uint64(i)))
		var mine []time.Duration
		ok, withContact, refused, failed := 0, 0, 0, 0
		for n := 0; ; n++ {
			select {
			case <-stop:
				mu.Lock()
				lat = append(lat, mine...)
				rep.Messages += ok
				rep.WithContact += withContact
				rep.Refused += refused
				rep.ServerErrors += failed
				mu.Unlock()
				return
			default:
			}
			p := pairs[(i+n*c.Clients)%len(pairs)]
			from, to := p.client, p.freelancer
			if n%2 == 1 {
				from, to = to, from
			}
			text, hasContact := body(g, r)
			t0 := time.Now()
			st, err := s.call(ctx, "POST", "/v1/messages", "integration", "", map[string]any{"from_account_id": from, "to_account_id": to, "body": text}, nil)
			d := time.Since(t0)
			mu.Lock()
			m := measuring
			mu.Unlock()
			if !m {
				continue
			}
			switch {
			case err != nil || st >= 500:
				failed++
			case st == 201:
				ok++
				mine = append(mine, d)
				if hasContact {
					withContact++
				}
			default:
				refused++
			}
		}
	}
	for i := range c.Clients {
		wg.Add(1)
		go send(i)
	}
	time.Sleep(min(3*time.Second, c.Load/4)) // warm-up: pools, caches, statement caches
	trips0, cpu0, db0, gen0 := s.metric("standing_db_round_trips_total"), s.cpu(), s.pgCPU(ctx), procCPU(selfPID())
	t0 := time.Now()
	mu.Lock()
	measuring = true
	mu.Unlock()
	time.Sleep(c.Load)
	mu.Lock()
	measuring = false
	mu.Unlock()
	elapsed := time.Since(t0)
	trips1, cpu1, db1, gen1 := s.metric("standing_db_round_trips_total"), s.cpu(), s.pgCPU(ctx), procCPU(selfPID())
	close(stop)
	wg.Wait()
	slices.Sort(lat)
	rep.Seconds = elapsed.Seconds()
	if n := len(lat); n > 0 {
		rep.P50ms = float64(lat[n/2].Microseconds()) / 1000
		rep.P99ms = float64(lat[n*99/100].Microseconds()) / 1000
	}
	if rep.Messages > 0 {
		m := float64(rep.Messages)
		rep.PerSecond = m / elapsed.Seconds()
		rep.RoundTrips = float64(trips1-trips0) / m
		rep.ServerCPUus = float64((cpu1 - cpu0).Microseconds()) / m
		rep.DatabaseCPUus = float64((db1 - db0).Microseconds()) / m
		rep.GeneratorCPUus = float64((gen1 - gen0).Microseconds()) / m
	}
	rep.ServerCPUCores = (cpu1 - cpu0).Seconds() / elapsed.Seconds()
	rep.DatabaseCPUCore = (db1 - db0).Seconds() / elapsed.Seconds()
	fmt.Fprintf(out, "load %s: %d clients, %.0f s: %d screened messages (%d with contact details), %.0f/s, p50 %.1f ms, p99 %.1f ms, "+
		"%.1f database round trips per message; CPU per message: replica %.0f µs, PostgreSQL %.0f µs, load generator %.0f µs; %d refused, %d 5xx\n",
		c.Engine, c.Clients, rep.Seconds, rep.Messages, rep.WithContact, rep.PerSecond, rep.P50ms, rep.P99ms, rep.RoundTrips,
		rep.ServerCPUus, rep.DatabaseCPUus, rep.GeneratorCPUus, rep.Refused, rep.ServerErrors)
	return rep, nil
}
