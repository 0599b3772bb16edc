// Command screeneval prints the leave-one-family-out evaluation of the
// screening engine on the authored corpus (issue 12): for each evasion
// family, the learned layer is trained without it and scored on it; per
// category the worst and median family F1, the share of hard negatives
// flagged, and the same per language.
//
//	go run ./cmd/screeneval            # engine with the learned layer
//	go run ./cmd/screeneval -rules     # the extractors alone, for comparison
//	go run ./cmd/screeneval -v         # every family
//	go run ./cmd/screeneval -misses pay.  # the held-out texts of pay.* it got wrong
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"standing/internal/screen/corpus"
	"standing/internal/screen/screeneval"
)

func main() {
	rules := flag.Bool("rules", false, "score the extractors alone, without the learned layer")
	verbose := flag.Bool("v", false, "print every family")
	misses := flag.String("misses", "", "also print the held-out texts got wrong in the families starting with this prefix (neg. for the hard negatives flagged)")
	flag.Parse()
	t0 := time.Now()
	exs := corpus.Generate(1)
	preds := screeneval.LOFO(exs, *rules)
	rep := screeneval.Evaluate(exs, preds)
	rep.Print(os.Stdout, *verbose)
	if *misses != "" {
		screeneval.PrintMisses(os.Stdout, exs, preds, *misses)
	}
	fmt.Fprintf(os.Stderr, "%d texts, %s\n", len(exs), time.Since(t0).Round(time.Millisecond))
}
