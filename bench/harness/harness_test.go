package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// TestHarnessBounded is the bounded run of the harness that CI makes on each
// engine (README "PostgreSQL and several replicas"; API.md Conventions,
// idempotency and errors): a short load, one kill -9 cycle under idempotent
// sign-ups with every acknowledged write checked, and 20,000 fuzzed
// requests, with no 5xx, no lost or duplicated write, no stuck key, no
// deadlock and no hang after the restart. PostgreSQL runs when
// STANDING_TEST_POSTGRES is set; -short skips it all.
func TestHarnessBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the bounded harness run is skipped")
	}
	engines := []string{"sqlite"}
	if os.Getenv("STANDING_TEST_POSTGRES") != "" {
		engines = append(engines, "postgres")
	} else {
		t.Log("STANDING_TEST_POSTGRES is not set: the PostgreSQL run is skipped (.ci/run sets it)")
	}
	var out strings.Builder
	c := config{DatabaseURL: os.Getenv("STANDING_TEST_POSTGRES"), Load: 2 * time.Second, Clients: 8, Pairs: 8, Crashes: 1, Fuzz: 20000, Seed: 7}
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			c.Engine = engine
			out.Reset()
			rep, err := run(context.Background(), c, &out)
			t.Log("\n" + out.String())
			if err != nil {
				t.Fatal(err)
			}
			if f := rep.failures(); len(f) > 0 {
				t.Fatalf("invariants broken: %v", f)
			}
			if rep.Fuzz.Requests < 20000 || rep.Crash.Acknowledged == 0 || rep.Load.Messages == 0 {
				t.Fatalf("the run did too little: %+v %+v %+v", rep.Fuzz, rep.Crash, rep.Load)
			}
		})
	}
}
