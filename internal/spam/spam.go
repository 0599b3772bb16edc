// Package spam measures how alike two message bodies are (V3) with MinHash
// sketches over word shingles: a sketch is small enough to store with each
// message, and comparing two estimates their Jaccard similarity.
package spam

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// Size is the number of hash functions in a sketch.
const Size = 32

// seeds make Size independent hash functions from one FNV hash.
var seeds = func() [Size]uint64 {
	var s [Size]uint64
	x := uint64(0x9E3779B97F4A7C15)
	for i := range s {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		s[i] = x | 1
	}
	return s
}()

// Sketch returns the MinHash sketch of a text's word 2-shingles (words are
// lower-cased letters and digits, so punctuation and case do not matter).
func Sketch(text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := make([]uint64, Size)
	for i := range out {
		out[i] = ^uint64(0)
	}
	if len(words) == 0 {
		return out
	}
	shingle := func(a, b string) {
		h := fnv.New64a()
		h.Write([]byte(a))
		h.Write([]byte{0})
		h.Write([]byte(b))
		v := h.Sum64()
		for i, s := range seeds {
			x := (v ^ s) * 0xBF58476D1CE4E5B9
			x ^= x >> 31
			if x < out[i] {
				out[i] = x
			}
		}
	}
	if len(words) == 1 {
		shingle(words[0], "")
	}
	for i := 0; i+1 < len(words); i++ {
		shingle(words[i], words[i+1])
	}
	return out
}

// Similarity estimates the Jaccard similarity of the texts behind two sketches.
func Similarity(a, b []uint64) float64 {
	if len(a) != Size || len(b) != Size {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / Size
}
