package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"standing/internal/policy"
	"standing/internal/service"
)

// simulateCmd replays the recorded decisions of a window under the
// settings of a config file (issue 16) and prints what would have been
// different as tables; long runs draw a progress bar on stderr.
func simulateCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	cfg := fs.String("config", "", "JSON settings file to replay under (unset settings take their defaults)")
	fromS := fs.String("from", "", "start of the window, RFC 3339 (default: 30 days before --to)")
	toS := fs.String("to", "", "end of the window, RFC 3339 (default: now)")
	var d dbFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cfg == "" {
		return fmt.Errorf("simulate: --config names the settings to replay under")
	}
	set, err := policy.Load(*cfg)
	if err != nil {
		return err
	}
	to, from := time.Now().UTC(), time.Time{}
	for _, f := range []struct {
		name, value string
		dst         *time.Time
	}{{"to", *toS, &to}, {"from", *fromS, &from}} {
		if f.value == "" {
			continue
		}
		if *f.dst, err = time.Parse(time.RFC3339, f.value); err != nil {
			return fmt.Errorf("simulate: --%s: want an RFC 3339 time: %w", f.name, err)
		}
	}
	if from.IsZero() {
		from = to.AddDate(0, 0, -30)
	}
	if !from.Before(to) {
		return fmt.Errorf("simulate: --from must be before --to")
	}
	ctx := context.Background()
	svc, db, err := d.openService(ctx, set)
	if err != nil {
		return err
	}
	defer db.Close()
	bar := progressBar(stderr)
	sim, err := svc.RunSimulation(ctx, set, from.UTC(), to.UTC(), bar)
	if err != nil {
		return err
	}
	printSimulation(stdout, sim)
	return nil
}

// progressBar draws done/total on w when a run has many decisions.
func progressBar(w io.Writer) func(done, total int) {
	const width, long = 40, 10000
	last := -1
	return func(done, total int) {
		if total < long {
			return
		}
		pct := done * 100 / total
		if pct == last {
			return
		}
		last = pct
		n := done * width / total
		fmt.Fprintf(w, "\r[%s%s] %3d%% %d/%d decisions", strings.Repeat("#", n), strings.Repeat(" ", width-n), pct, done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// printSimulation prints a simulation as the API answers it, as tables.
func printSimulation(w io.Writer, s service.Simulation) {
	fmt.Fprintf(w, "simulation %s: decisions from %s to %s\n", s.ID, s.From.Format(time.RFC3339), s.To.Format(time.RFC3339))
	fmt.Fprintf(w, "replayed %d, changed %d, not replayable %d, staff decisions %d (kept as they were)\n\n",
		s.Replayed, s.Changed, s.NotReplayable, s.StaffDecisions)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "RULE\tACTION\tBEFORE\tAFTER\tCHANGE\t")
	for _, r := range s.ByRule {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%+d\t\n", r.Rule, r.Action, r.Before, r.After, r.After-r.Before)
	}
	tw.Flush()
	if len(s.Examples) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tRULE\tBEFORE\tAFTER\tAT")
	for _, e := range s.Examples {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.AccountID, e.Rule, e.Before, e.After, e.At.Format(time.RFC3339))
	}
	tw.Flush()
}
