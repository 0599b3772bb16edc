package simulate

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"standing/internal/policy"
	"standing/internal/screen"
)

// row is a recorded decision as the store hands it over: JSON facts and outcome.
type row struct {
	id, kind, account string
	facts, outcome    []byte
}

// history records n decisions of a marketplace of accounts members with
// a realistic mix: messages with findings (some from repeat offenders, so
// the strike ladder climbs and E1 deadlines fall due), first contacts
// checked for spam, sign-ups with links, refused content, later links and
// verifications, one every 30 seconds on average.
func history(n, members int) []row {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]row, 0, n+n/50)
	w := newWorld(policy.Defaults(), func(d Decision) {
		f, _ := json.Marshal(d.Facts)
		o, _ := json.Marshal(d.Outcome)
		out = append(out, row{id: d.ID, kind: d.Kind, account: d.AccountID, facts: f, outcome: o})
	})
	member := func() string {
		if rng.IntN(5) == 0 { // a fifth of the findings come from a few repeat offenders
			return fmt.Sprintf("acc_r%04d", rng.IntN(members/50+1))
		}
		return fmt.Sprintf("acc_m%06d", rng.IntN(members))
	}
	categories := []string{"contact.email", "contact.phone", "contact.handle", screen.OffPlatform, screen.PositiveReview}
	kinds := []string{"email", "phone", "payment_instrument", "device_id", "ip"}
	for len(out) < n {
		w.advance(time.Duration(rng.IntN(60)) * time.Second)
		switch p := rng.IntN(100); {
		case p < 55:
			w.message(member(), categories[rng.IntN(len(categories))])
		case p < 85:
			w.spam(member(), 1+rng.IntN(8), rng.Float64(), false)
		case p < 93:
			w.signup(fmt.Sprintf("acc_n%07d", len(out)), member(), kinds[rng.IntN(len(kinds))], 1+rng.IntN(40))
		case p < 97:
			ages := []time.Duration{0}
			for range rng.IntN(3) {
				ages = append(ages, time.Duration(rng.IntN(48))*time.Hour)
			}
			w.decide(Refusal, Facts{Account: Snap(w.acc(member())), Refusal: &RefusalFacts{Surface: "profile", Ages: ages}})
		case p < 99:
			a, o := w.acc(member()), w.acc(member())
			if a.ID != o.ID {
				w.decide(Later, Facts{Account: Snap(a), Links: &LinkFacts{Matches: []Match{{AccountID: o.ID, Status: string(o.Status),
					Kind: kinds[rng.IntN(3)], Shared: 2}}, Others: []Snapshot{Snap(o)}}})
			}
		default:
			w.decide(Verification, Facts{Account: Snap(w.acc(member())), Verify: &VerifyFacts{Age: 16 + rng.IntN(40), NameMatches: true}})
		}
	}
	return out[:n]
}

// replayRows decodes and replays rows as the service does after reading them.
func replayRows(b *testing.B, rows []row, s policy.Settings) Counts {
	r := New(s)
	for _, x := range rows {
		d := Decision{ID: x.id, Kind: x.kind, AccountID: x.account}
		if err := json.Unmarshal(x.facts, &d.Facts); err != nil {
			b.Fatal(err)
		}
		if err := json.Unmarshal(x.outcome, &d.Outcome); err != nil {
			b.Fatal(err)
		}
		if err := r.Step(d); err != nil {
			b.Fatal(err)
		}
	}
	return r.Finish(time.Now())
}

// BenchmarkReplayMillion replays 1,000,000 recorded decisions of 100,000
// members (decoding each one's JSON facts, as from the database) under
// the settings they were taken with, which must change nothing, and under
// a strike life of 90 days. Run it on one core:
//
//	go test ./internal/simulate -run '^$' -bench ReplayMillion -benchtime 1x -cpu 1
func BenchmarkReplayMillion(b *testing.B) { benchReplay(b, 1_000_000) }

// BenchmarkReplay is BenchmarkReplayMillion over a tenth of the history.
func BenchmarkReplay(b *testing.B) { benchReplay(b, 100_000) }

func benchReplay(b *testing.B, n int) {
	rows := history(n, n/10)
	b.Run("same settings", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			if c := replayRows(b, rows, policy.Defaults()); c.Changed != 0 || c.Replayed != len(rows) {
				b.Fatalf("faithfulness: %d of %d changed", c.Changed, c.Replayed)
			}
		}
		report(b, len(rows), cpu)
	})
	b.Run("strike_life 90d", func(b *testing.B) {
		s := policy.Defaults()
		s.StrikeLife = policy.Duration(90 * 24 * time.Hour)
		var c Counts
		cpu := cpuTime()
		for b.Loop() {
			c = replayRows(b, rows, s)
		}
		report(b, len(rows), cpu)
		b.ReportMetric(float64(c.Changed), "changed")
	})
}

// cpuTime is the CPU time this process has used: on a shared machine the
// wall clock also counts the other processes' turns.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// report adds the CPU seconds of one replay and the wall time per decision.
func report(b *testing.B, n int, cpuBefore time.Duration) {
	b.ReportMetric((cpuTime()-cpuBefore).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/decision")
}
