package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"standing/internal/policy"
)

// nearmatchEstimate re-estimates the M9 probabilities on the accounts in
// the database and writes them as the near_match settings (to stdout, or
// to a file an operator then puts under "near_match" in the config, or
// over internal/policy/nearmatch.json to change the defaults).
func nearmatchEstimate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("nearmatch-estimate", flag.ContinueOnError)
	cfg := fs.String("config", "", "JSON settings file: the starting probabilities and the review weight kept")
	em := fs.Bool("em", true, "estimate m by EM over the blocked pairs too, not only from resolved multiple_accounts cases")
	write := fs.String("write", "", "write the settings to this file instead of stdout")
	seed := fs.Uint64("seed", 1, "seed of the random pairs u is counted on")
	var d dbFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	set, err := policy.Load(*cfg)
	if err != nil {
		return err
	}
	ctx := context.Background()
	svc, db, err := d.openService(ctx, set)
	if err != nil {
		return err
	}
	defer db.Close()
	est, err := svc.EstimateNearMatch(ctx, *em, *seed)
	if err != nil {
		return err
	}
	est.Print(stderr)
	b, err := json.MarshalIndent(est.Settings(set.NearMatch.ReviewWeight), "", "  ")
	if err != nil {
		return fmt.Errorf("encode settings: %w", err)
	}
	if *write == "" {
		_, err = fmt.Fprintln(stdout, string(b))
		return err
	}
	if err := os.WriteFile(*write, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *write, err)
	}
	return nil
}
