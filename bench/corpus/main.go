// Command corpus writes the screening benchmark corpus (the messages of
// internal/screen/msggen, seed 1, 10 MB), one message a line, for the npm
// peers in bench/peers.mjs to read.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"standing/internal/screen/msggen"
)

func main() {
	out := flag.String("o", "bench/out/corpus.txt", "output file")
	mb := flag.Int("mb", 10, "size in MiB")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(f)
	for _, m := range msggen.New(1).Corpus(*mb << 20) {
		w.WriteString(m)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f.Close()
}
