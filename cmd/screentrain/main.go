// Command screentrain rebuilds the screening corpus and the learned layer
// from it, deterministically (issue 12):
//
//	go run ./cmd/screentrain      (or: go generate ./internal/screen)
//
// It writes internal/screen/corpus/corpus.jsonl from the hand-written
// sentence bank and internal/screen/model.bin, the model the engine embeds,
// trained on the whole corpus. Run from the repository root or from
// internal/screen (go generate does the latter).
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"standing/internal/screen"
	"standing/internal/screen/corpus"
	"standing/internal/screen/screeneval"
)

func main() {
	dir := "internal/screen"
	if _, err := os.Stat("model.go"); err == nil {
		dir = "." // run by go generate in internal/screen
	}
	t0 := time.Now()
	exs := corpus.Generate(1)
	if err := os.WriteFile(filepath.Join(dir, "corpus", "corpus.jsonl"), corpus.JSONL(exs), 0o644); err != nil {
		fail(err)
	}
	b, err := screen.Train(screeneval.Labelled(exs)).MarshalBinary()
	if err != nil {
		fail(err)
	}
	path := filepath.Join(dir, "model.bin")
	old, _ := os.ReadFile(path)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("%d texts, model %d bytes (changed: %v), %s\n", len(exs), len(b), !bytes.Equal(old, b), time.Since(t0).Round(time.Millisecond))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "screentrain:", err)
	os.Exit(1)
}
