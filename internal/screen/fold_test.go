package screen

import (
	"math/rand/v2"
	"testing"
	"unicode"
)

// TestLowerASCII checks the eight-bytes-at-a-time folding of ASCII
// against the byte table, over every byte value in every position.
func TestLowerASCII(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		b := make([]byte, r.IntN(40))
		for k := range b {
			b[k] = byte(r.IntN(128))
		}
		if n < 128 && len(b) > 0 {
			b[r.IntN(len(b))] = byte(n)
		}
		got := append([]byte(nil), b...)
		lowerASCII(got)
		for k, c := range b {
			if got[k] != lower[c] {
				t.Fatalf("lowerASCII(%q)[%d] = %q, want %q", b, k, got[k], lower[c])
			}
		}
	}
}

// TestPlainASCII checks the word test of fold against a byte loop.
func TestPlainASCII(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 100000; n++ {
		var b [8]byte
		for k := range b {
			b[k] = byte(r.IntN(256))
			if r.IntN(4) > 0 {
				b[k] &= 0x7f
			}
		}
		want := true
		for _, c := range b {
			want = want && c < 0x80 && c != '&'
		}
		if got := plainASCII(load64(string(b[:]), 0)); got != want {
			t.Fatalf("plainASCII(%q) = %v, want %v", b, got, want)
		}
	}
}

// TestFoldOf checks the fold's fast tables against foldTable, rune by rune.
func TestFoldOf(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		s, ok := foldOf(r)
		ws, wok := foldTable[r]
		if s != ws || ok != wok {
			t.Fatalf("%U: foldOf gives %q %v, foldTable %q %v", r, s, ok, ws, wok)
		}
	}
}
