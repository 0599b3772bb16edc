// Command nearmatch re-estimates the M9 Fellegi-Sunter probabilities on a
// synthetic near-match population and prints them as the settings file
// internal/policy embeds, keeping the review weight: u from random pairs,
// m from the labelled evader pairs, or by EM over the blocked pairs (-em):
//
//	go run ./bench/nearmatch -em -write internal/policy/nearmatch.json
//
// With -scenario it instead runs the near-match scenario in process on a
// fresh SQLite file with the current settings and prints recall per tactic
// and the honest review rates:
//
//	go run ./bench/nearmatch -scenario -honest 5000 -evaders 400
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite"

	"standing/internal/clock"
	"standing/internal/identity"
	"standing/internal/linkage"
	"standing/internal/policy"
	"standing/internal/population"
	"standing/internal/service"
	"standing/internal/store"
)

func main() {
	honest := flag.Int("honest", 20000, "honest members")
	evaders := flag.Int("evaders", 2000, "evaders (and as many look-alikes of their banned accounts)")
	seed := flag.Uint64("seed", 1, "population seed")
	write := flag.String("write", "", "write the settings to this file instead of stdout")
	em := flag.Bool("em", false, "estimate m by EM over the blocked pairs (labelled pairs held at 1) instead of from the labelled pairs alone")
	scenario := flag.Bool("scenario", false, "run the near-match scenario in process instead of estimating")
	flag.Parse()
	if *scenario {
		if err := runScenario(*seed, *honest, *evaders); err != nil {
			fail(err)
		}
		return
	}
	cur := policy.DefaultNearMatch()
	est, bytesPer := population.EstimateNearMatch(population.New(*seed), *honest, *evaders, identity.NewHasher("estimation-secret-not-stored", nil),
		linkage.ProbsOf(cur), *em, policy.Defaults().LinkCommonAccounts)
	out := est.Settings(cur.ReviewWeight)
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		fail(err)
	}
	est.Print(os.Stderr)
	fmt.Fprintf(os.Stderr, "bytes of kind + HMAC per stored encoding value %.1f\n", bytesPer)
	if *write == "" {
		fmt.Println(string(b))
		return
	}
	if err := os.WriteFile(*write, append(b, '\n'), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "nearmatch:", err)
	os.Exit(1)
}

// runScenario onboards the near-match population through the service on a
// fresh SQLite file and prints the report.
func runScenario(seed uint64, honest, evaders int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "nearmatch")
	if err != nil {
		return fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	db, err := store.OpenSQLite(filepath.Join(dir, "near.db"))
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	svc, err := service.New(ctx, db, clock.System{}, policy.Defaults(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return fmt.Errorf("service: %w", err)
	}
	rep, err := population.NearScenario(population.NewInProcess(ctx, svc), population.New(seed), honest, evaders)
	if err != nil {
		return fmt.Errorf("scenario: %w", err)
	}
	rep.PrintNear(os.Stdout)
	return nil
}
