// Command screeneval prints the leave-one-family-out evaluation of the
// screening engine on the authored corpus (issue 12): for each evasion
// family, the learned layer is trained without it and scored on it; per
// category the worst and median family F1, the share of hard negatives
// flagged, and the same per language.
//
//	go run ./cmd/screeneval            # engine with the learned layer
//	go run ./cmd/screeneval -rules     # the extractors alone, for comparison
//	go run ./cmd/screeneval -v         # every family
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
	flag.Parse()
	t0 := time.Now()
	exs := corpus.Generate(1)
	rep := screeneval.Evaluate(exs, screeneval.LOFO(exs, *rules))
	rep.Print(os.Stdout, *verbose)
	fmt.Fprintf(os.Stderr, "%d texts, %s\n", len(exs), time.Since(t0).Round(time.Millisecond))
}
