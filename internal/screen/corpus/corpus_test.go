package corpus

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestCommittedCorpusIsGenerated checks that corpus.jsonl is exactly what
// Generate(1) makes, so the file and the sentence bank never drift apart.
func TestCommittedCorpusIsGenerated(t *testing.T) {
	data, err := os.ReadFile("corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, JSONL(Generate(1))) {
		t.Fatal("corpus.jsonl differs from Generate(1): run go run ./cmd/screentrain")
	}
}

// TestSpansExact checks every span: inside the text, on rune boundaries,
// with the bytes it names, and of a category the example has.
func TestSpansExact(t *testing.T) {
	for _, e := range Generate(1) {
		if !utf8.ValidString(e.Text) {
			t.Fatalf("%s: invalid UTF-8", e.ID)
		}
		if len(e.Spans) != len(e.Categories) {
			t.Fatalf("%s: %d spans for %d categories", e.ID, len(e.Spans), len(e.Categories))
		}
		for _, s := range e.Spans {
			if s.Start < 0 || s.End > len(e.Text) || s.Start >= s.End {
				t.Fatalf("%s: span %d-%d out of text of %d bytes", e.ID, s.Start, s.End, len(e.Text))
			}
			if !utf8.RuneStart(e.Text[s.Start]) || s.End < len(e.Text) && !utf8.RuneStart(e.Text[s.End]) {
				t.Fatalf("%s: span %d-%d splits a character", e.ID, s.Start, s.End)
			}
			if e.Text[s.Start:s.End] != s.Text {
				t.Fatalf("%s: span %d-%d is %q, recorded %q", e.ID, s.Start, s.End, e.Text[s.Start:s.End], s.Text)
			}
			if !slices.Contains(e.Categories, s.Category) {
				t.Fatalf("%s: span of %s not among %v", e.ID, s.Category, e.Categories)
			}
		}
	}
}

// TestCorpusShape checks what issue 12 asks of the corpus: 6,000 texts,
// 3,000 hard negatives, 12 families per category, seven languages, and
// every family in several languages.
func TestCorpusShape(t *testing.T) {
	exs := Generate(1)
	neg := 0
	langs := map[string]int{}
	famLangs := map[string]map[string]bool{}
	for _, e := range exs {
		if e.Negative() {
			neg++
		}
		langs[e.Language]++
		if famLangs[e.Family] == nil {
			famLangs[e.Family] = map[string]bool{}
		}
		famLangs[e.Family][e.Language] = true
		if e.Surface == "" || e.Family == "" {
			t.Fatalf("%s: no surface or family", e.ID)
		}
	}
	if len(exs) < 6000 || neg < 3000 {
		t.Fatalf("%d texts, %d hard negatives", len(exs), neg)
	}
	for _, l := range Languages {
		if langs[l] < 300 {
			t.Errorf("language %s: %d texts", l, langs[l])
		}
	}
	for cat, fs := range Families() {
		if len(fs) < 12 {
			t.Errorf("%q: %d families", cat, len(fs))
		}
	}
	for f, ls := range famLangs {
		if len(ls) < 2 {
			t.Errorf("family %s in %d languages", f, len(ls))
		}
	}
}
